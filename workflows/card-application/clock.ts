// The deadline clock of one application in workflow time: the rules are domain/clock.ts; this module asks the
// calendar (an activity) for deadlines, runs the alarm timer beside the main flow only while an alarm can come,
// derives the deadline again from the current calendar whenever it fires or the calendar changes (a newly
// published holiday moves it), and escalates. Neither warning nor breach stops the work.
import { condition, log } from '@temporalio/workflow';
import {
  type DeadlineFacts,
  fireAlarm,
  nextAlarmAt,
  pauseClock as pause,
  refreshRequest,
  resumeClock as resume,
  resumeRequest,
  startClock as start,
  stopClock as stop,
  withFacts,
} from '../../domain/clock';
import { raise } from './escalate';
import { calendar, records } from '../proxies';
import { act } from './step';
import { type AppState, changed, taskTime } from './state';

/** Acceptance derived the deadline already (in the same local activity). */
export function startClock(state: AppState, anchorAt: string, facts: DeadlineFacts): void {
  state.clock = start(state.policy!, anchorAt, facts);
  changed(state);
}

/** The unit holds the application: keep the working days that were left. */
export function pauseClock(state: AppState): void {
  state.clock = pause(state.clock!, new Date(taskTime(state)), state.policy?.pauseWhileReturned ?? false);
  changed(state);
}

/** Resubmitted: count again from now with the days that were left (up to 0.6.0, and where the clock ran on). */
export async function resumeClock(state: AppState): Promise<void> {
  const now = taskTime(state);
  const request = resumeRequest(state.clock!, new Date(now));
  if (!request) return;
  resumeClockOn(state, now, await act(state, () => records.computeDeadline(request), { local: true }));
}

/**
 * Resubmitted at `at`: the deadline for the working days that were left, from the calendar as an ordinary activity,
 * since the resubmission's update answers with it (workflows/proxies.ts). Undefined unless the clock is paused.
 */
export function resumedDeadline(state: AppState, at: string): Promise<DeadlineFacts> | undefined {
  const request = resumeRequest(state.clock!, new Date(at));
  return request && act(state, () => calendar.computeDeadline(request));
}

/** Counting again from `at` with the days that were left, on the deadline the calendar gave. */
export function resumeClockOn(state: AppState, at: string, facts: DeadlineFacts): void {
  state.clock = resume(state.clock!, new Date(at), facts);
  changed(state);
}

/** The notification was sent: the legal clock stops here. */
export function stopClock(state: AppState): void {
  state.clock = stop(state.clock!, new Date(taskTime(state)));
  changed(state);
}

/** Runs beside the main flow until the application closes. */
export async function watchClock(state: AppState, closed: () => boolean): Promise<void> {
  while (!closed()) {
    const clock = state.clock;
    const version = clock?.version;
    const changedSince = (): boolean => closed() || state.clock?.version !== version || state.calendarChanged;
    const alarmAt = clock && nextAlarmAt(clock);
    if (!clock || !alarmAt) {
      // No alarm can come (paused, stopped, breached): no timer; the clock changing or the end wakes this.
      await condition(changedSince);
      continue;
    }
    const fired = !(await condition(changedSince, Math.max(1, Date.parse(alarmAt) - Date.now())));
    if (closed()) return;
    if (!fired && !state.calendarChanged) continue;
    state.calendarChanged = false;
    // Derive the deadline again from the calendar as it is now (not this worker's copy) before acting.
    const facts = await records.computeDeadline({ ...refreshRequest(clock), fresh: true });
    if (state.clock?.version !== version) continue;
    if (facts.dueAt !== clock.facts.dueAt || facts.warnAt !== clock.facts.warnAt) {
      log.info('deadline moved by a calendar change', { from: clock.facts.dueAt, to: facts.dueAt });
    }
    state.clock = withFacts(clock, facts);
    changed(state);
    const now = new Date();
    for (let next = fireAlarm(state.clock, now); next; next = fireAlarm(state.clock, now)) {
      state.clock = next.clock;
      await raise(state, next.alarm, state.escalations.filter((e) => e.kind === next.alarm).length + 1);
    }
  }
}
