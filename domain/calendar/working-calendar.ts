// Working-day arithmetic over the published calendar years. A year not published yet knows only its weekends;
// results that count such days say so (`provisional`), and are derived again once the year is published.
import type { CalendarYear } from './calendar-year';
import { addCalendarDays, endOfShanghaiDay, isWeekend, type LocalDate, shanghaiDate } from './shanghai-time';

export interface Deadline {
  /** End of the last counted working day (exclusive), Asia/Shanghai. */
  dueAt: Date;
  /** The counted working days, in order. */
  days: LocalDate[];
  /** True when a counted day lies in a year not published yet, where only weekends are known. */
  provisional: boolean;
}

export class WorkingCalendar {
  private readonly holidays = new Set<LocalDate>();
  private readonly workdays = new Set<LocalDate>();
  private readonly published = new Set<number>();

  constructor(years: readonly Pick<CalendarYear, 'year' | 'holidays' | 'workdays'>[]) {
    for (const year of years) {
      this.published.add(year.year);
      year.holidays.forEach((d) => this.holidays.add(d));
      year.workdays.forEach((d) => this.workdays.add(d));
    }
  }

  isPublished(year: number): boolean {
    return this.published.has(year);
  }

  isWorkingDay(day: LocalDate): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    return !isWeekend(day);
  }

  /** The `count` working days strictly after `day`. */
  workingDaysAfter(day: LocalDate, count: number): LocalDate[] {
    // Every year has far more working days than holidays, so the walk ends; a bad count would not.
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError('count must be a whole number >= 0');
    const days: LocalDate[] = [];
    for (let d = addCalendarDays(day, 1); days.length < count; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) days.push(d);
    }
    return days;
  }

  /** Working days in (fromExclusive, toInclusive]; 0 when `to` is not after `from`. */
  workingDaysBetween(fromExclusive: LocalDate, toInclusive: LocalDate): number {
    let count = 0;
    for (let d = addCalendarDays(fromExclusive, 1); d <= toInclusive; d = addCalendarDays(d, 1)) {
      if (this.isWorkingDay(d)) count += 1;
    }
    return count;
  }

  /** Working days in (local date of a, local date of b]: the day in progress at `b` counts as used. */
  workingDaysBetweenInstants(a: Date, b: Date): number {
    return this.workingDaysBetween(shanghaiDate(a), shanghaiDate(b));
  }

  /**
   * The end of the Nth working day after the local day of `start`: counting starts the day after acceptance.
   * With 0 days left the deadline is the end of the start day itself.
   */
  deadline(start: Date, workingDays: number): Deadline {
    const startDay = shanghaiDate(start);
    const days = this.workingDaysAfter(startDay, workingDays);
    return {
      dueAt: endOfShanghaiDay(days.at(-1) ?? startDay),
      days,
      provisional: days.some((d) => !this.isPublished(Number(d.slice(0, 4)))),
    };
  }
}
