// The return loop with the unit: returned with reasons (the clock pauses), then the corrected data audited, or the
// return expires.
import { condition } from '@temporalio/workflow';
import { type Actor, SYSTEM } from '../../../domain/actors';
import type { ReturnReason } from '../../../domain/application';
import { TIMING } from '../../../domain/timing';
import { pauseClock, resumeClock, resumeClockOn, resumedDeadline } from '../clock';
import { partners, records } from '../../proxies';
import { act } from '../step';
import { type AppState, app, recordAction, takesPatch, taskTime, transition } from '../state';
import { PATCHES } from '../../patches';
import { close } from './closing';

/** Returns the application to its unit, the clock paused; false when it closed instead (returned too often). */
export async function returnToUnit(
  state: AppState,
  reasons: ReturnReason[],
  by: Actor,
  note?: string,
): Promise<boolean> {
  if (state.returns.length >= TIMING.maxReturns) {
    await close(
      state,
      'rejected',
      `returned ${state.returns.length} times: the unit should file a new application`,
    );
    return false;
  }
  state.returns.push({ at: taskTime(state), reasons, by });
  pauseClock(state);
  transition(state, 'returned', by, { awaiting: 'resubmission', note: note ?? reasons.join(', ') });
  await act(state, () =>
    partners.notifyUnit({
      applicationId: app(state),
      kind: 'returned',
      occurrence: state.returns.length,
      reasons,
      at: taskTime(state),
    }),
  );
  return true;
}

/**
 * Waits for the unit's corrected data until the return expires, and audits it. Returns the audit's flags, or
 * undefined when the return expired.
 */
export async function awaitResubmission(state: AppState): Promise<ReturnReason[] | undefined> {
  const returnedAt = state.returns.at(-1)!.at;
  // The old path (up to 0.6.0): the update answered as the resubmission was taken up, with the clock still paused.
  // Asked here, right after the return's notice to the unit (a partner call), never after a local activity
  // (workflow.ts says why).
  const answersResumed =
    state.clock?.status === 'paused' && takesPatch(state, PATCHES.resubmissionAnswersWithResumedClock);
  const expiry = await act(
    state,
    () =>
      records.computeDeadline({
        anchorAt: returnedAt,
        workingDays: state.policy!.returnExpiryWorkingDays,
        warnWorkingDaysBefore: 0,
      }),
    { local: true },
  );
  for (;;) {
    const timeLeft = Math.max(1, Date.parse(expiry.dueAt) - Date.now());
    if (!(await condition(() => state.resubmission !== undefined, timeLeft))) {
      await close(
        state,
        'expired',
        `no resubmission within ${state.policy!.returnExpiryWorkingDays} working days`,
      );
      return undefined;
    }
    // Taken up at once: the stage moves on before any local step.
    const request = state.resubmission!;
    state.resubmission = undefined;
    recordAction(state, 'resubmitted', request.actor, request.note);
    transition(state, 'auditing', SYSTEM);
    const at = taskTime(state);
    // The deadline the resumed clock will have, derived beside the audit by an ordinary activity: the update answers
    // once both are in, in the workflow task the deadline starts, with the clock running again. Without it (up to
    // 0.6.0, or a clock that ran on) the update answers now.
    const resuming = answersResumed ? resumedDeadline(state, at) : undefined;
    if (!resuming) state.answeredResubmission = request;
    const [audit, facts] = await Promise.all([
      act(
        state,
        () => records.auditApplication({ applicationId: app(state), revision: request.revision, at }),
        { local: true },
      ),
      resuming,
    ]);
    state.answeredResubmission = request; // audited, and the clock resumes below unless the audit refused
    if ('refused' in audit) {
      recordAction(state, 'resubmission_refused', request.actor, audit.refused);
      transition(state, 'returned', SYSTEM, { awaiting: 'resubmission', note: audit.refused });
      continue;
    }
    state.revision = request.revision;
    if (facts) {
      state.returns.at(-1)!.resubmittedAt = at;
      resumeClockOn(state, at, facts);
    } else {
      state.returns.at(-1)!.resubmittedAt = taskTime(state);
      await resumeClock(state);
    }
    return audit.flags;
  }
}
