// After step 7b of a renewal: the renewed card, valid until now, ends once its successor is issued. Only renewals
// (0.8.0 on) carry `input.renewal`, so no earlier workflow runs this and it needs no patch.
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { database, partners } from '../../proxies';
import { act } from '../step';
import { type AppState, app, recordAction, taskTime } from '../state';

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
  recordAction(
    state,
    'previous_card_cancelled',
    SYSTEM,
    `${old.cardId} (${old.previousStatus}): ${old.reason}`,
  );
  if (old.financialFunction !== 'active') return;
  await act(state, () =>
    partners.setFinancialFunction({
      cardId: old.cardId,
      state: 'frozen',
      requestKey: `${app(state)}:renewed-card-freeze:${old.cardId}`,
    }),
  );
  recordAction(
    state,
    'previous_card_frozen',
    PARTNER_ACCOUNTS.bank,
    `${old.cardId}: financial function ended`,
  );
}
