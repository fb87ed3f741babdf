// Who collected a card: the person, or an agent (family, guardian, the unit's agent, a proxy) with their resident
// ID number. Personal data, so it stays here: the workflow and the card registry hold only the reference. An
// agent's number is kept as a keyed hash (to find every card one agent collected) and a mask (for the counter),
// never in full. Written once by the client before it registers the collection; one document per registration.
import { createHash, randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { CollectorDoc } from '../domain/documents/collectors';
import { byId, isDuplicateKey } from './mongo';
import type { CollectorStore } from './ports/applications';

export function createCollectorStore(db: Db): CollectorStore {
  const collectors = db.collection<CollectorDoc>('collectors');
  return {
    /**
     * Keeps a collector and returns the reference the workflow carries. A request sent again (`requestId`) keeps
     * its first collector: the reference is derived from the request, so the registration it answers with refers
     * to the one document.
     */
    async add(doc: Omit<CollectorDoc, '_id'>, requestId?: string): Promise<string> {
      const seed = requestId
        ? createHash('sha256').update(requestId).digest('hex')
        : randomUUID().replace(/-/g, '');
      const _id = `K${seed.slice(0, 20)}`;
      try {
        await collectors.insertOne({ _id, ...doc });
      } catch (error) {
        if (!(requestId && isDuplicateKey(error))) throw error;
      }
      return _id;
    },
    get: (ref: string) => collectors.findOne(byId(ref)),
    /** A registration the workflow refused: its collector goes too. */
    remove: async (ref: string): Promise<void> => {
      await collectors.deleteOne(byId(ref));
    },
  };
}
