// Minors and their guardians as the region's policy says: who needs a guardian to apply, when a holder is an adult
// (the guardian's rights end), and under what age no photo is taken. Pure, so the client, the activities and the
// tests share one reading of the rules.
import { z } from 'zod';
import type { Applicant } from './applicant';
import type { LocalDate } from './calendar/shanghai-time';
import type { ErrorCode } from './errors';
import { ageOn, parseResidentId } from './resident-id';

/**
 * A region's rules for minors, a block of its deadline policy rows. 16 and 17 year olds may work and apply alone,
 * or through a guardian: the guardian then acts until the holder is 18.
 */
export const minorRulesSchema = z
  .object({
    /** Under this age a guardian applies (16 by default: the age one may work at, Labour Law art. 15). */
    guardianUnder: z.number().int().min(0).max(18).default(16),
    /** The age a holder is an adult at and a guardian's rights end (18, Civil Code art. 17). */
    adultAt: z.number().int().min(16).max(18).default(18),
    /** Under this age the card is printed without a photo (Guangdong: 7); a photo at every age where absent. */
    noPhotoUnder: z.number().int().min(1).max(16).optional(),
  })
  .refine((r) => r.guardianUnder <= r.adultAt, {
    message: 'a guardian cannot be required beyond the age of majority',
    path: ['guardianUnder'],
  });
export type MinorRules = z.infer<typeof minorRulesSchema>;

export const NATIONAL_MINOR_RULES: MinorRules = { guardianUnder: 16, adultAt: 18 };

const birthDateOf = (residentId: string): LocalDate | undefined => {
  const parsed = parseResidentId(residentId);
  return parsed.ok ? parsed.value.birthDate : undefined;
};

/** Why the applicant and their guardian (or its absence) cannot apply together, or undefined when they can. */
export function guardianRefusal(
  applicant: Pick<Applicant, 'residentId' | 'guardian'>,
  rules: MinorRules,
  on: LocalDate,
): { code: ErrorCode; message: string } | undefined {
  const born = birthDateOf(applicant.residentId);
  if (!born) return undefined;
  const age = ageOn(born, on);
  const { guardian } = applicant;
  if (!guardian) {
    return age < rules.guardianUnder
      ? {
          code: 'GUARDIAN_REQUIRED',
          message: `the applicant is under ${rules.guardianUnder}: their guardian applies for them`,
        }
      : undefined;
  }
  if (age >= rules.adultAt)
    return {
      code: 'GUARDIAN_FOR_ADULT',
      message: `the applicant is ${rules.adultAt} or over and applies for themselves`,
    };
  if (guardian.residentId === applicant.residentId)
    return { code: 'GUARDIAN_IS_APPLICANT', message: 'the guardian named is the applicant' };
  const guardianBorn = birthDateOf(guardian.residentId);
  if (guardianBorn && ageOn(guardianBorn, on) < rules.adultAt)
    return { code: 'GUARDIAN_NOT_ADULT', message: `the guardian named is under ${rules.adultAt}` };
  return undefined;
}

/** The holder's data for their next card: one who has come of age applies without the guardian who applied before. */
export function grownUp(applicant: Applicant, rules: MinorRules, on: LocalDate): Applicant {
  if (guardianRefusal(applicant, rules, on)?.code !== 'GUARDIAN_FOR_ADULT') return applicant;
  const { guardian: _guardian, ...adult } = applicant;
  return adult;
}

/** Whether the card carries a photo: not for a child under the region's no-photo age. */
export function photoRequired(applicant: Applicant, rules: MinorRules, on: LocalDate): boolean {
  const born = birthDateOf(applicant.residentId);
  return !(born && rules.noPhotoUnder !== undefined && ageOn(born, on) < rules.noPhotoUnder);
}

/** The day someone born on `birthDate` is `age`; one born on 29 February is on 1 March in other years. */
export function birthdayOf(birthDate: LocalDate, age: number): LocalDate {
  const year = Number(birthDate.slice(0, 4)) + age;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDay = birthDate.slice(5) === '02-29' && !leap ? '03-01' : birthDate.slice(5);
  return `${year}-${monthDay}`;
}

/** The day the applicant comes of age under the rules, when they apply through a guardian. */
export function adultOn(applicant: Applicant, rules: MinorRules): LocalDate | undefined {
  const born = birthDateOf(applicant.residentId);
  return applicant.guardian && born ? birthdayOf(born, rules.adultAt) : undefined;
}

/**
 * The phone a holder's notices go to: their guardian's while the guardian acts for them (until the hand-over at
 * coming of age), otherwise their own.
 */
export function contactPhone(applicant: Applicant, handedOver: boolean): string | undefined {
  return applicant.guardian && !handedOver ? applicant.guardian.phone : applicant.phone;
}
