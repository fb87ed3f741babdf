// The published calendar years from the maintained `chinese-days` package, never typed by hand. Every year
// from 2024 that the installed version carries is used; a newer package version brings new years by itself.
import type { CalendarYear } from '../domain/calendar/calendar-year';

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const FIRST_YEAR = 2024;

export function packageSource(): string {
  const { version } = require('chinese-days/package.json') as { version: string };
  return `chinese-days@${version}`;
}

export function publishedCalendarYears(): CalendarYear[] {
  const data = require('chinese-days/dist/chinese-days.json') as PackageData;
  const source = packageSource();
  const years = new Map<number, CalendarYear>();
  const yearOf = (day: string): CalendarYear => {
    const year = Number(day.slice(0, 4));
    let entry = years.get(year);
    if (!entry) {
      entry = { year, holidays: [], workdays: [], source, revision: 1, updatedAt: new Date(0).toISOString() };
      years.set(year, entry);
    }
    return entry;
  };
  for (const day of Object.keys(data.holidays)) if (Number(day.slice(0, 4)) >= FIRST_YEAR) yearOf(day).holidays.push(day);
  for (const day of Object.keys(data.workdays)) if (Number(day.slice(0, 4)) >= FIRST_YEAR) yearOf(day).workdays.push(day);
  return [...years.values()]
    .map((y) => ({ ...y, holidays: y.holidays.sort(), workdays: y.workdays.sort() }))
    .sort((a, b) => a.year - b.year);
}
