// The electronic social security card follows the physical one: the e-card feed tells the national platform each
// card's new e-card status, once per change (./card-feed.ts says how).
import type { ECardPlatform, ECardStatus } from '../integrations/ports';
import type { CardFeedPort } from '../store/ports/activities';
import type { CardStatus } from '../domain/documents/cards';
import { followFeed } from './card-feed';

/** The e-card status of a card in each status that has one: an e-card exists from issuance on. */
export const ECARD_STATUS_OF: Partial<Record<CardStatus, ECardStatus>> = {
  issued: 'active',
  suspended: 'suspended',
  lost: 'suspended',
  cancelled: 'cancelled',
  replaced: 'cancelled',
};

export function createECardActivities({ stores, ecard }: { stores: CardFeedPort; ecard: ECardPlatform }) {
  return {
    /** One page of the registry's changes, told to the e-card platform. */
    syncECards: followFeed(stores, 'ecard', {
      books: stores.ecards,
      statusOf: ECARD_STATUS_OF,
      tell: async ({ requestKey, card, applicant, status }) =>
        void (await ecard.setStatus({
          requestKey,
          residentId: applicant.residentId,
          cardNumber: card.cardNumber,
          status,
        })),
    }),
  };
}
