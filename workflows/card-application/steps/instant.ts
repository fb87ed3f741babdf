// The instant lane (即时制卡): the checks that take days elsewhere answer within the policy's seconds, the counter's
// printer makes the card while the person waits, and the bank and the collection follow in the same visit. Whatever
// cannot be done now hands the application over to the sporadic lane, not re-entered: its working-day clock has
// counted from acceptance all along, and the person is told by when and where to collect.
import { RetryState } from '@temporalio/common';
import { ActivityFailure, condition, TimeoutFailure } from '@temporalio/workflow';
import { SYSTEM } from '../../../domain/actors';
import { shanghaiDate } from '../../../domain/calendar/shanghai-time';
import type { PARTNER_OF_ACTIVITY } from '../../../domain/partner-queues';
import { raise } from '../escalate';
import { partners, partnersWithin } from '../../proxies';
import { act } from '../step';
import { type AppState, app, changed, laneOf, recordAction, taskTime, transition } from '../state';

/** Whether the application is (still) in the instant lane. */
export const inInstantLane = (state: AppState): boolean => laneOf(state) === 'instant';

/** Acceptance set the lane's target: the card within so many minutes of acceptance. */
export function startInstantLane(state: AppState, acceptedAt: string): void {
  const request = state.input.instant;
  const minutes = state.policy?.instant?.targetMinutes;
  if (!request || !minutes) return;
  state.instant = {
    counterId: request.counterId,
    ...(request.reason ? { reason: request.reason } : {}),
    targetMinutes: minutes,
    targetAt: new Date(Date.parse(acceptedAt) + minutes * 60_000).toISOString(),
  };
  changed(state);
}

/**
 * A partner call the lane needs now: undefined when it did not answer within the lane's seconds (an outage retried
 * until then, or a refusal that waits longer), so that the caller hands the application over.
 */
export async function withinLane<T>(
  state: AppState,
  activity: keyof typeof PARTNER_OF_ACTIVITY,
  seconds: number,
  call: (proxy: ReturnType<typeof partnersWithin>) => Promise<T>,
): Promise<T | undefined> {
  try {
    return await act(state, () => call(partnersWithin(seconds, activity)));
  } catch (error) {
    // Out of time: the last attempt timed out, or the next retry would come after the lane's seconds (Temporal then
    // fails the call with the last attempt's failure and a TIMEOUT retry state).
    if (
      error instanceof ActivityFailure &&
      (error.cause instanceof TimeoutFailure || error.retryState === RetryState.TIMEOUT)
    )
      return undefined;
    throw error;
  }
}

/** Hands the application over to the sporadic lane and tells the person by when and where to collect. */
export async function fallBack(state: AppState, reason: string): Promise<void> {
  const lane = state.instant!;
  lane.fellBack = { at: taskTime(state), reason };
  recordAction(state, 'instant_fell_back', SYSTEM, reason);
  await act(state, () =>
    partners.notifyWhereToCollect({
      applicationId: app(state),
      kind: 'instant_fell_back',
      readyBy: state.clock!.facts.dueAt,
      counterId: lane.counterId,
      at: taskTime(state),
      revision: state.revision,
    }),
  );
}

/**
 * Step 5 in the instant lane: the counter's printer makes the card, after the national registry found no card of
 * another province to cancel first. Returns false when the application handed over (the manufacturer prints).
 */
export async function printAtCounter(state: AppState): Promise<boolean> {
  if (!inInstantLane(state)) return false;
  const lane = state.instant!;
  const seconds = state.policy!.instant!.printSeconds;
  transition(state, 'printing', SYSTEM, { note: `at counter ${lane.counterId}` });
  const printId = `${app(state)}-K1`;
  const made =
    (await withinLane(state, 'printAtCounter', seconds, (printer) =>
      printer.printAtCounter({
        applicationId: app(state),
        printId,
        counterId: lane.counterId,
        at: taskTime(state),
        revision: state.revision,
      }),
    )) ??
    // No answer in time: the printer may have made the card all the same. It says which, and makes none after.
    (await act(state, () => partners.settleCounterPrint({ printId })));
  if (!made.made) {
    await fallBack(state, `${made.code}: ${made.message}`);
    return false;
  }
  state.printed = { cardNumber: made.cardNumber, chipId: made.chipId };
  lane.blankSerial = made.blankSerial;
  // The registry learns of the card with the record's next write: only what the workflow took counts.
  state.record.madeAtCounter = {
    cardId: state.cardId!,
    printed: { ...state.printed, madeAt: { counterId: lane.counterId, blankSerial: made.blankSerial } },
    at: taskTime(state),
  };
  recordAction(state, 'printed_at_counter', SYSTEM, `counter ${lane.counterId}, blank ${made.blankSerial}`);
  return true;
}

/** The holder stands at the counter: the collection is registered with the issuance, by the clerk who took it. */
export function collectAtCounter(state: AppState): void {
  if (!inInstantLane(state) || !state.instant?.blankSerial) return;
  state.collection = {
    relation: 'self',
    receivedOn: shanghaiDate(new Date(taskTime(state))),
    place: state.instant.counterId,
    actor: state.input.submittedBy,
  };
}

/** Runs beside the main flow: a supervisor is told when the card is not made within the lane's target. */
export async function watchInstantTarget(state: AppState, closed: () => boolean): Promise<void> {
  await condition(() => closed() || state.instant !== undefined);
  const lane = state.instant;
  if (!lane) return;
  const done = () => closed() || !inInstantLane(state) || state.stage === 'issued';
  if (await condition(done, Math.max(1, Date.parse(lane.targetAt) - Date.now()))) return;
  lane.targetExceeded = true;
  await raise(state, 'instant_target_exceeded', 1);
}
