// The resident identity number of GB 11643-1999: region (6 digits), birth date (8), sequence (3, odd for men),
// and a check character computed with ISO 7064 MOD 11-2. Messages never repeat the number itself.
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from './errors';
import { isRealDate, shanghaiDate, type LocalDate } from './calendar/shanghai-time';
import { isKnownRegion } from './regions';

export interface ResidentIdFacts {
  /** The number as stored: trimmed, with a final lowercase x written X. */
  id: string;
  regionCode: string;
  birthDate: LocalDate;
  sex: 'male' | 'female';
}

export type ResidentIdResult =
  { ok: true; value: ResidentIdFacts } | { ok: false; code: ErrorCode; message: string };

const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
// Indexed by the weighted sum mod 11: the character that brings the full sum to 1 mod 11.
const CHECK = '10X98765432';
const EARLIEST_BIRTH = '1900-01-01';

export function checkCharacter(first17: string): string {
  if (!/^\d{17}/.test(first17)) throw new RangeError('the check character needs 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** The codes a mistyped resident ID number is refused with, wherever one is taken. */
export const RID_CODES = [
  'RID_FORMAT',
  'RID_REGION',
  'RID_BIRTH_DATE',
  'RID_BIRTH_IN_FUTURE',
  'RID_CHECKSUM',
] as const satisfies readonly ErrorCode[];

function refusal(code: ErrorCode): ResidentIdResult {
  return { ok: false, code, message: ERROR_CATALOGUE[code].title };
}

/** Checks a number as typed by a person; `today` is the Shanghai date that birth dates may not pass. */
export function parseResidentId(raw: string, today: LocalDate = shanghaiDate(new Date())): ResidentIdResult {
  const trimmed = raw.trim();
  // Only the check character may be a letter, and people type it in either case.
  const id = trimmed.endsWith('x') ? `${trimmed.slice(0, -1)}X` : trimmed;
  if (!/^\d{17}[\dX]$/.test(id)) return refusal('RID_FORMAT');
  const regionCode = id.slice(0, 6);
  if (!isKnownRegion(regionCode)) return refusal('RID_REGION');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < EARLIEST_BIRTH) return refusal('RID_BIRTH_DATE');
  if (birthDate > today) return refusal('RID_BIRTH_IN_FUTURE');
  if (checkCharacter(id) !== id[17]) return refusal('RID_CHECKSUM');
  return {
    ok: true,
    value: { id, regionCode, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
}

/**
 * A resident ID as a zod field: normalized, and refused with its RID_* code in the issue's `params.code`, so an
 * edge reports the same code as everywhere else.
 */
export const residentIdSchema = z.string().transform((raw, ctx) => {
  const result = parseResidentId(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  }
  return result.value.id;
});

/** Builds a valid number: for synthetic people in the simulators, the demo and tests. */
export function makeResidentId(parts: {
  regionCode: string;
  birthDate: LocalDate;
  sequence: number;
}): string {
  if (!/^\d{6}$/.test(parts.regionCode)) throw new RangeError('regionCode must be 6 digits');
  if (!isRealDate(parts.birthDate)) throw new RangeError('birthDate must be a real date YYYY-MM-DD');
  if (!Number.isInteger(parts.sequence) || parts.sequence < 0 || parts.sequence > 999) {
    throw new RangeError('sequence must be a whole number 0-999');
  }
  const first17 = `${parts.regionCode}${parts.birthDate.replace(/-/g, '')}${String(parts.sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** For display: the first 3 and last 4 characters; anything too short to keep a secret is hidden whole. */
export function maskResidentId(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Whole years on `onDate`; someone born on 29 February becomes a year older on 1 March in other years. */
export function ageOn(birthDate: LocalDate, onDate: LocalDate): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
