// Deadline targets as data: a locality with other targets, or a new notice taking effect, is a row, not a code
// change. Sporadic issuance 5 working days, batch 30 (MOHRSS notice, targets from the end of 2019).
import { z } from 'zod';
import { issuanceModeSchema, type IssuanceMode } from './application';
import {
  type CounterDoc,
  type CounterKind,
  counterKindSchema,
  type InstantRequest,
  instantReasonSchema,
} from './counters';
import { SscardError } from './errors';
import { type MinorRules, minorRulesSchema, NATIONAL_MINOR_RULES } from './minors';
import { onlineTermsSchema } from './online';
import { photoSpecSchema } from './photos';
import { validityRulesSchema } from './validity';
import { localDateSchema } from './calendar/calendar-year';
import type { LocalDate } from './calendar/shanghai-time';

export const deadlinePolicySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . or -, at most 64'),
    /** '*' for everywhere, or a region-code prefix of 2, 4 or 6 digits. */
    region: z.string().regex(/^(\*|\d{2}|\d{4}|\d{6})$/, "'*' or a region-code prefix of 2, 4 or 6 digits"),
    mode: issuanceModeSchema,
    effectiveFrom: localDateSchema,
    workingDays: z.number().int().positive().max(250),
    /** The warning fires when this many working days are left before the deadline. */
    warnWorkingDaysBefore: z.number().int().min(0).max(100),
    /** The clock stops while the application is returned to its unit. */
    pauseWhileReturned: z.boolean().default(true),
    /** A returned application its unit leaves unanswered this long closes as expired. */
    returnExpiryWorkingDays: z.number().int().positive().max(250),
    /** Working days a temporary loss report of a card holds unless made formal (5 where a row sets none). */
    temporaryLossWorkingDays: z.number().int().positive().max(60).optional(),
    /**
     * Whether a card's replacement has the bank compare the person again although their identity data did not
     * change (false where a row says nothing: the predecessor's comparison stands).
     */
    replacementRepeatsComparison: z.boolean().optional(),
    /** The card photo specification of the locality (the national form where a row sets none). */
    photoSpec: photoSpecSchema.optional(),
    /** Share of applications an operator reviews at random (0 to 1), whatever the audit found. */
    reviewSamplingRate: z.number().min(0).max(1).default(0),
    /**
     * The instant lane (mode `instant`): the card is made within this many minutes of acceptance, or a supervisor
     * is told. Its working days are the legal clock it falls back to, counted from acceptance.
     */
    instant: z
      .object({
        targetMinutes: z.number().int().positive().max(240),
        /** How long the checks (the bank's comparison, the registries) may take before the lane hands over. */
        checkSeconds: z.number().int().min(5).max(600).default(60),
        /** How long the counter's printer may take, with the national registry's check, before it hands over. */
        printSeconds: z.number().int().min(10).max(1800).default(180),
        /** The counter kinds the row is for; every kind where absent. */
        counterKinds: z.array(counterKindSchema).min(1).optional(),
        /** Urgent only: the lane is open only for these reasons, chosen at acceptance; for anyone where absent. */
        reasons: z.array(instantReasonSchema).min(1).optional(),
      })
      .optional(),
    /** The online lane (mode `online`): its working days run from acceptance to dispatch. */
    online: onlineTermsSchema.optional(),
    /**
     * How long the region's cards are valid, by age, and its renewal window (domain/validity.ts): from the most
     * specific row that sets it (`rowSetting`); 10 years and 60 days where no row does.
     */
    validity: validityRulesSchema.optional(),
    /** The region's rules for minors and guardians (domain/minors.ts); the national ones where no row sets them. */
    minors: minorRulesSchema.optional(),
  })
  .refine((p) => (p.mode === 'online') === (p.online !== undefined), {
    message: 'an online policy, and only an online one, sets `online` (its desk and its return counter)',
    path: ['online'],
  })
  .refine((p) => p.warnWorkingDaysBefore < p.workingDays, {
    message: 'the warning must come after the clock starts: fewer working days than the deadline',
    path: ['warnWorkingDaysBefore'],
  })
  .refine((p) => (p.mode === 'instant') === (p.instant !== undefined), {
    message: 'an instant policy, and only an instant one, sets `instant` (its target in minutes)',
    path: ['instant'],
  });
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;
export type DeadlinePolicyInput = z.input<typeof deadlinePolicySchema>;

/**
 * An instant policy as a region adds it to turn the lane on (no default does: a region needs counters with
 * printers first). Made within 15 minutes, as Zhongshan does; the sporadic 5 working days when it hands over.
 */
/**
 * An online policy as a region adds it to turn the lane on: its desk and return counter are the region's own;
 * 15 working days from acceptance to dispatch, warned 3 before.
 */
export function onlinePolicy(
  id: string,
  region: string,
  online: z.input<typeof onlineTermsSchema>,
): DeadlinePolicyInput {
  return {
    id,
    region,
    mode: 'online',
    effectiveFrom: '2024-01-01',
    workingDays: 15,
    warnWorkingDaysBefore: 3,
    returnExpiryWorkingDays: 10,
    online,
  };
}

