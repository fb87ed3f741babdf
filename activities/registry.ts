// Step 4: pre-judgment against the provincial card registry. A person's earlier card is cancelled, with the new
// card named as its successor, before any print order exists.
import { SYSTEM } from '../domain/actors';
import type { Stores } from '../store';
import { type CancellationReason, type CardStatus, cardIdFor } from '../store/cards';
import { fatal } from './failures';

const REASON_BY_STATUS: Partial<Record<CardStatus, CancellationReason>> = {
  issued: 'REPLACED_BY_NEW_CARD',
  awaiting_collection: 'REPLACED_BY_NEW_CARD',
  lost: 'LOST_AND_REPLACED',
  pending_print: 'SUPERSEDED',
  printed: 'SUPERSEDED',
  bank_activated: 'SUPERSEDED',
};

export interface Registration {
  cardId: string;
  cancelled: { cardId: string; previousStatus: CardStatus; reason: CancellationReason }[];
}

export function createRegistryActivities({ stores }: { stores: Stores }) {
  return {
    async registerCard({ applicationId, at }: { applicationId: string; at: string }): Promise<Registration> {
      const doc = await stores.applications.get(applicationId);
      if (!doc) fatal('APPLICATION_NOT_FOUND');
      const cardId = cardIdFor(applicationId);
      const when = new Date(at);
      for (const card of await stores.cards.cardsOf(doc.personKey)) {
        const reason = REASON_BY_STATUS[card.status];
        if (card._id !== cardId && reason) await stores.cards.cancel(card._id, reason, SYSTEM, when, cardId);
      }
      await stores.cards.add({
        _id: cardId,
        personKey: doc.personKey,
        applicationId,
        status: 'pending_print',
        at: when,
      });
      // Read back rather than remember: a retried attempt reports what the first one cancelled.
      const cancelled = (await stores.cards.cardsOf(doc.personKey))
        .filter((card) => card.cancellation?.successorCardId === cardId)
        .map((card) => ({
          cardId: card._id,
          previousStatus: card.history.at(-2)?.status ?? card.status,
          reason: card.cancellation!.reason,
        }));
      return { cardId, cancelled };
    },
  };
}
