// The resident identity number of GB 11643-1999: region (6 digits), birth date (8), sequence (3, odd for men),
// and a check character computed with ISO 7064 MOD 11-2. Messages never repeat the number itself.
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from './errors';
import { isRealDate, shanghaiDate } from './calendar/shanghai-time';
import { isKnownRegion } from './regions';

export interface ResidentIdFacts {
  id: string;
  regionCode: string;
  birthDate: string;
  sex: 'male' | 'female';
}

export type ResidentIdResult = { ok: true; value: ResidentIdFacts } | { ok: false; code: ErrorCode; message: string };

const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

function refusal(code: ErrorCode): ResidentIdResult {
  return { ok: false, code, message: ERROR_CATALOGUE[code].title };
}

export function parseResidentId(raw: string, today: string = shanghaiDate(new Date())): ResidentIdResult {
  const id = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return refusal('RID_FORMAT');
  const regionCode = id.slice(0, 6);
  if (!isKnownRegion(regionCode)) return refusal('RID_REGION');
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isRealDate(birthDate) || birthDate < '1900-01-01') return refusal('RID_BIRTH_DATE');
  if (birthDate > today) return refusal('RID_BIRTH_IN_FUTURE');
  if (checkCharacter(id) !== id[17]) return refusal('RID_CHECKSUM');
  return { ok: true, value: { id, regionCode, birthDate, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' } };
}

/** A resident ID as a zod field: normalized, and refused with its RID_* code in the issue's params. */
export const residentIdSchema = z.string().transform((raw, ctx) => {
  const result = parseResidentId(raw);
  if (!result.ok) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { code: result.code } });
    return z.NEVER;
  }
  return result.value.id;
});

/** Builds a valid number: for synthetic people in the simulators, the demo and tests. */
export function makeResidentId(parts: { regionCode: string; birthDate: string; sequence: number }): string {
  const first17 = `${parts.regionCode}${parts.birthDate.replace(/-/g, '')}${String(parts.sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** For display to people allowed to see it: the first 3 and last 4 characters. */
export function maskResidentId(id: string): string {
  return `${id.slice(0, 3)}${'*'.repeat(Math.max(0, id.length - 7))}${id.slice(-4)}`;
}

export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
