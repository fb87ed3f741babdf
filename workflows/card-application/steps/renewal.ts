// After step 7b of a renewal: the renewed card, valid until now, ends once its successor is issued. Only renewals
// (0.8.0 on) carry `input.renewal`, so no earlier workflow runs this and it needs no patch.
import { database } from '../../proxies';
import { act } from '../step';
import { type AppState, app, taskTime } from '../state';
import { freeze, recordEnded } from './registration';

/**
 * The registry cancels the renewed card naming the new one (the e-card and national registry feeds follow it), and
 * the bank ends its financial function.
 */
export async function endRenewedCard(state: AppState): Promise<void> {
  const renewal = state.input.renewal;
  if (!renewal) return;
  const old = await act(state, () =>
    database.endRenewedCard({
      cardId: renewal.predecessorCardId,
      successorCardId: state.cardId!,
      at: taskTime(state),
    }),
  );
  if (!old) return;
  recordEnded(state, old);
  if (old.financialFunction === 'active')
    await freeze(state, old.cardId, `${app(state)}:renewed-card-freeze:${old.cardId}`);
}
