// Local dates in Asia/Shanghai. China has used UTC+8 without daylight saving since 1991, so a fixed offset is
// exact for every date sscard deals with, and needs no time zone database (none exists in workflow code). No
// schemas here: workflows use these functions, and building schemas would cost every workflow.
export type LocalDate = string; // 'YYYY-MM-DD'

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function shanghaiDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as people read it, Asia/Shanghai wall-clock time to the minute: 'YYYY-MM-DD HH:MM'. */
export function shanghaiDateTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

export function startOfShanghaiDay(day: LocalDate): Date {
  return new Date(utcMidnight(day) - OFFSET_MS);
}

/** A local wall-clock time in Asia/Shanghai, `HH:MM` on `day`, as an instant. */
export function shanghaiInstant(day: LocalDate, time: string): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) throw new RangeError('not a time HH:MM');
  return new Date(startOfShanghaiDay(day).getTime() + (hours * 60 + minutes) * 60_000);
}

/** The exclusive end of a day: the start of the next one (24:00 Shanghai). */
export function endOfShanghaiDay(day: LocalDate): Date {
  return new Date(startOfShanghaiDay(day).getTime() + DAY_MS);
}

export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: LocalDate): number {
  return new Date(utcMidnight(day)).getUTCDay();
}

export function isWeekend(day: LocalDate): boolean {
  const d = weekday(day);
  return d === 0 || d === 6;
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isRealDate(day: string): boolean {
  if (!localDatePattern.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00.000Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

// Date arithmetic on the calendar date itself, independent of any offset; a malformed date is a caller's bug.
function utcMidnight(day: LocalDate): number {
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(ms)) throw new RangeError('not a date YYYY-MM-DD');
  return ms;
}
