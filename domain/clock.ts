// The deadline clock of one application, as plain data and pure functions: the workflow keeps a ClockState,
// activities derive DeadlineFacts from the calendar stored in MongoDB. The legal count starts the day after
// acceptance. A working day is used once it is over, so the day in progress is still left; when the unit holds
// an application the days left (today included) are kept, and counting resumes on the day of resubmission.
import { shanghaiDate } from './calendar/shanghai-time';
import type { SlaState } from './stages';

/** A deadline derived from the calendar: recorded in history, so replay never depends on today's calendar. */
export interface DeadlineFacts {
  /** End of the last counted working day (exclusive), Asia/Shanghai. */
  dueAt: string;
  /** When only `warnWorkingDaysBefore` working days remain. */
  warnAt: string;
  /** The counted working days, as local dates. */
  days: string[];
  provisional: boolean;
  calendarRevision: string;
}

export interface DeadlineRequest {
  anchorAt: string;
  workingDays: number;
  warnWorkingDaysBefore: number;
  /** Count the anchor's own day when it is a working day (a resumed clock); otherwise start the day after. */
  includeAnchorDay?: boolean;
}

export interface ClockState {
  status: 'running' | 'paused' | 'stopped';
  /** The legal target for the whole application (5 or 30). */
  total: number;
  warnBefore: number;
  /** Counting (re)started here with `daysFromAnchor` working days to go. */
  anchorAt: string;
  daysFromAnchor: number;
  /** True once resumed after a return: the anchor's own day counts. */
  resumed?: boolean;
  facts: DeadlineFacts;
  sla: SlaState;
  /** Working days left, frozen while paused or stopped. */
  heldLeft?: number;
  /** Bumped on every change, so the watcher plans its next timer again. */
  version: number;
}

export function workingDaysLeft(clock: ClockState, now: Date): number {
  if (clock.status !== 'running') return clock.heldLeft ?? 0;
  const today = shanghaiDate(now);
  return clock.facts.days.filter((day) => day >= today).length;
}

export function workingDaysUsed(clock: ClockState, now: Date): number {
  return clock.total - workingDaysLeft(clock, now);
}

export function deadlineRequest(
  clock: Pick<ClockState, 'anchorAt' | 'daysFromAnchor' | 'warnBefore' | 'resumed'>,
): DeadlineRequest {
  return {
    anchorAt: clock.anchorAt,
    workingDays: clock.daysFromAnchor,
    warnWorkingDaysBefore: clock.warnBefore,
    ...(clock.resumed ? { includeAnchorDay: true } : {}),
  };
}
