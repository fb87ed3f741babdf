// Local dates in Asia/Shanghai. China has used UTC+8 without daylight saving since 1991, so a fixed offset is
// exact for every date sscard deals with, and needs no time zone database (none exists in workflow code).
export type LocalDate = string; // 'YYYY-MM-DD'

const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

export function shanghaiDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

export function startOfShanghaiDay(day: LocalDate): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

/** The exclusive end of a day: the start of the next one (24:00 Shanghai). */
export function endOfShanghaiDay(day: LocalDate): Date {
  return new Date(startOfShanghaiDay(day).getTime() + DAY_MS);
}

export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: LocalDate): number {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay();
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
