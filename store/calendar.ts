// The working-day calendar in MongoDB: seeded from the maintained package, and corrected or extended at run
// time by an administrator (a newly published year, a changed holiday) without a redeploy.
import type { Db } from 'mongodb';
import { z } from 'zod';
import {
  type CalendarYear,
  calendarYearInputSchema,
  calendarYearProblems,
} from '../domain/calendar/calendar-year';
import { WorkingCalendar } from '../domain/calendar/working-calendar';
import { SscardError } from '../domain/errors';
import { packageSource, publishedCalendarYears } from './calendar-seed';
import { isDuplicateKey } from './mongo';
import { cached } from './reference-cache';
import type { CalendarStore } from './ports/center';

type YearDoc = Omit<CalendarYear, 'year'> & { _id: number };

const toYear = ({ _id, ...rest }: YearDoc): CalendarYear => ({ year: _id, ...rest });

const actorSchema = z.string().trim().min(1).max(64);

/** 'chinese-days@1.5.7' → [1, 5, 7]; undefined for anything a person published. */
function packageVersion(source: string): number[] | undefined {
  const match = /^chinese-days@(\d+)\.(\d+)\.(\d+)$/.exec(source);
  return match ? match.slice(1).map(Number) : undefined;
}

function olderThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

export function createCalendarStore(db: Db): CalendarStore {
  const years = db.collection<YearDoc>('calendar_years');
  // The calendar and its revision tag are read together, so a deadline names the calendar it was derived from.
  const latest = cached(async () => {
    const list = await listYears();
    return { calendar: new WorkingCalendar(list), tag: list.map((y) => `${y.year}r${y.revision}`).join(',') };
  });

  async function listYears(): Promise<CalendarYear[]> {
    return (await years.find({}).sort({ _id: 1 }).toArray()).map(toYear);
  }

  /** Writes a year and counts a revision, in one document update: two administrators never share a revision. */
  async function writeYear(
    year: number,
    fields: Pick<CalendarYear, 'holidays' | 'workdays' | 'source'>,
  ): Promise<CalendarYear> {
    const update = () =>
      years.findOneAndUpdate(
        { _id: year },
        { $set: { ...fields, updatedAt: new Date().toISOString() }, $inc: { revision: 1 } },
        { upsert: true, returnDocument: 'after' },
      );
    // Two first publications of the same year race to insert it; the loser updates the winner's document.
    let doc: YearDoc | null;
    try {
      doc = await update();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      doc = await update();
    }
    if (!doc) throw new Error(`calendar year ${year} was not written`);
    latest.invalidate();
    return toYear(doc);
  }

  return {
    listYears,

    /** The working calendar, with a short tag of its revisions to record with every deadline derived from it. */
    current: (options: { fresh?: boolean } = {}) => latest.get(options),

    async load(): Promise<WorkingCalendar> {
      return (await latest.get()).calendar;
    },

    async revisionTag(): Promise<string> {
      return (await latest.get()).tag;
    },

    /**
     * Inserts the package's years that are missing, and refreshes a year that only an older package version ever
     * wrote. A year an administrator published is theirs: the package never overwrites it.
     */
    async seedFromPackage(): Promise<{ inserted: number[]; updated: number[] }> {
      const inserted: number[] = [];
      const updated: number[] = [];
      const source = packageSource();
      const current = packageVersion(source)!;
      for (const { year, holidays, workdays } of publishedCalendarYears()) {
        const problems = calendarYearProblems({ year, holidays, workdays });
        if (problems.length > 0) {
          throw new SscardError(
            'CALENDAR_INVALID',
            `${source} carries an invalid ${year}: ${problems.join('; ')}`,
            { problems },
          );
        }
        const stored = await years.findOne({ _id: year });
        if (!stored) {
          const result = await years.updateOne(
            { _id: year },
            {
              $setOnInsert: { holidays, workdays, source, revision: 1, updatedAt: new Date().toISOString() },
            },
            { upsert: true },
          );
          if (result.upsertedCount === 1) inserted.push(year);
          continue;
        }
        const storedVersion = packageVersion(stored.source);
        if (!storedVersion || !olderThan(storedVersion, current)) continue;
        // Guarded by what was read: an administrator publishing meanwhile wins.
        const result = await years.updateOne(
          { _id: year, source: stored.source, revision: stored.revision },
          {
            $set: {
              holidays,
              workdays,
              source,
              revision: stored.revision + 1,
              updatedAt: new Date().toISOString(),
            },
          },
        );
        if (result.modifiedCount === 1) updated.push(year);
      }
      latest.invalidate();
      return { inserted, updated };
    },

    /** An administrator publishes or corrects a year; the whole year is replaced and its revision counted. */
    async publishYear(input: unknown, actor: string): Promise<CalendarYear> {
      const problems = calendarYearProblems(input);
      if (problems.length > 0) throw new SscardError('CALENDAR_INVALID', problems.join('; '), { problems });
      const who = actorSchema.safeParse(actor);
      if (!who.success)
        throw new SscardError('VALIDATION_FAILED', 'the publishing administrator is not named');
      const { year, holidays, workdays } = calendarYearInputSchema.parse(input);
      return writeYear(year, {
        holidays: [...holidays].sort(),
        workdays: [...workdays].sort(),
        source: `admin:${who.data}`,
      });
    },
  };
}
