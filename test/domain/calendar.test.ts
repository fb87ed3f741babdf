import assert from 'node:assert/strict';
import { calendarYearProblems, calendarYearSchema } from '../../domain/calendar/calendar-year';
import {
  addCalendarDays,
  endOfShanghaiDay,
  shanghaiDate,
  shanghaiDateTime,
  startOfShanghaiDay,
  weekday,
} from '../../domain/calendar/shanghai-time';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { packageSource, publishedCalendarYears } from '../../store/calendar-seed';

const YEARS = publishedCalendarYears();
const calendar = new WorkingCalendar(YEARS);
const LAST_PUBLISHED = Math.max(...YEARS.map((y) => y.year));

/** An instant given as Shanghai wall-clock time. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('the working-day calendar (Asia/Shanghai)', () => {
  describe('Shanghai local time', () => {
    it('a day runs from 16:00 UTC the evening before to 16:00 UTC', () => {
      assert.equal(shanghaiDate(new Date('2025-09-29T15:59:59.999Z')), '2025-09-29');
      assert.equal(shanghaiDate(new Date('2025-09-29T16:00:00.000Z')), '2025-09-30');
      assert.equal(startOfShanghaiDay('2025-09-30').toISOString(), '2025-09-29T16:00:00.000Z');
      assert.equal(endOfShanghaiDay('2025-09-30').toISOString(), '2025-09-30T16:00:00.000Z');
    });

    it('writes an instant as Shanghai wall-clock time to the minute', () => {
      assert.equal(shanghaiDateTime(new Date('2026-12-04T15:59:59.999Z')), '2026-12-04 23:59');
      assert.equal(shanghaiDateTime(new Date('2026-12-04T16:00:00.000Z')), '2026-12-05 00:00');
      assert.equal(shanghaiDateTime(shanghai('2026-09-30T23:55:00')), '2026-09-30 23:55');
    });

    it('adds calendar days across months and leap days, and names weekdays', () => {
      assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
      assert.equal(addCalendarDays('2025-02-28', 1), '2025-03-01');
      assert.equal(addCalendarDays('2025-01-01', -1), '2024-12-31');
      assert.equal(weekday('2025-09-28'), 0);
      assert.equal(weekday('2025-10-11'), 6);
    });
  });

  describe('the years published by the State Council (from the chinese-days package)', () => {
    it('carries every year from 2024, each valid, from the installed package version', () => {
      assert.deepEqual(
        YEARS.map((y) => y.year),
        Array.from({ length: LAST_PUBLISHED - 2024 + 1 }, (_, i) => 2024 + i),
      );
      assert.ok(LAST_PUBLISHED >= 2026);
      for (const year of YEARS) {
        assert.deepEqual(calendarYearProblems(year), [], `${year.year}`);
        assert.equal(calendarYearSchema.safeParse(year).success, true);
        assert.equal(year.source, packageSource());
      }
      assert.match(packageSource(), /^chinese-days@\d+\.\d+\.\d+$/);
    });

    it('weekends declared working days around the 2025 Spring Festival are working days', () => {
      assert.equal(calendar.isWorkingDay('2025-01-26'), true, 'Sunday 26 January');
      assert.equal(calendar.isWorkingDay('2025-02-08'), true, 'Saturday 8 February');
      assert.equal(calendar.isWorkingDay('2025-01-25'), false, 'an ordinary Saturday');
    });

    it('the 2025 National Day and Mid-Autumn block is off from 1 to 8 October, with Sunday 28 September worked', () => {
      for (let day = '2025-10-01'; day <= '2025-10-08'; day = addCalendarDays(day, 1)) {
        assert.equal(calendar.isWorkingDay(day), false, day);
      }
      assert.equal(calendar.isWorkingDay('2025-09-28'), true);
      assert.equal(calendar.isWorkingDay('2025-10-09'), true);
    });
  });

  describe('deadlines', () => {
    it('a sporadic application accepted Monday 29 September 2025 at 10:00 is due at the end of 13 October', () => {
      const deadline = calendar.deadline(shanghai('2025-09-29T10:00:00'), 5);
      assert.deepEqual(deadline.days, ['2025-09-30', '2025-10-09', '2025-10-10', '2025-10-11', '2025-10-13']);
      assert.equal(deadline.dueAt.toISOString(), '2025-10-13T16:00:00.000Z');
      assert.equal(deadline.provisional, false);
    });

    it('an acceptance just after midnight Shanghai time counts from that Shanghai day, not the UTC one', () => {
      const late = calendar.deadline(new Date('2025-09-29T16:30:00.000Z'), 1);
      assert.deepEqual(late.days, ['2025-10-09']);
      assert.equal(late.dueAt.toISOString(), '2025-10-09T16:00:00.000Z');
    });

    it('a batch accepted the same day is due 30 working days later, at the end of 17 November', () => {
      const deadline = calendar.deadline(shanghai('2025-09-29T10:00:00'), 30);
      assert.equal(deadline.days.length, 30);
      assert.equal(deadline.days.at(-1), '2025-11-17');
      assert.equal(deadline.dueAt.toISOString(), '2025-11-17T16:00:00.000Z');
      assert.ok(deadline.days.every((d) => calendar.isWorkingDay(d)));
    });

    it('a batch accepted before the 2026 Spring Festival skips the block and counts its working Saturdays', () => {
      const deadline = calendar.deadline(shanghai('2026-02-09T09:00:00'), 30);
      assert.ok(
        deadline.days.includes('2026-02-14') && deadline.days.includes('2026-02-28'),
        'working Saturdays',
      );
      assert.ok(!deadline.days.some((d) => d >= '2026-02-15' && d <= '2026-02-23'), 'the holiday block');
      assert.equal(deadline.dueAt.toISOString(), '2026-03-27T16:00:00.000Z');
    });

    it('with no working days left, the deadline is the end of the start day', () => {
      const deadline = calendar.deadline(shanghai('2025-10-03T12:00:00'), 0);
      assert.deepEqual(deadline.days, []);
      assert.equal(deadline.dueAt.toISOString(), endOfShanghaiDay('2025-10-03').toISOString());
    });
  });

  describe('working days used', () => {
    it('counts the working days between two instants by their Shanghai days, the later day included', () => {
      const accepted = shanghai('2025-09-29T10:00:00');
      assert.equal(calendar.workingDaysBetweenInstants(accepted, shanghai('2025-10-13T09:00:00')), 5);
      assert.equal(calendar.workingDaysBetweenInstants(accepted, shanghai('2025-10-08T23:59:00')), 1);
      assert.equal(calendar.workingDaysBetweenInstants(accepted, shanghai('2025-09-29T23:00:00')), 0);
      assert.equal(calendar.workingDaysBetweenInstants(shanghai('2025-10-13T09:00:00'), accepted), 0);
    });

    it('counts working days between local dates', () => {
      assert.equal(
        calendar.workingDaysBetween('2025-09-27', '2025-10-12'),
        6,
        '28 Sept, 29, 30, 9 Oct, 10, 11',
      );
      assert.equal(calendar.workingDaysBetween('2025-10-01', '2025-10-08'), 0);
    });
  });

  describe('a year not published yet', () => {
    const next = LAST_PUBLISHED + 1;

    it('knows only weekends, and a deadline counting its days is provisional', () => {
      assert.equal(calendar.isPublished(next), false);
      const deadline = calendar.deadline(shanghai(`${LAST_PUBLISHED}-12-24T10:00:00`), 10);
      assert.equal(deadline.provisional, true);
      const unpublished = deadline.days.filter((d) => d.startsWith(`${next}-`));
      const weekdays: string[] = [];
      for (let d = `${next}-01-01`; d <= deadline.days.at(-1)!; d = addCalendarDays(d, 1)) {
        if (weekday(d) !== 0 && weekday(d) !== 6) weekdays.push(d);
      }
      assert.ok(unpublished.length > 0);
      assert.deepEqual(unpublished, weekdays, "every weekday counts, even New Year's Day");
    });

    it('becomes final once the year is published, its holidays no longer counted', () => {
      const start = shanghai(`${LAST_PUBLISHED}-12-24T10:00:00`);
      const firstCounted = calendar.deadline(start, 10).days.find((d) => d.startsWith(`${next}-`))!;
      const withNext = new WorkingCalendar([
        ...YEARS,
        { year: next, holidays: [firstCounted], workdays: [] },
      ]);
      const deadline = withNext.deadline(start, 10);
      assert.equal(deadline.provisional, false);
      assert.ok(!deadline.days.includes(firstCounted));
      assert.ok(deadline.dueAt > calendar.deadline(start, 10).dueAt);
    });
  });

  describe('validating a publication', () => {
    it('lists every problem: outside the year, a weekday declared working, a date in both lists, a duplicate', () => {
      const problems = calendarYearProblems({
        year: 2031,
        holidays: ['2031-10-01', '2031-10-01', '2030-12-31', '2031-10-04', '2031-02-30'],
        workdays: ['2031-10-04', '2031-09-24'],
      });
      assert.deepEqual(problems, [
        'holidays: 2031-10-01 is listed twice',
        'holidays: 2030-12-31 is not in 2031',
        'holidays: 2031-02-30 is not a real date',
        '2031-10-04 is both a holiday and a working day',
        'workdays: 2031-09-24 is not a Saturday or Sunday (weekdays are working days anyway)',
      ]);
    });

    it('reports a malformed publication by field', () => {
      assert.deepEqual(calendarYearProblems({ year: 2031, holidays: ['1 Oct'] }), [
        'holidays.0: a date YYYY-MM-DD',
        'workdays: Invalid input: expected array, received undefined',
      ]);
    });
  });
});
