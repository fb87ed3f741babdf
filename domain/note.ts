// What a person writes on an application or a card: a line of the timeline, kept in the record and shown to
// everyone who may read the application. Numbers that name a person have no place there.
import { z } from 'zod';

/**
 * A run of 11 digits or more (a mobile number, an account, a resident ID number whose last character may be X), or
 * a mobile or resident ID number written in groups (138 0013 8000, 330106-19860615-4271).
 */
const PERSONAL_NUMBERS = [
  /\d{11,}|\d{17}[Xx]/,
  /\b1[3-9]\d[\s-]\d{4}[\s-]?\d{4}\b/,
  /\b\d{6}[\s-]\d{8}[\s-]?\d{3}[\dXx]\b/,
];

/**
 * A note of at most 500 characters that holds no phone, resident ID or account number: evidence is named by the
 * document's kind and its last four characters (a disability certificate's number contains the resident ID).
 */
export const noteSchema = z
  .string()
  .trim()
  .max(500)
  .refine((text) => !PERSONAL_NUMBERS.some((pattern) => pattern.test(text)), {
    message:
      'a note must not hold a phone, resident ID or account number (11 digits or more): name the document ' +
      'and its last four characters instead',
  });
