// The working-day calendar in MongoDB: seeded from the maintained package, and corrected or extended at run
// time by an administrator (a newly published year, a changed holiday) without a redeploy.
import type { Db } from 'mongodb';
import { type CalendarYear, calendarYearInputSchema, calendarYearProblems } from '../domain/calendar/calendar-year';
import { WorkingCalendar } from '../domain/calendar/working-calendar';
import { SscardError } from '../domain/errors';
import { packageSource, publishedCalendarYears } from './calendar-seed';

type YearDoc = Omit<CalendarYear, 'year'> & { _id: number };

const toYear = ({ _id, ...rest }: YearDoc): CalendarYear => ({ year: _id, ...rest });

/** 'chinese-days@1.5.7' → [1, 5, 7], for comparing package versions. */
function versionOf(source: string): number[] | undefined {
  const match = /^chinese-days@(\d+)\.(\d+)\.(\d+)$/.exec(source);
  return match ? match.slice(1).map(Number) : undefined;
}

function olderThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export function createCalendarStore(db: Db) {
  const years = db.collection<YearDoc>('calendar_years');

  async function listYears(): Promise<CalendarYear[]> {
    return (await years.find({}).sort({ _id: 1 }).toArray()).map(toYear);
  }

  return {
    listYears,

    async load(): Promise<WorkingCalendar> {
      return new WorkingCalendar(await listYears());
    },

    /** A short tag of what the calendar was when a deadline was derived: recorded with the deadline. */
    async revisionTag(): Promise<string> {
      return (await listYears()).map((y) => `${y.year}r${y.revision}`).join(',');
    },

    /** Inserts the package's years that are missing; refreshes a year only the package ever wrote, if newer. */
    async seedFromPackage(): Promise<{ inserted: number[]; updated: number[] }> {
      const inserted: number[] = [];
      const updated: number[] = [];
      const current = versionOf(packageSource())!;
      for (const { year, ...rest } of publishedCalendarYears()) {
        const stored = await years.findOne({ _id: year });
        if (!stored) {
          const result = await years.updateOne({ _id: year }, { $setOnInsert: { ...rest, updatedAt: new Date().toISOString() } }, { upsert: true });
          if (result.upsertedCount === 1) inserted.push(year);
          continue;
        }
        const storedVersion = versionOf(stored.source);
        if (storedVersion && olderThan(storedVersion, current)) {
          await years.updateOne(
            { _id: year, source: stored.source },
            { $set: { holidays: rest.holidays, workdays: rest.workdays, source: rest.source, revision: stored.revision + 1, updatedAt: new Date().toISOString() } },
          );
          updated.push(year);
        }
      }
      return { inserted, updated };
    },

    /** An administrator publishes or corrects a year. */
    async publishYear(input: unknown, actor: string): Promise<CalendarYear> {
      const parsed = calendarYearInputSchema.safeParse(input);
      const problems = parsed.success
        ? calendarYearProblems(parsed.data)
        : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      if (!parsed.success || problems.length > 0) {
        throw new SscardError('CALENDAR_INVALID', problems.join('; '), { problems });
      }
      const { year, holidays, workdays } = parsed.data;
      const stored = await years.findOne({ _id: year });
      const doc: Omit<YearDoc, '_id'> = {
        holidays: [...new Set(holidays)].sort(),
        workdays: [...new Set(workdays)].sort(),
        source: `admin:${actor}`,
        revision: (stored?.revision ?? 0) + 1,
        updatedAt: new Date().toISOString(),
      };
      await years.replaceOne({ _id: year }, doc, { upsert: true });
      return { year, ...doc };
    },
  };
}
export type CalendarStore = ReturnType<typeof createCalendarStore>;
