import assert from 'node:assert/strict';
import { SscardError } from '../../domain/errors';
import { createCalendarStore } from '../../store/calendar';
import { packageSource, publishedCalendarYears } from '../../store/calendar-seed';
import { databasePerTest } from '../support/world';

const PACKAGE_YEARS = publishedCalendarYears().map((y) => y.year);

// A National Day block in a year no package knows yet: Wednesday 1 to Tuesday 7 October 2031, with the weekends
// before and after worked.
const YEAR_2031 = {
  year: 2031,
  holidays: [
    '2031-10-01',
    '2031-10-02',
    '2031-10-03',
    '2031-10-04',
    '2031-10-05',
    '2031-10-06',
    '2031-10-07',
  ],
  workdays: ['2031-09-28', '2031-10-11'],
};

function refusedAsInvalidCalendar(error: unknown): boolean {
  return error instanceof SscardError && error.code === 'CALENDAR_INVALID';
}

describe('the calendar store', () => {
  const t = databasePerTest('calendar', (db) => ({ store: createCalendarStore(db) }));

  it('seeds every package year once: a second seed inserts and changes nothing', async () => {
    assert.deepEqual(await t.store.seedFromPackage(), { inserted: PACKAGE_YEARS, updated: [] });
    const afterFirst = await t.store.listYears();
    assert.deepEqual(await t.store.seedFromPackage(), { inserted: [], updated: [] });
    assert.deepEqual(await t.store.listYears(), afterFirst);
    assert.ok(afterFirst.every((y) => y.source === packageSource() && y.revision === 1));
    assert.equal((await t.store.load()).isWorkingDay('2025-10-08'), false);
  });

  it('refreshes a year an older package version wrote, never one an administrator published', async () => {
    await t.store.seedFromPackage();
    const years = t.db.collection<{ _id: number; source: string; holidays: string[] }>('calendar_years');
    await years.updateOne({ _id: 2025 }, { $set: { source: 'chinese-days@1.0.0', holidays: [] } });
    const corrected = await t.store.publishYear(
      { year: 2026, holidays: ['2026-01-01'], workdays: [] },
      'admin-li',
    );

    assert.deepEqual(await t.store.seedFromPackage(), { inserted: [], updated: [2025] });
    const stored = new Map((await t.store.listYears()).map((y) => [y.year, y]));
    assert.equal(stored.get(2025)?.source, packageSource());
    assert.equal(stored.get(2025)?.revision, 2);
    assert.ok(stored.get(2025)?.holidays.includes('2025-10-01'));
    assert.deepEqual(stored.get(2026), corrected);
  });

  it('a newly published year changes working days and deadlines at once, and each publication is a revision', async () => {
    await t.store.seedFromPackage();
    const before = await t.store.load();
    assert.equal(before.isPublished(2031), false);
    assert.equal(before.isWorkingDay('2031-10-01'), true);
    assert.equal(before.deadline(new Date('2031-09-29T10:00:00+08:00'), 5).provisional, true);

    const published = await t.store.publishYear(YEAR_2031, 'admin-wang');
    assert.equal(published.source, 'admin:admin-wang');
    assert.equal(published.revision, 1);

    const after = await t.store.load();
    assert.equal(after.isPublished(2031), true);
    assert.equal(after.isWorkingDay('2031-10-01'), false);
    assert.equal(after.isWorkingDay('2031-10-11'), true);
    const deadline = after.deadline(new Date('2031-09-29T10:00:00+08:00'), 5);
    assert.deepEqual(deadline.days, ['2031-09-30', '2031-10-08', '2031-10-09', '2031-10-10', '2031-10-11']);
    assert.equal(deadline.provisional, false);

    const again = await t.store.publishYear(
      { ...YEAR_2031, holidays: YEAR_2031.holidays.slice(0, 5) },
      'admin-zhao',
    );
    assert.deepEqual([again.revision, again.source], [2, 'admin:admin-zhao']);
    assert.equal((await t.store.load()).isWorkingDay('2031-10-06'), true);
    assert.match(await t.store.revisionTag(), /(^|,)2031r2$/);
  });

  it('refuses a bad publication with CALENDAR_INVALID, listing its problems, and leaves the stored year as it was', async () => {
    await t.store.publishYear(YEAR_2031, 'admin-wang');
    const stored = await t.store.listYears();
    await assert.rejects(
      t.store.publishYear(
        { ...YEAR_2031, holidays: [...YEAR_2031.holidays, '2032-01-01'], workdays: ['2031-10-15'] },
        'admin-wang',
      ),
      (error: unknown) => {
        assert.ok(refusedAsInvalidCalendar(error));
        assert.deepEqual((error as SscardError).details, {
          problems: [
            'holidays: 2032-01-01 is not in 2031',
            'workdays: 2031-10-15 is not a Saturday or Sunday (weekdays are working days anyway)',
          ],
        });
        return true;
      },
    );
    await assert.rejects(
      t.store.publishYear({ year: 2031, holidays: 'October' }, 'admin-wang'),
      refusedAsInvalidCalendar,
    );
    assert.deepEqual(await t.store.listYears(), stored);
  });
});
