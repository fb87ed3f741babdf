// An application that closes without a card (rejected, or expired while returned): the unit is told.
import { type Actor, SYSTEM } from '../../../domain/actors';
import { partners } from '../../proxies';
import { act } from '../step';
import { type AppState, app, taskTime, transition } from '../state';

export async function close(
  state: AppState,
  outcome: 'rejected' | 'expired',
  note: string,
  by: Actor = SYSTEM,
): Promise<void> {
  state.outcome = outcome;
  transition(state, outcome, by, { note });
  await act(state, () =>
    partners.notifyUnit({
      applicationId: app(state),
      kind: outcome,
      occurrence: 1,
      reasons: [],
      at: taskTime(state),
    }),
  );
}
