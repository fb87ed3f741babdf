// How the main flow calls an activity. A step's call runs to its end even when a withdrawal arrives meanwhile:
// cancelling a call in flight races its completion (the partner may have acted on it, and the server may have
// recorded it already) and leaves the step half done. The withdrawal takes over before the next step, and at once
// in any wait, where the main scope's cancellation reaches it.
import { CancellationScope, CancelledFailure, isCancellation } from '@temporalio/workflow';
import { locally } from './recorder';
import { type AppState, takesPatch, taskTime } from './state';
import { PATCHES } from '../patches';

export function stopIfWithdrawn(state: AppState): void {
  if (state.withdrawal) throw new CancelledFailure('withdrawn');
}

/** A call to a partner, or (`local`) a local step the recorder waits for, so the task writes once. */
export async function act<T>(
  state: AppState,
  call: () => Promise<T>,
  options: { local?: boolean } = {},
): Promise<T> {
  stopIfWithdrawn(state);
  taskTime(state);
  const whole = () => CancellationScope.nonCancellable(call);
  return options.local ? locally(state, whole) : whole();
}

// The workflow's root scope, and the step running now whose activity waits on another party, if any (module
// state is the workflow's own).
let root: CancellationScope | undefined;
let partyWait: CancellationScope | undefined;

/** Called first thing by the workflow: a party wait's scope hangs from the root (see actWaiting). */
export function holdRootScope(): void {
  root = CancellationScope.current();
}

/**
 * A step whose activity waits on another party, for days possibly: the bank's receipt of the card, another
 * province's confirmation (activities/waiting.ts). Like any step the withdrawal's scope does not cancel it, but the
 * withdrawal stops it through stopPartyWait() instead of waiting for the party; an attempt in flight still ends.
 */
export async function actWaiting<T>(state: AppState, call: () => Promise<T>): Promise<T> {
  return act(state, async () => {
    // Not a child of the step's non-cancellable scope: in histories recorded before the SDK shielded such scopes
    // (no NonCancellableScopesAreShieldedFromPropagation flag), the withdrawal's cancellation reached their children.
    const scope = new CancellationScope({ cancellable: true, ...(root ? { parent: root } : {}) });
    partyWait = scope;
    try {
      return await scope.run(call);
    } catch (error) {
      // An attempt in flight when the withdrawal stopped the wait may still fail on its own (the bank was down):
      // Temporal retries no more, and that failure is the withdrawal's, not the application's. Before 0.6.1 it
      // failed the workflow (the fault run found one); the patch keeps such a history replaying as it ran.
      if (
        scope.consideredCancelled &&
        !isCancellation(error) &&
        takesPatch(state, PATCHES.stoppedPartyWaitEndsInWithdrawal)
      )
        throw new CancelledFailure('withdrawn while waiting on another party');
      throw error;
    } finally {
      if (partyWait === scope) partyWait = undefined;
    }
  });
}

export const partyWaitRunning = (): boolean => partyWait !== undefined;

export function stopPartyWait(): void {
  partyWait?.cancel();
}
