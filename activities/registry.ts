// Step 4: pre-judgment against the provincial card registry. A person's earlier card is cancelled, with the new
// card named as its successor, before any print order exists.
import { SYSTEM } from '../domain/actors';
import type { RegistrationPort } from '../store/ports/activities';
import { type CancellationReason, type CardStatus, cardIdFor } from '../domain/documents/cards';
import { fatal } from './failures';

const REASON_BY_STATUS: Partial<Record<CardStatus, CancellationReason>> = {
  issued: 'REPLACED_BY_NEW_CARD',
  suspended: 'REPLACED_BY_NEW_CARD',
  awaiting_collection: 'REPLACED_BY_NEW_CARD',
  lost: 'LOST_AND_REPLACED',
  pending_print: 'SUPERSEDED',
  printed: 'SUPERSEDED',
  at_bank: 'SUPERSEDED',
  bank_activated: 'SUPERSEDED',
};

/** A card pays (its financial function is active at the bank) from its account's opening until a loss report. */
const PAYING: readonly CardStatus[] = ['bank_activated', 'awaiting_collection', 'issued'];

export interface Registration {
  cardId: string;
  cancelled: {
    cardId: string;
    previousStatus: CardStatus;
    reason: CancellationReason;
    /**
     * `active`: the card paid until this registration ended it, so the bank must freeze it (named since 0.6.1: a
     * registration recorded before names none, and the workflow then asks the bank for nothing, as it did).
     */
    financialFunction?: 'active';
  }[];
}

export function createRegistryActivities({ stores }: { stores: RegistrationPort }) {
  return {
    async registerCard({
      applicationId,
      at,
      personKey,
    }: {
      applicationId: string;
      at: string;
      /** The person's key (from the workflow's input); read from the submission when not given. */
      personKey?: string;
    }): Promise<Registration> {
      const holder = personKey ?? (await stores.applications.get(applicationId))?.personKey;
      if (!holder) fatal('APPLICATION_NOT_FOUND');
      const cardId = cardIdFor(applicationId);
      const when = new Date(at);
      const card = {
        _id: cardId,
        personKey: holder,
        applicationId,
        status: 'pending_print' as const,
        at: when,
      };
      // Most people get their first card: naming it theirs is the whole registration, with nothing to read.
      if ((await stores.cards.addIfFirst(card)) === 'first') return { cardId, cancelled: [] };
      for (const old of await stores.cards.cardsOf(holder)) {
        // The reason is taken from where the card stands when it is moved: its card life may move it meanwhile.
        if (old._id !== cardId && REASON_BY_STATUS[old.status])
          await stores.cards.cancel(old._id, (status) => REASON_BY_STATUS[status], SYSTEM, when, cardId);
      }
      // Read back rather than remember: a retried attempt reports what the first one cancelled.
      const cancelled = (await stores.cards.cardsOf(holder))
        .filter((old) => old.cancellation?.successorCardId === cardId)
        .map((old) => {
          const previousStatus = old.history.at(-2)?.status ?? old.status;
          // A card from before sscard has no chip the bank knows: nothing of it pays through sscard's bank.
          const paid = old.chipId !== undefined && !old.bank?.closedAt && PAYING.includes(previousStatus);
          return {
            cardId: old._id,
            previousStatus,
            reason: old.cancellation!.reason,
            ...(paid ? { financialFunction: 'active' as const } : {}),
          };
        });
      // The card that was in the holder's hands (at most one) is this one's predecessor.
      const predecessor = cancelled.find((old) => old.reason !== 'SUPERSEDED');
      await stores.cards.add({ ...card, ...(predecessor ? { predecessorCardId: predecessor.cardId } : {}) });
      return { cardId, cancelled };
    },
  };
}
