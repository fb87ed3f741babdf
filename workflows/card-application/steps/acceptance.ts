// Step 1: acceptance. A refusal no retry can change (an unknown or suspended unit...) closes the application.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { ReturnReason } from '../../../domain/application';
import { startClock } from '../clock';
import { records } from '../../proxies';
import { act } from '../step';
import { type AppState, app, taskTime, transition } from '../state';
import { close } from './closing';
import { startInstantLane } from './instant';

/** A refusal no retry can change (a non-retryable failure with a code), as a step's negative answer. */
function refusal(error: unknown): { accepted: false; code: string; message: string } {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure && cause.nonRetryable && cause.type)) throw error;
  return { accepted: false, code: cause.type, message: cause.message };
}

/**
 * Step 1, with the audit of the data as submitted. Returns the audit's flags, or undefined when the application
 * cannot be accepted (unknown or suspended unit...).
 */
export async function accept(state: AppState): Promise<ReturnReason[] | undefined> {
  const acceptedAt = taskTime(state);
  // A batch's applications all run against the batch's clock.
  const anchorAt = state.input.batch?.acceptedAt ?? acceptedAt;
  const result = await act(
    state,
    () => records.acceptApplication({ applicationId: app(state), acceptedAt, anchorAt }),
    { local: true },
  ).catch((error: unknown) => refusal(error));
  if (!result.accepted) {
    await close(state, 'rejected', `${result.code}: ${result.message}`);
    return undefined;
  }
  state.policy = result.policy;
  // Decided by acceptances of 0.8.0 on: earlier histories carry no fee, and wait for no payment on replay.
  if (result.fee) state.fee = result.fee;
  state.acceptedAt = acceptedAt;
  startClock(state, anchorAt, result.deadline);
  startInstantLane(state, acceptedAt);
  transition(state, 'accepted', state.input.submittedBy);
  return result.flags;
}
