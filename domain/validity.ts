// How long a card is valid and when its renewal may be asked: policy data, a block of the region's deadline policy
// rows (`validity`, the most specific row that sets it), read when the card is registered and kept on the card as
// facts (its last valid day, the first day of its renewal window): a policy changed later moves no card issued.
import { z } from 'zod';
import { addCalendarDays, isRealDate, type LocalDate } from './calendar/shanghai-time';
import { ageOn } from './resident-id';

const expirySchema = z.union([
  /** This many years after the card is registered. */
  z.object({ years: z.number().int().min(1).max(50) }).strict(),
  /** Until the holder's birthday of this age (the youngest: until 7 in Shanghai). */
  z.object({ atAge: z.number().int().min(1).max(120) }).strict(),
  /** The card does not expire (长期). */
  z.literal('never'),
]);

const bandSchema = z.object({
  /** The holder's age on the day the card is registered, from which this band applies (up to the next band's). */
  fromAge: z.number().int().min(0).max(120),
  expires: expirySchema,
});

/** The ministry's rule where no row sets one: 10 years for everyone, renewal asked up to 60 days before expiry. */
export const NATIONAL_VALIDITY = 'national-validity';

export const DEFAULT_VALIDITY_BANDS: z.input<typeof bandSchema>[] = [{ fromAge: 0, expires: { years: 10 } }];
export const DEFAULT_RENEWAL_WINDOW_DAYS = 60;

export const validityRulesSchema = z
  .object({
    bands: z.array(bandSchema).min(1).default(DEFAULT_VALIDITY_BANDS),
    /** How many days before the card's expiry its renewal may be asked (30 in some cities). */
    renewalWindowDays: z.number().int().min(1).max(365).default(DEFAULT_RENEWAL_WINDOW_DAYS),
  })
  .refine(
    (v) =>
      v.bands[0]?.fromAge === 0 && v.bands.every((b, i) => i === 0 || b.fromAge > v.bands[i - 1]!.fromAge),
    {
      message: 'bands start at age 0, each at an older age than the one before',
      path: ['bands'],
    },
  )
  .refine(
    (v) =>
      v.bands.every((b, i) => {
        if (typeof b.expires !== 'object' || !('atAge' in b.expires)) return true;
        const next = v.bands[i + 1];
        return next !== undefined && b.expires.atAge >= next.fromAge;
      }),
    {
      message: 'a band that ends at an age is followed by a band starting at that age or younger',
      path: ['bands'],
    },
  );
export type ValidityRules = z.infer<typeof validityRulesSchema>;

/** The card's validity as registered: no `expiresOn` for a card that never expires. */
export interface Validity {
  /** The deadline policy row the rules came from (NATIONAL_VALIDITY where none set them). */
  policyId: string;
  /** The last day the card is valid. */
  expiresOn?: LocalDate;
  /** The first day its renewal may be asked. */
  renewableFrom?: LocalDate;
}

/** The same day `years` on; 29 February becomes 28 February in a year without it. */
function addYears(day: LocalDate, years: number): LocalDate {
  const moved = `${String(Number(day.slice(0, 4)) + years).padStart(4, '0')}${day.slice(4)}`;
  return isRealDate(moved) ? moved : moved.replace('-02-29', '-02-28');
}

/** A card registered on `registeredOn` for a holder born on `birthDate`, under the region's rules. */
export function validityOf(
  policyId: string,
  rules: ValidityRules | undefined,
  birthDate: LocalDate,
  registeredOn: LocalDate,
): Validity {
  const { bands, renewalWindowDays } = rules ?? validityRulesSchema.parse({});
  const age = ageOn(birthDate, registeredOn);
  const band = bands.findLast((b) => b.fromAge <= age)!;
  if (band.expires === 'never') return { policyId };
  const expiresOn =
    'years' in band.expires
      ? addYears(registeredOn, band.expires.years)
      : addYears(birthDate, band.expires.atAge);
  return { policyId, expiresOn, renewableFrom: addCalendarDays(expiresOn, -renewalWindowDays) };
}

/**
 * Shanghai's rule, as a region sets it on its row: until the 7th birthday for the youngest, 10 years from 7 to 25, 20
 * years from 26 to 45, no expiry from 46.
 */
export const SHANGHAI_VALIDITY: z.input<typeof validityRulesSchema> = {
  bands: [
    { fromAge: 0, expires: { atAge: 7 } },
    { fromAge: 7, expires: { years: 10 } },
    { fromAge: 26, expires: { years: 20 } },
    { fromAge: 46, expires: 'never' },
  ],
};
