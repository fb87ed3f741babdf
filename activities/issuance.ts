// Step 7b and the end of the road: registering who collected the card, or withdrawing the application.
import type { Actor } from '../domain/actors';
import type { CollectionRecord } from '../domain/messages';
import type { Stores } from '../store';

export function createIssuanceActivities({ stores }: { stores: Stores }) {
  return {
    async registerCollection(input: {
      applicationId: string;
      cardId: string;
      record: CollectionRecord;
      at: string;
    }): Promise<void> {
      await stores.cards.registerCollection(input.cardId, input.record, new Date(input.at));
    },

    async withdrawApplication(input: {
      applicationId: string;
      cardId?: string;
      reason: string;
      actor: Actor;
      at: string;
    }): Promise<void> {
      if (input.cardId) await stores.cards.cancel(input.cardId, 'WITHDRAWN', input.actor, new Date(input.at));
    },
  };
}
