// How the main flow calls an activity. A step's call runs to its end even when a withdrawal arrives meanwhile:
// cancelling a call in flight races its completion (the partner may have acted on it, and the server may have
// recorded it already) and leaves the step half done. The withdrawal takes over before the next step, and at once
// in any wait, where the main scope's cancellation reaches it.
import { CancellationScope, CancelledFailure } from '@temporalio/workflow';
import { locally } from './recorder';
import { type AppState, taskTime } from './state';

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
