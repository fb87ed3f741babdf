// Deadline targets as data: a locality with other targets, or a new notice taking effect, is a row, not a code
// change. Sporadic issuance 5 working days, batch 30 (MOHRSS notice, targets from the end of 2019).
import { z } from 'zod';
import { issuanceModeSchema, type IssuanceMode } from './application';
import { SscardError } from './errors';
import { localDatePattern, type LocalDate } from './calendar/shanghai-time';

export const deadlinePolicySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  /** '*' for everywhere, or a region-code prefix of 2, 4 or 6 digits. */
  region: z.string().regex(/^(\*|\d{2}|\d{4}|\d{6})$/, "'*' or a region-code prefix of 2, 4 or 6 digits"),
  mode: issuanceModeSchema,
  effectiveFrom: z.string().regex(localDatePattern),
  workingDays: z.number().int().positive().max(250),
  warnWorkingDaysBefore: z.number().int().min(0).max(100),
  pauseWhileReturned: z.boolean().default(true),
  returnExpiryWorkingDays: z.number().int().positive().max(250),
});
export type DeadlinePolicy = z.infer<typeof deadlinePolicySchema>;

export const DEFAULT_POLICIES: DeadlinePolicy[] = [
  { id: 'national-sporadic-2019', region: '*', mode: 'sporadic', effectiveFrom: '2019-12-31', workingDays: 5, warnWorkingDaysBefore: 1, pauseWhileReturned: true, returnExpiryWorkingDays: 10 },
  { id: 'national-batch-2019', region: '*', mode: 'batch', effectiveFrom: '2019-12-31', workingDays: 30, warnWorkingDaysBefore: 5, pauseWhileReturned: true, returnExpiryWorkingDays: 10 },
];

/** The most specific region wins; among those, the latest that has taken effect. */
export function selectPolicy(policies: readonly DeadlinePolicy[], query: { region: string; mode: IssuanceMode; on: LocalDate }): DeadlinePolicy {
  const specificity = (p: DeadlinePolicy) => (p.region === '*' ? 0 : p.region.length);
  const candidates = policies
    .filter((p) => p.mode === query.mode && p.effectiveFrom <= query.on && (p.region === '*' || query.region.startsWith(p.region)))
    .sort((a, b) => specificity(b) - specificity(a) || b.effectiveFrom.localeCompare(a.effectiveFrom));
  const chosen = candidates[0];
  if (!chosen) throw new SscardError('POLICY_NOT_FOUND', `no ${query.mode} deadline policy applies to region ${query.region} on ${query.on}`);
  return chosen;
}