export const INSTANT_POLICY_EXAMPLE: DeadlinePolicyInput = {
  id: 'instant-example',
  region: '*',
  mode: 'instant',
  effectiveFrom: '2024-01-01',
  workingDays: 5,
  warnWorkingDaysBefore: 1,
  returnExpiryWorkingDays: 10,
  instant: { targetMinutes: 15, checkSeconds: 60, printSeconds: 180 },
};

export const DEFAULT_POLICIES: readonly DeadlinePolicy[] = [
  {
    id: 'national-sporadic-2019',
    region: '*',
    mode: 'sporadic',
    effectiveFrom: '2019-12-31',
    workingDays: 5,
    warnWorkingDaysBefore: 1,
    pauseWhileReturned: true,
    returnExpiryWorkingDays: 10,
    reviewSamplingRate: 0,
  },
  {
    id: 'national-batch-2019',
    region: '*',
    mode: 'batch',
    effectiveFrom: '2019-12-31',
    workingDays: 30,
    warnWorkingDaysBefore: 5,
    pauseWhileReturned: true,
    returnExpiryWorkingDays: 10,
    reviewSamplingRate: 0,
  },
];

export interface PolicyQuery {
  /** The 6-digit region code of the application (the unit's or the batch's). */
  region: string;
  mode: IssuanceMode;
  /** The local date the clock starts (acceptance). */
  on: LocalDate;
  /** The counter of an instant application: rows for other kinds do not apply. */
  counterKind?: CounterKind;
}

const specificity = (p: DeadlinePolicy) => (p.region === '*' ? 0 : p.region.length);

/** The most specific region first; among those, the latest to take effect. */
const byPrecedence = (a: DeadlinePolicy, b: DeadlinePolicy): number =>
  specificity(b) - specificity(a) ||
  b.effectiveFrom.localeCompare(a.effectiveFrom) ||
  // Two rows alike in region and date are a configuration slip; the id decides, so every process agrees.
  a.id.localeCompare(b.id);

/**
 * The row whose block `key` (rules that are no deadline: `validity`) applies in `region` on `on`: the most specific
 * region row that sets it and has taken effect, whatever its mode; none where no row sets it.
 */
export function rowSetting<K extends keyof DeadlinePolicy>(
  policies: readonly DeadlinePolicy[],
  key: K,
  region: string,
  on: LocalDate,
): (DeadlinePolicy & Required<Pick<DeadlinePolicy, K>>) | undefined {
  return policies
    .filter(
      (p) =>
        p[key] !== undefined && p.effectiveFrom <= on && (p.region === '*' || region.startsWith(p.region)),
    )
    .sort(byPrecedence)[0] as (DeadlinePolicy & Required<Pick<DeadlinePolicy, K>>) | undefined;
}

/** The region's rules for minors on the day (domain/minors.ts), from the row setting them; else the national ones. */
export function minorRulesFor(
  policies: readonly DeadlinePolicy[],
  region: string,
  on: LocalDate,
): MinorRules {
  return rowSetting(policies, 'minors', region, on)?.minors ?? NATIONAL_MINOR_RULES;
}

/** The most specific region wins; among those, the latest that has taken effect. */
export function selectPolicy(policies: readonly DeadlinePolicy[], query: PolicyQuery): DeadlinePolicy {
  const candidates = policies
    .filter(
      (p) =>
        p.mode === query.mode &&
        p.effectiveFrom <= query.on &&
        (!query.counterKind ||
          !p.instant?.counterKinds ||
          p.instant.counterKinds.includes(query.counterKind)) &&
        (p.region === '*' || query.region.startsWith(p.region)),
    )
    .sort(byPrecedence);
  const chosen = candidates[0];
  if (!chosen) {
    throw new SscardError(
      'POLICY_NOT_FOUND',
      `no ${query.mode} deadline policy applies to region ${query.region} on ${query.on}`,
    );
  }
  return chosen;
}

/**
 * The instant policy for an application at this counter, or the refusal a clerk can act on: the counter must be
 * registered, open and have a printer, the region must offer the lane at such a counter on the day, and where the
 * region keeps it for urgent cases the reason must be one it lists. The counter's region decides.
 */
export function instantPolicyFor(
  policies: readonly DeadlinePolicy[],
  counter: CounterDoc | null,
  request: InstantRequest,
  on: LocalDate,
): DeadlinePolicy {
  if (!counter) throw new SscardError('COUNTER_UNKNOWN', `counter ${request.counterId} is not registered`);
  if (counter.status !== 'open') throw new SscardError('COUNTER_CLOSED', `counter ${counter._id} is closed`);
  if (!counter.printer)
    throw new SscardError('COUNTER_HAS_NO_PRINTER', `counter ${counter._id} has no card printer`);
  let policy: DeadlinePolicy;
  try {
    policy = selectPolicy(policies, {
      region: counter.region,
      mode: 'instant',
      on,
      counterKind: counter.kind,
    });
  } catch {
    throw new SscardError(
      'INSTANT_NOT_OFFERED',
      `no instant policy applies to region ${counter.region} at a ${counter.kind} counter on ${on}`,
    );
  }
  const reasons = policy.instant?.reasons;
  if (reasons && !(request.reason && reasons.includes(request.reason))) {
    throw new SscardError(
      'INSTANT_REASON_REQUIRED',
      `region ${counter.region} makes cards at the counter only for: ${reasons.join(', ')}`,
    );
  }
  return policy;
}
