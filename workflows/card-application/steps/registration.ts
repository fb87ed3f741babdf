// Step 4: the provincial card registry registers the card; cards it ends stop paying.
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { partners, records } from '../../proxies';
import { act, stopIfWithdrawn } from '../step';
import { type AppState, app, recordAction, taskTime, transition } from '../state';

/** Step 4: the provincial card registry; an existing card is cancelled before anything is printed. */
export async function register(state: AppState): Promise<void> {
  transition(state, 'registering', SYSTEM);
  const registration = await act(
    state,
    () =>
      records.registerCard({
        applicationId: app(state),
        personKey: state.input.personKey,
        at: taskTime(state),
        ...(state.input.renewal ? { renews: state.input.renewal.predecessorCardId } : {}),
      }),
    { local: true },
  );
  state.cardId = registration.cardId;
  for (const old of registration.cancelled) {
    recordAction(
      state,
      'previous_card_cancelled',
      SYSTEM,
      `${old.cardId} (${old.previousStatus}): ${old.reason}`,
    );
  }
  // A card the registry ended must stop paying too, before anything is printed: the bank freezes its financial
  // function. Registrations of 0.6.1 on name such cards, so this asks no patch, which would lie right after a local
  // activity (workflow.ts says why that is not safe); histories recorded before ask the bank for nothing, as then.
  for (const old of registration.cancelled) {
    if (old.financialFunction !== 'active') continue;
    await act(state, () =>
      partners.setFinancialFunction({
        cardId: old.cardId,
        state: 'frozen',
        requestKey: `${app(state)}:previous-card-freeze:${old.cardId}`,
      }),
    );
    state.frozenPredecessors.push(old.cardId);
    recordAction(
      state,
      'previous_card_frozen',
      PARTNER_ACCOUNTS.bank,
      `${old.cardId}: financial function ended`,
    );
  }
  // A withdrawal taken while the bank answered: it takes over here, before the print step records anything.
  stopIfWithdrawn(state);
}
