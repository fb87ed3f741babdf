// The deadline clock of one application in workflow time: the rules are domain/clock.ts; this module asks the
// calendar (an activity) for deadlines, runs the alarm timers beside the main flow, derives the deadline again
// whenever one fires or the calendar changes (a newly published holiday moves it), and escalates. Neither warning
// nor breach stops the work.
import { condition, log } from '@temporalio/workflow';
import {
  type ClockAlarm,
  fireAlarm,
  nextAlarmAt,
  pauseClock as pause,
  refreshRequest,
  resumeClock as resume,
  resumeRequest,
  startClock as start,
  startRequest,
  stopClock as stop,
  withFacts,
} from '../../../domain/clock';
import { SYSTEM } from '../../../domain/actors';
import { partners, records } from '../../proxies';
import { type AppState, publish } from './state';

export async function startClock(state: AppState, anchorAt: string): Promise<void> {
  const policy = state.policy!;
  const facts = await records.computeDeadline(startRequest(policy, anchorAt));
  state.clock = start(policy, anchorAt, facts);
  publish(state);
}

/** The unit holds the application: keep the working days that were left. */
export function pauseClock(state: AppState): void {
  state.clock = pause(state.clock!, new Date(), state.policy?.pauseWhileReturned ?? false);
}

/** Resubmitted: count again from now with the days that were left. */
export async function resumeClock(state: AppState): Promise<void> {
  const now = new Date();
  const request = resumeRequest(state.clock!, now);
  if (!request) return;
  const facts = await records.computeDeadline(request);
  state.clock = resume(state.clock!, now, facts);
  publish(state);
}

/** The notification was sent: the legal clock stops here. */
export function stopClock(state: AppState): void {
  state.clock = stop(state.clock!, new Date());
  publish(state);
}

async function escalate(state: AppState, kind: ClockAlarm): Promise<void> {
  const at = new Date().toISOString();
  state.escalations.push({ kind, at });
  publish(state);
  await partners.escalate({
    applicationId: state.input.applicationId,
    batchId: state.input.batch?.batchId,
    kind,
    occurrence: state.escalations.filter((e) => e.kind === kind).length,
    dueAt: state.clock?.facts.dueAt,
    stage: state.stage,
    actor: SYSTEM,
    at,
  });
}

/** Runs beside the main flow until the application closes. */
export async function watchClock(state: AppState, closed: () => boolean): Promise<void> {
  while (!closed()) {
    const clock = state.clock;
    const version = clock?.version;
    const changed = (): boolean => closed() || state.clock?.version !== version || state.calendarChanged;
    const alarmAt = clock && nextAlarmAt(clock);
    if (!clock || !alarmAt) {
      // Nothing to time: wait for the clock to change (resubmission, a calendar update) or the end.
      await condition(changed, '1 day');
      continue;
    }
    const fired = !(await condition(changed, Math.max(1, Date.parse(alarmAt) - Date.now())));
    if (closed()) return;
    if (!fired && !state.calendarChanged) continue;
    state.calendarChanged = false;
    // Derive the deadline again from the calendar as it is now before acting on the timer.
    const facts = await records.computeDeadline(refreshRequest(clock));
    if (state.clock?.version !== version) continue;
    if (facts.dueAt !== clock.facts.dueAt || facts.warnAt !== clock.facts.warnAt) {
      log.info('deadline moved by a calendar change', { from: clock.facts.dueAt, to: facts.dueAt });
    }
    state.clock = withFacts(clock, facts);
    publish(state);
    const now = new Date();
    for (let next = fireAlarm(state.clock, now); next; next = fireAlarm(state.clock, now)) {
      state.clock = next.clock;
      await escalate(state, next.alarm);
    }
  }
}
