// One person, one card, nationwide, seen from the other side: the national card registry learns of every card this
// province issues and of its end, so that another province's pre-judgment finds it and asks for its cancellation
// (as ./printing.ts does here for theirs). A feed over the registry (./card-feed.ts), once per change.
import type { NationalCardRegistry, ReportedCardStatus } from '../integrations/ports';
import type { CardFeedPort } from '../store/ports/activities';
import type { CardStatus } from '../domain/documents/cards';
import { followFeed } from './card-feed';
import { fatal } from './failures';

/** A card is the person's card nationwide from issuance until it ends for good; a loss report does not end it. */
export const REPORTED_STATUS_OF: Partial<Record<CardStatus, ReportedCardStatus>> = {
  issued: 'valid',
  suspended: 'valid',
  lost: 'valid',
  cancelled: 'cancelled',
  replaced: 'cancelled',
};

export function createNationalRegistryActivities(deps: {
  stores: CardFeedPort;
  national: NationalCardRegistry;
}) {
  const { stores, national } = deps;
  return {
    /** One page of the registry's changes, told to the national card registry. */
    syncNationalRegistry: followFeed(stores, 'national', {
      books: stores.nationalReports,
      statusOf: REPORTED_STATUS_OF,
      async tell({ requestKey, card, application, applicant, status }) {
        const province = (await stores.units.get(application.unitId))?.region.slice(0, 2);
        if (!province) fatal('UNIT_UNKNOWN', 'the unit that applied for the card is not on record');
        await national.reportCard({
          requestKey,
          residentId: applicant.residentId,
          province,
          cardNumber: card.cardNumber,
          status,
        });
      },
    }),
  };
}
