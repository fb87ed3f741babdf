// The electronic social security cards as the national platform was last told, one document per physical card,
// and the e-card sync's cursor over the registry. Written by the e-card sync only (activities/ecard.ts).
import type { Db } from 'mongodb';
import type { ECardStatus } from '../integrations/ports';
import { byId, updateOrInsert } from './mongo';

export interface ECardDoc {
  _id: string; // card ID
  status: ECardStatus;
  /** The registry change it follows (the card's history length then): a change is told once. */
  change: number;
  syncedAt: Date;
}

const CURSOR = 'cursor';

export function createECardStore(db: Db) {
  const ecards = db.collection<ECardDoc>('ecards');
  const sync = db.collection<{ _id: string; changedAt: Date }>('ecard_sync');
  return {
    get: (cardId: string) => ecards.findOne(byId(cardId)),

    async told(doc: ECardDoc): Promise<void> {
      const { _id, ...fields } = doc;
      await updateOrInsert(ecards, _id, { $set: fields }, doc);
    },

    /** Where the last sync stopped: the registry's changes up to this time were told. */
    cursor: async (): Promise<Date | undefined> => (await sync.findOne(byId(CURSOR)))?.changedAt,

    async advance(changedAt: Date): Promise<void> {
      await updateOrInsert(sync, CURSOR, { $set: { changedAt } }, { _id: CURSOR, changedAt });
    },
  };
}
