// Where each application of a batch stands, in a document of about a hundred bytes: what the batch's counts read.
// FerretDB 1.24 runs `$group` and a count itself, decoding every document the filter's pushdown lets through, and a
// record with its trail is some 2 KB: one reading at 20,000 took 6.9 s over the records, 0.64 s over the standings
// (`npm run bench:counts`, docs/performance.md).
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

  const updateOf = ({ _id, sla, ...rest }: StandingDoc) =>
    sla ? { $set: { ...rest, sla } } : { $set: rest, $unset: { sla: '' as const } };
  /** Moves the standing to `standing` unless one of a later write is there. */
  const advance = (standing: StandingDoc) =>
    standings.updateOne({ _id: standing._id, fence: { $lte: standing.fence } }, updateOf(standing));

  return {
    collection: standings,

    /** After the record took a write at `fence` (it was not stale): the standing follows it. */
    async follow(standing: StandingDoc): Promise<void> {
      if ((await advance(standing)).matchedCount > 0) return;
      // None matched: the first write, or a record written before 0.9.2; or a later write's standing is there.
      try {
        await standings.insertOne(standing);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Inserted meanwhile (a task that never completed, or the backfill): the fence decides between the two.
        await advance(standing);
      }
    },

    /**
     * Once per batch, before its first count: standings for the records written before 0.9.2, or brought up to
     * their record where one was left behind. `records` reads the batch's records.
     */
    async backfill(batchId: string, records: () => AsyncIterable<StandingDoc>): Promise<void> {
      // The batches whose standings are complete: counted from standings alone since.
      if (await db.collection<{ _id: string; at: Date }>(BACKFILLED).findOne(byId(batchId))) return;
      let chunk: StandingDoc[] = [];
      const settle = async () => {
        for (const standing of await insertedOrTaken(chunk)) await advance(standing);
        chunk = [];
      };
      for await (const standing of records()) {
        chunk.push(standing);
        if (chunk.length === BACKFILL_CHUNK) await settle();
      }
      await settle();
      await insertOnce(db, BACKFILLED, { _id: batchId, at: new Date() });
    },
  };

  /** Inserts what has no standing yet, and answers the ones that had; any other failure is thrown. */
  async function insertedOrTaken(docs: StandingDoc[]): Promise<StandingDoc[]> {
    if (docs.length === 0) return [];
    try {
      await standings.insertMany(docs, { ordered: false });
      return [];
    } catch (error) {
      // A network or write-concern failure is a bulk error too, with no write error or not only taken keys.
      if (!(error instanceof MongoBulkWriteError) || error.result.getWriteConcernError()) throw error;
      const failed = [error.writeErrors].flat();
      if (failed.length === 0 || !failed.every((e) => e.code === 11000)) throw error;
      return failed.map((e) => docs[e.index]!);
    }
  }
}
export type BatchStandings = ReturnType<typeof createBatchStandings>;
