// Steps 6 and 7a: the bank opens the account on the printed card, then the unit and the person are told.
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { stopClock } from '../clock';
import { partners } from '../../proxies';
import { recorded } from '../recorder';
import { act, actWaiting } from '../step';
import { type AppState, app, recordAction, taskTime, transition } from '../state';

/** Step 6: the bank writes the wallet and opens the account; outages are retried by the activity's policy. */
export async function openAccount(state: AppState): Promise<void> {
  transition(state, 'bank_account', SYSTEM);
  // The registry must show the card printed before the bank activates it: written with this task's steps.
  await recorded(state);
  const account = await actWaiting(state, () =>
    partners.openBankAccount({
      applicationId: app(state),
      cardId: state.cardId!,
      at: taskTime(state),
      revision: state.revision,
      printed: state.printed!,
      ...(state.instant?.blankSerial ? { atCounter: true } : {}),
    }),
  );
  recordAction(
    state,
    'bank_activated',
    PARTNER_ACCOUNTS.bank,
    account.opened === 'new' ? 'account opened' : 'existing account linked',
  );
}

/** Step 7a: tell the unit and the person; this stops the legal clock. */
export async function notify(state: AppState): Promise<void> {
  transition(state, 'notifying', SYSTEM);
  const { notifiedAt } = await act(state, () =>
    partners.notifyIssuance({
      applicationId: app(state),
      cardId: state.cardId!,
      at: taskTime(state),
      revision: state.revision,
    }),
  );
  stopClock(state);
  state.notifiedAt = notifiedAt;
  transition(state, 'awaiting_collection', SYSTEM, { awaiting: 'collection' });
}
