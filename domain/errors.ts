// The one catalogue of error codes. Every refusal anywhere in sscard (HTTP, CLI, update validators, activity
// failures) carries one of these codes; `status` is the HTTP status it maps to, `action` tells a person what
// to do next. Messages never contain personal data.

export interface ErrorSpec {
  status: number;
  /** What went wrong, in words a clerk or operator understands. */
  title: string;
  /** What to do about it. */
  action: string;
}

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    status: 400,
    title: 'The request is not valid',
    action: 'Correct the fields listed in the details and send the request again.',
  },
  RID_FORMAT: {
    status: 400,
    title: 'The resident ID number is not 17 digits followed by a digit or X',
    action: 'Check the number on the identity card and enter all 18 characters.',
  },
  RID_REGION: {
    status: 400,
    title: 'The resident ID number does not start with a known region code',
    action: 'Check the first six digits against the identity card.',
  },
  RID_BIRTH_DATE: {
    status: 400,
    title: 'The birth date inside the resident ID number is not a real date',
    action: 'Check digits 7 to 14 (YYYYMMDD) against the identity card.',
  },
  RID_BIRTH_IN_FUTURE: {
    status: 400,
    title: 'The birth date inside the resident ID number lies in the future',
    action: 'Check digits 7 to 14 (YYYYMMDD) against the identity card.',
  },
  RID_CHECKSUM: {
    status: 400,
    title: 'The check character of the resident ID number does not match (GB 11643-1999)',
    action: 'A character was mistyped or two were swapped: re-enter the number from the identity card.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** A refusal with a stable code, raised by domain code and translated at each edge. */
export class SscardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].title,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'SscardError';
  }
}
