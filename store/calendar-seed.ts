// The published calendar years from the maintained `chinese-days` package, never typed by hand. Every year
// from 2024 that the installed version carries is used; a newer package version brings new years by itself.
import { z } from 'zod';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import chineseDaysPackage from 'chinese-days/package.json';
import type { CalendarYear } from '../domain/calendar/calendar-year';
import { localDatePattern } from '../domain/calendar/shanghai-time';

// The package is an outside party too: its file is checked, not trusted. Values are holiday names (ignored);
// `inLieuDays` (the weekdays off paid for by a working weekend) are listed among the holidays as well.
const dayKey = z.string().regex(localDatePattern);
const packageDataSchema = z.object({
  holidays: z.record(dayKey, z.string()),
  workdays: z.record(dayKey, z.string()),
});

const FIRST_YEAR = 2024;

export function packageSource(): string {
  return `chinese-days@${chineseDaysPackage.version}`;
}

export function publishedCalendarYears(): CalendarYear[] {
  const data = packageDataSchema.parse(chineseDays);
  const byYear = new Map<number, { holidays: string[]; workdays: string[] }>();
  const add = (list: 'holidays' | 'workdays', day: string) => {
    const year = Number(day.slice(0, 4));
    if (year < FIRST_YEAR) return;
    const entry = byYear.get(year) ?? { holidays: [], workdays: [] };
    entry[list].push(day);
    byYear.set(year, entry);
  };
  Object.keys(data.holidays).forEach((day) => add('holidays', day));
  Object.keys(data.workdays).forEach((day) => add('workdays', day));
  const source = packageSource();
  // The package's own release is the publication; the store stamps its own time when it writes a year.
  const updatedAt = new Date(0).toISOString();
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, { holidays, workdays }]) => ({
      year,
      holidays: holidays.sort(),
      workdays: workdays.sort(),
      source,
      revision: 1,
      updatedAt,
    }));
}
