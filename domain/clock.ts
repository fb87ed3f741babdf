// The deadline clock as a pure state machine, shared by the card application and the batch workflows: start,
// pause while the unit holds the application, resume, stop at the notification, and the warning and breach alarms.
// The legal count starts the day after acceptance. A working day is used once it is over with the clock running, so
// the day in progress is still left; a paused clock keeps the days that were left (today included) and counting
// resumes on the day of resubmission, never on the day of acceptance. Deadlines themselves are facts derived from
// the calendar by an activity (deriveDeadline) and recorded in history, so replay never depends on today's calendar.
import { endOfShanghaiDay, shanghaiDate } from './calendar/shanghai-time';
import type { WorkingCalendar } from './calendar/working-calendar';
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
  /**
   * The working days that follow the deadline (asked for with `overrun`, once the deadline is near): a late
   * application counts the days it used beyond its target from these, without the calendar.
   */
  after?: string[];
}

/** Working days past the target that a late application can count (beyond them its count stays at the last). */
export const OVERRUN_WORKING_DAYS = 60;

export interface DeadlineRequest {
  anchorAt: string;
  workingDays: number;
  warnWorkingDaysBefore: number;
  /** Count the anchor's own day when it is a working day (a resumed clock); otherwise start the day after. */
  includeAnchorDay?: boolean;
  /** Also list the working days after the deadline (see DeadlineFacts.after). */
  overrun?: boolean;
}

export interface ClockPolicy {
  workingDays: number;
  warnWorkingDaysBefore: number;
}

export interface ClockState {
  status: 'running' | 'paused' | 'stopped';
  /** The legal target for the whole application (5 or 30). */
  total: number;
  warnBefore: number;
  /** Acceptance: its day is never counted, even when the clock resumes on it. */
  startedAt?: string;
  /** Counting (re)started here with `daysFromAnchor` working days to go. */
  anchorAt: string;
  daysFromAnchor: number;
  /** True once resumed after a return on a later day than acceptance: the anchor's own day counts. */
  resumed?: boolean;
  facts: DeadlineFacts;
  sla: SlaState;
  /** Working days left, frozen while paused or stopped. */
  heldLeft?: number;
  /** Working days used beyond the target before the clock last paused or stopped. */
  heldOver?: number;
  /** Bumped on every change, so a watcher plans its next timer again. */
  version: number;
}

export type ClockAlarm = 'deadline_warning' | 'deadline_breach';

const DAY_MS = 86_400_000;

/** The deadline for a request, from the calendar as it is now. Pure: the activity supplies the calendar. */
export function deriveDeadline(
  calendar: WorkingCalendar,
  request: DeadlineRequest,
  calendarRevision: string,
): DeadlineFacts {
  // Counting "after the day before" the anchor includes the anchor's own day.
  const countAfter = new Date(Date.parse(request.anchorAt) - (request.includeAnchorDay ? DAY_MS : 0));
  const overrun = (lastCounted: Date) =>
    request.overrun
      ? { after: calendar.workingDaysAfter(shanghaiDate(lastCounted), OVERRUN_WORKING_DAYS) }
      : {};
  if (request.workingDays <= 0) {
    return {
      dueAt: request.anchorAt,
      warnAt: request.anchorAt,
      days: [],
      provisional: false,
      calendarRevision,
      ...overrun(countAfter),
    };
  }
  const deadline = calendar.deadline(countAfter, request.workingDays);
  // Warn when only `warnWorkingDaysBefore` working days remain: at the end of the day before those.
  const warnIndex = deadline.days.length - request.warnWorkingDaysBefore - 1;
  const warnAt = warnIndex < 0 ? request.anchorAt : endOfShanghaiDay(deadline.days[warnIndex]!).toISOString();
  return {
    dueAt: deadline.dueAt.toISOString(),
    warnAt,
    days: deadline.days,
    provisional: deadline.provisional,
    calendarRevision,
    ...overrun(new Date(deadline.dueAt.getTime() - 1)),
  };
}

function change(clock: ClockState, patch: Partial<ClockState>): ClockState {
  return { ...clock, ...patch, version: clock.version + 1 };
}

/** What to ask the calendar for when the clock starts at acceptance. */
export function startRequest(policy: ClockPolicy, anchorAt: string): DeadlineRequest {
  return {
    anchorAt,
    workingDays: policy.workingDays,
    warnWorkingDaysBefore: policy.warnWorkingDaysBefore,
  };
}

export function startClock(policy: ClockPolicy, anchorAt: string, facts: DeadlineFacts): ClockState {
  return {
    status: 'running',
    total: policy.workingDays,
    warnBefore: policy.warnWorkingDaysBefore,
    startedAt: anchorAt,
    anchorAt,
    daysFromAnchor: policy.workingDays,
    facts,
    sla: 'on_track',
    version: 1,
  };
}

