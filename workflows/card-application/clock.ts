// The deadline clock: timers for the warning and the breach, derived again from the current calendar whenever
// one fires (a newly published holiday moves the deadline), paused while the unit holds the application and
// stopped by the issuance notification. Neither warning nor breach stops the work; both escalate.
import { condition, log } from '@temporalio/workflow';
import type { ClockState, DeadlineFacts } from '../../domain/clock';
import { deadlineRequest, workingDaysLeft } from '../../domain/clock';
import { SYSTEM } from '../../domain/actors';
import { partners, records } from './proxies';
import { type AppState, publish } from './state';

export async function startClock(state: AppState, anchorAt: string): Promise<void> {
  const policy = state.policy!;
  const request = {
    anchorAt,
    workingDays: policy.workingDays,
    warnWorkingDaysBefore: policy.warnWorkingDaysBefore,
  };
  const facts = await records.computeDeadline(request);
  state.clock = {
    status: 'running',
    total: policy.workingDays,
    warnBefore: policy.warnWorkingDaysBefore,
    anchorAt,
    daysFromAnchor: policy.workingDays,
    facts,
    sla: 'on_track',
    version: 1,
  };
  publish(state);
}

function change(clock: ClockState, patch: Partial<ClockState>): void {
  Object.assign(clock, patch, { version: clock.version + 1 });
}

/** The unit holds the application: keep the working days that were left. */
export function pauseClock(state: AppState): void {
  const clock = state.clock!;
  if (clock.status !== 'running' || !state.policy?.pauseWhileReturned) return;
  change(clock, {
    status: 'paused',
    heldLeft: workingDaysLeft(clock, new Date()),
    sla: clock.sla === 'on_track' ? 'paused' : clock.sla,
  });
}

/** Resubmitted: count again from now with the days that were left. */
export async function resumeClock(state: AppState): Promise<void> {
  const clock = state.clock!;
  if (clock.status !== 'paused') return;
  const anchorAt = new Date().toISOString();
  const daysFromAnchor = clock.heldLeft ?? 0;
  const facts = await records.computeDeadline(
    deadlineRequest({ ...clock, anchorAt, daysFromAnchor, resumed: true }),
  );
  change(clock, {
    status: 'running',
    anchorAt,
    daysFromAnchor,
    resumed: true,
    facts,
    heldLeft: undefined,
    sla: clock.sla === 'paused' ? 'on_track' : clock.sla,
  });
  publish(state);
}

/** The notification was sent: the legal clock stops here. */
export function stopClock(state: AppState): void {
  const clock = state.clock!;
  const left = workingDaysLeft(clock, new Date());
  change(clock, { status: 'stopped', heldLeft: left, sla: clock.sla === 'breached' ? 'met_late' : 'met' });
  publish(state);
}

async function escalate(state: AppState, kind: 'deadline_warning' | 'deadline_breach'): Promise<void> {
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
    if (!clock || clock.status !== 'running' || clock.sla === 'breached') {
      // Nothing to time: wait for the clock to change (resubmission, a calendar update) or the end.
      await condition(changed, '1 day');
      continue;
    }
    const target = clock.sla === 'warning' ? clock.facts.dueAt : clock.facts.warnAt;
    const fired = !(await condition(changed, Math.max(1, Date.parse(target) - Date.now())));
    if (closed()) return;
    if (!fired && !state.calendarChanged) continue;
    state.calendarChanged = false;
    // Derive the deadline again from the calendar as it is now before acting on the timer.
    const facts: DeadlineFacts = await records.computeDeadline(deadlineRequest(clock));
    if (state.clock?.version !== version) continue;
    if (facts.dueAt !== clock.facts.dueAt || facts.warnAt !== clock.facts.warnAt) {
      log.info('deadline moved by a calendar change', { from: clock.facts.dueAt, to: facts.dueAt });
    }
    change(clock, { facts });
    publish(state);
    const now = Date.now();
    if (clock.sla === 'on_track' && now >= Date.parse(facts.warnAt)) {
      change(clock, { sla: 'warning' });
      await escalate(state, 'deadline_warning');
    }
    if (clock.sla === 'warning' && now >= Date.parse(facts.dueAt)) {
      change(clock, { sla: 'breached' });
      await escalate(state, 'deadline_breach');
    }
  }
}
