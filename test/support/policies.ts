// A region's policy row as an administrator adds it for a setting of its own (the rules for minors, the validity):
// a batch row with the national deadline, so that only the setting under test differs.
import { deadlinePolicySchema, type DeadlinePolicy } from '../../domain/deadline-policy';

export function settingRow(
  id: string,
  region: string,
  setting: Record<string, unknown>,
  effectiveFrom = '2024-01-01',
): DeadlinePolicy {
  return deadlinePolicySchema.parse({
    id,
    region,
    mode: 'batch',
    effectiveFrom,
    workingDays: 30,
    warnWorkingDaysBefore: 5,
    returnExpiryWorkingDays: 10,
    ...setting,
  });
}