export function workingDaysLeft(clock: ClockState, now: Date): number {
  if (clock.status !== 'running') return clock.heldLeft ?? 0;
  const today = shanghaiDate(now);
  return clock.facts.days.filter((day) => day >= today).length;
}

/** Working days used beyond the target: over once the deadline has passed, never capped at the target. */
export function workingDaysOver(clock: ClockState, now: Date): number {
  const held = clock.heldOver ?? 0;
  if (clock.status !== 'running') return held;
  const today = shanghaiDate(now);
  return held + (clock.facts.after ?? []).filter((day) => day < today).length;
}

export function workingDaysUsed(clock: ClockState, now: Date): number {
  return clock.total - workingDaysLeft(clock, now) + workingDaysOver(clock, now);
}

/** The unit holds the application: keep the working days that were left. A no-op unless running and enabled. */
export function pauseClock(clock: ClockState, at: Date, pauseWhileReturned: boolean): ClockState {
  if (clock.status !== 'running' || !pauseWhileReturned) return clock;
  return change(clock, {
    status: 'paused',
    heldLeft: workingDaysLeft(clock, at),
    heldOver: workingDaysOver(clock, at),
    sla: clock.sla === 'on_track' ? 'paused' : clock.sla,
  });
}

/** What to ask the calendar for when a paused clock resumes at `at`; undefined unless paused. */
export function resumeRequest(clock: ClockState, at: Date): DeadlineRequest | undefined {
  if (clock.status !== 'paused') return undefined;
  const startedOn = shanghaiDate(new Date(clock.startedAt ?? clock.anchorAt));
  return {
    anchorAt: at.toISOString(),
    workingDays: clock.heldLeft ?? 0,
    warnWorkingDaysBefore: clock.warnBefore,
    ...(shanghaiDate(at) > startedOn ? { includeAnchorDay: true } : {}),
    ...(overrunWanted(clock) ? { overrun: true } : {}),
  };
}

/** Past the warning, the deadline is near or gone: its facts list the days after it too. */
function overrunWanted(clock: ClockState): boolean {
  return clock.sla === 'warning' || clock.sla === 'breached';
}

/** Resubmitted: count again from `at` with the days that were left, on the deadline the calendar gave. */
export function resumeClock(clock: ClockState, at: Date, facts: DeadlineFacts): ClockState {
  const request = resumeRequest(clock, at);
  if (!request) return clock;
  return change(clock, {
    status: 'running',
    anchorAt: request.anchorAt,
    daysFromAnchor: request.workingDays,
    resumed: request.includeAnchorDay === true,
    facts,
    heldLeft: undefined,
    sla: clock.sla === 'paused' ? 'on_track' : clock.sla,
  });
}

/**
 * The notification was sent: the legal clock stops here. Late means sent after the due time, whether or not the
 * breach alarm had fired yet.
 */
export function stopClock(clock: ClockState, at: Date): ClockState {
  const late = clock.sla === 'breached' || at.getTime() >= Date.parse(clock.facts.dueAt);
  return change(clock, {
    status: 'stopped',
    heldLeft: workingDaysLeft(clock, at),
    heldOver: workingDaysOver(clock, at),
    sla: late ? 'met_late' : 'met',
  });
}

/** What to ask the calendar for to derive a running clock's deadline again (a holiday may have been published). */
export function refreshRequest(clock: ClockState): DeadlineRequest {
  return {
    anchorAt: clock.anchorAt,
    workingDays: clock.daysFromAnchor,
    warnWorkingDaysBefore: clock.warnBefore,
    ...(clock.resumed ? { includeAnchorDay: true } : {}),
    ...(overrunWanted(clock) ? { overrun: true } : {}),
  };
}

export function withFacts(clock: ClockState, facts: DeadlineFacts): ClockState {
  return change(clock, { facts });
}

/** When the next alarm is due, if the clock can raise one at all. */
export function nextAlarmAt(clock: ClockState): string | undefined {
  if (clock.status !== 'running') return undefined;
  if (clock.sla === 'on_track') return clock.facts.warnAt;
  if (clock.sla === 'warning') return clock.facts.dueAt;
  return undefined;
}

/** Raises the next alarm if it is due at `now`: the warning before the breach, each once. */
export function fireAlarm(
  clock: ClockState,
  now: Date,
): { clock: ClockState; alarm: ClockAlarm } | undefined {
  const due = nextAlarmAt(clock);
  if (!due || now.getTime() < Date.parse(due)) return undefined;
  return clock.sla === 'on_track'
    ? { clock: change(clock, { sla: 'warning' }), alarm: 'deadline_warning' }
    : { clock: change(clock, { sla: 'breached' }), alarm: 'deadline_breach' };
}
