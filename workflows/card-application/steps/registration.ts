// Step 4: the provincial card registry registers the card; cards it ends stop paying.
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import type { Registration } from '../../../activities/registry';
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
  for (const old of registration.cancelled) recordEnded(state, old);
  // A card the registry ended must stop paying too, before anything is printed: the bank freezes its financial
  // function. Registrations of 0.6.1 on name such cards, so this asks no patch, which would lie right after a local
  // activity (workflow.ts says why that is not safe); histories recorded before ask the bank for nothing, as then.
  for (const old of registration.cancelled) {
    if (old.financialFunction !== 'active') continue;
    await freeze(state, old.cardId, `${app(state)}:previous-card-freeze:${old.cardId}`);
    state.frozenPredecessors.push(old.cardId);
  }
  // A withdrawal taken while the bank answered: it takes over here, before the print step records anything.
  stopIfWithdrawn(state);
}

/** A card of the person's that the registry ended, in the application's timeline. */
export function recordEnded(state: AppState, old: Registration['cancelled'][number]): void {
  recordAction(
    state,
    'previous_card_cancelled',
    SYSTEM,
    `${old.cardId} (${old.previousStatus}): ${old.reason}`,
  );
}

/** The bank ends the financial function of a card the registry ended, once (`requestKey`). */
export async function freeze(state: AppState, cardId: string, requestKey: string): Promise<void> {
  await act(state, () => partners.setFinancialFunction({ cardId, state: 'frozen', requestKey }));
  recordAction(state, 'previous_card_frozen', PARTNER_ACCOUNTS.bank, `${cardId}: financial function ended`);
}
