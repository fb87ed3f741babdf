// What the national parties were last told of each card, and each feed's cursor over the registry: the e-card
// platform (the electronic card's status) and the national card registry (the cards this province issued). One
// document per physical card and party, written by that party's feed only (activities/card-feed.ts).
import type { Db } from 'mongodb';
import type { FeedDoc } from '../domain/documents/card-feeds';
import { byId, updateOrInsert } from './mongo';
import type { CardFeedStore } from './ports/cards';

const CURSOR = 'cursor';

/** A feed's books: `told` holds a document per card, `cursor` where the last run stopped. */
export function createCardFeedStore<S extends string>(
  db: Db,
  names: { told: string; cursor: string },
): CardFeedStore<S> {
  const told = db.collection<FeedDoc<S>>(names.told);
  const sync = db.collection<{ _id: string; changedAt: Date }>(names.cursor);
  return {
    get: (cardId: string) => told.findOne(byId(cardId)),

    async told(doc: FeedDoc<S>): Promise<void> {
      const { _id, ...fields } = doc;
      await updateOrInsert(told, _id, { $set: fields }, doc);
    },

    /** Where the last sync stopped: the registry's changes up to this time were told. */
    cursor: async (): Promise<Date | undefined> => (await sync.findOne(byId(CURSOR)))?.changedAt,

    async advance(changedAt: Date): Promise<void> {
      await updateOrInsert(sync, CURSOR, { $set: { changedAt } }, { _id: CURSOR, changedAt });
    },
  };
}
