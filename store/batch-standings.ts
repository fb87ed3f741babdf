// Where each application of a batch stands, in a document of about a hundred bytes: what the batch's counts read.
// FerretDB 1.24 runs `$group` and a count itself, decoding every document the filter's pushdown lets through, and a
// record with its trail is some 2 KB: counting 20,000 records took 11 s, their standings 0.7 s (docs/performance.md).
// A standing is written by the record's own write, after it and with its fence, so the same rules keep it exact: a
// stale write changes nothing, and a retried write finishes what a crash between the two left.
import { type Db, MongoBulkWriteError } from 'mongodb';
import type { Stage } from '../domain/stages';
import { byId, insertOnce, isDuplicateKey } from './mongo';

export interface StandingDoc {
  /** The application's ID. */
  _id: string;
  batchId: string;
  stage: Stage;
  sla?: string;
  returnCount: number;
  fence: number;
}

const BACKFILL_CHUNK = 1000;
const BACKFILLED = 'batch_standings_backfilled';

export function createBatchStandings(db: Db) {
  const standings = db.collection<StandingDoc>('batch_standings');

  const insertIgnoringTaken = async (docs: StandingDoc[]): Promise<void> => {
    try {
      await standings.insertMany(docs, { ordered: false });
    } catch (error) {
      // A standing already there came from a write at least as late: keep it.
      const taken = (e: { code?: number }) => e.code === 11000;
      if (error instanceof MongoBulkWriteError && [error.writeErrors].flat().every(taken)) return;
      if (!isDuplicateKey(error)) throw error;
    }
  };

  return {
    collection: standings,

    /** After the record took a write at `fence` (it was not stale): the standing follows it. */
    async follow(standing: StandingDoc): Promise<void> {
      const { _id, fence, sla, ...rest } = standing;
      const set = { ...rest, fence, ...(sla ? { sla } : {}) };
      const update = sla ? { $set: set } : { $set: set, $unset: { sla: '' as const } };
      const result = await standings.updateOne({ _id, fence: { $lte: fence } }, update);
      // None matched: the first write, or a record written before 0.9.2; or a later write's standing is there.
      if (result.matchedCount === 0) await insertIgnoringTaken([standing]);
    },

    /**
     * Once per batch, before its first count: standings for the records written before 0.9.2 (or before their
     * standing, should the process have stopped between the two). `records` reads the batch's records.
     */
    async backfill(batchId: string, records: () => AsyncIterable<StandingDoc>): Promise<void> {
      // The batches whose standings are complete: counted from standings alone since.
      if (await db.collection<{ _id: string; at: Date }>(BACKFILLED).findOne(byId(batchId))) return;
      let chunk: StandingDoc[] = [];
      for await (const standing of records()) {
        chunk.push(standing);
        if (chunk.length === BACKFILL_CHUNK) {
          await insertIgnoringTaken(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await insertIgnoringTaken(chunk);
      await insertOnce(db, BACKFILLED, { _id: batchId, at: new Date() });
    },
  };
}
export type BatchStandings = ReturnType<typeof createBatchStandings>;
