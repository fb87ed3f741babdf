// Deadline targets as data: a locality with other targets, or a new notice taking effect, is a row, not a code
// change. Sporadic issuance 5 working days, batch 30 (MOHRSS notice, targets from the end of 2019).
import { z } from 'zod';
import { issuanceModeSchema, type IssuanceMode } from './application';
import { SscardError } from './errors';
import { photoSpecSchema } from './photos';
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
  })
  .refine((p) => p.warnWorkingDaysBefore < p.workingDays, {
    message: 'the warning must come after the clock starts: fewer working days than the deadline',
    path: ['warnWorkingDaysBefore'],
  });
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;
export type DeadlinePolicyInput = z.input<typeof deadlinePolicySchema>;

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
}

/** The most specific region wins; among those, the latest that has taken effect. */
export function selectPolicy(policies: readonly DeadlinePolicy[], query: PolicyQuery): DeadlinePolicy {
  const specificity = (p: DeadlinePolicy) => (p.region === '*' ? 0 : p.region.length);
  const candidates = policies
    .filter(
      (p) =>
        p.mode === query.mode &&
        p.effectiveFrom <= query.on &&
        (p.region === '*' || query.region.startsWith(p.region)),
    )
    // Two rows alike in region and date are a configuration slip; the id decides, so every process agrees.
    .sort(
      (a, b) =>
        specificity(b) - specificity(a) ||
        b.effectiveFrom.localeCompare(a.effectiveFrom) ||
        a.id.localeCompare(b.id),
    );
  const chosen = candidates[0];
  if (!chosen) {
    throw new SscardError(
      'POLICY_NOT_FOUND',
      `no ${query.mode} deadline policy applies to region ${query.region} on ${query.on}`,
    );
  }
  return chosen;
}
