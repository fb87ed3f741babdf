// Step 7b and the end of the road: registering who collected the card, or withdrawing the application.
import type { Actor } from '../domain/actors';
import type { CollectionRecord } from '../domain/messages';
import type { IssuancePort } from '../store/ports/activities';
import { type CardStatus, cardIdFor } from '../domain/documents/cards';

export function createIssuanceActivities({ stores }: { stores: IssuancePort }) {
  return {
    async registerCollection(input: {
      applicationId: string;
      cardId: string;
      record: CollectionRecord;
      at: string;
    }): Promise<void> {
      // Sealed before it is in use: its life process never meets a card of sscard's without a use record.
      await stores.cardUse.seal(input.cardId);
      await stores.cards.registerCollection(input.cardId, input.record, new Date(input.at));
    },

    /**
     * A withdrawal's undoing of step 4: the new card is cancelled and the cards its registration cancelled get
     * their status back (a lost one stays cancelled). Returns the cards restored.
     */
    async withdrawApplication(input: {
      applicationId: string;
      cardId?: string;
      reason: string;
      actor: Actor;
      at: string;
      /** The person's key (from the workflow's input): whose earlier cards to restore. */
      personKey?: string;
      /** The holder died: their earlier cards stay ended. */
      holderDeceased?: boolean;
    }): Promise<{ restored: { cardId: string; status: CardStatus }[] }> {
      // A registration the workflow never took up (its task died, and the withdrawal came first on retry) may have
      // left the application's card behind: that one is undone too (the fault run found one pending_print).
      const leftover = cardIdFor(input.applicationId);
      const cardId = input.cardId ?? ((await stores.cards.get(leftover)) ? leftover : undefined);
      if (!cardId) return { restored: [] };
      const at = new Date(input.at);
      await stores.cards.cancel(cardId, 'WITHDRAWN', input.actor, at);
      if (!input.personKey || input.holderDeceased) return { restored: [] };
      return { restored: await stores.cards.restorePredecessors(cardId, input.personKey, at) };
    },
  };
}
