// The refusals of minors' applications and their guardians (issue #23), part of the one catalogue (./errors.ts).
// The region's rules (domain/minors.ts) set the ages; the messages name ages, never the people.
import type { ErrorSpec } from './errors';

export const MINOR_ERRORS = {
  GUARDIAN_REQUIRED: {
    status: 422,
    title: 'The applicant is a minor under the guardian age of the region: their guardian applies for them',
    action:
      "Add the guardian's resident ID, name, phone, relation and household register number, and submit again " +
      '(online: the guardian applies for the minor at a service hall).',
  },
  GUARDIAN_IS_APPLICANT: {
    status: 422,
    title: 'The guardian named is the applicant themselves',
    action:
      "Enter the guardian's own resident ID number (a parent's or other legal guardian's), not the minor's.",
  },
  GUARDIAN_NOT_ADULT: {
    status: 422,
    title: 'The guardian named is not an adult',
    action:
      'A guardian must be an adult: name a parent or another adult legal guardian from the household register.',
  },
  GUARDIAN_FOR_ADULT: {
    status: 422,
    title: 'The applicant is an adult and applies for themselves: no guardian is named for them',
    action:
      'Remove the guardian from the application (an adult may send someone to collect the card instead).',
  },
} as const satisfies Record<string, ErrorSpec>;

/** The refusals of a guardian the rules want, or do not want, for the applicant. */
export const GUARDIAN_CODES = Object.keys(MINOR_ERRORS) as (keyof typeof MINOR_ERRORS)[];
