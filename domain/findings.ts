// Who can act on what the audit and the comparison found. The unit can correct what it mistyped; what it cannot
// fix (a person the population database does not know, or records as deceased, a conflict with the bank's own
// customer record) goes to an operator, who rejects, returns, or overrides it with a supervisor's confirmation.
import type { ReturnReason } from './application';

/** Comparison findings the unit caused and can correct: the application goes back to it. */
export const UNIT_CORRECTABLE: readonly ReturnReason[] = [
  'NAME_MISMATCH',
  'BIRTH_DATE_MISMATCH',
  'DATA_INCOMPLETE',
];

/** Audit flags no one may approve: no card is ever printed without a usable photo. */
export const BLOCKING_FLAGS: readonly ReturnReason[] = ['PHOTO_MISSING', 'PHOTO_UNUSABLE'];

/** The findings only an operator can decide on. */
export function forOperator(findings: readonly ReturnReason[]): ReturnReason[] {
  return findings.filter((f) => !UNIT_CORRECTABLE.includes(f));
}

export function blocking(flags: readonly ReturnReason[]): ReturnReason[] {
  return flags.filter((f) => BLOCKING_FLAGS.includes(f));
}
