// Idempotency records of creating requests: one per caller and Idempotency-Key, holding a fingerprint of the
// request and, once answered, the answer, so a retried request gets the same answer and never acts twice.
import type { Db } from 'mongodb';
import { isDuplicateKey } from './mongo';

export interface StoredResponse {
  status: number;
  body: string;
}

interface IdempotencyDoc {
  /** `<caller>\n<key>`: keys are scoped per caller, so two callers never collide. */
  _id: string;
  fingerprint: string;
  state: 'in_flight' | 'done';
  startedAt: Date;
  /** The API process running the request. */
  owner: string;
  /**
   * The request's lease, renewed while it runs: a claim whose lease ran out is taken for abandoned (its process
   * died) and may be run again, so a claim ends with the request that made it, not minutes later.
   */
  lockedUntil: Date;
  expiresAt: Date;
  response?: StoredResponse;
}

export type Claim =
  | { outcome: 'proceed' }
  | { outcome: 'replay'; response: StoredResponse }
  | { outcome: 'in_flight' }
  | { outcome: 'reused' };

export interface IdempotencyTimes {
  /** How long a claim holds without being renewed; a running request renews it every third of this. */
  leaseMs: number;
  /** How long an answer is kept for retries. */
  keepMs: number;
}

const DEFAULT_TIMES: IdempotencyTimes = { leaseMs: 30_000, keepMs: 24 * 3600_000 };

export function createIdempotencyStore(db: Db, times: IdempotencyTimes = DEFAULT_TIMES) {
  const records = db.collection<IdempotencyDoc>('idempotency_keys');
  const idOf = (caller: string, key: string) => `${caller}\n${key}`;

  return {
    leaseMs: times.leaseMs,

    /**
     * Claims a key for a request of `owner` (an API process); tells what to do when the key was seen before.
     * `orphaned` says the owner holds the claim from a request of its own that already ended (it could not give
     * the key back): it is taken over at once.
     */
    async claim(
      caller: string,
      key: string,
      fingerprint: string,
      owner: string,
      orphaned = false,
      now = new Date(),
    ): Promise<Claim> {
      const _id = idOf(caller, key);
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          await records.insertOne({
            _id,
            fingerprint,
            state: 'in_flight',
            startedAt: now,
            owner,
            lockedUntil: new Date(now.getTime() + times.leaseMs),
            expiresAt: new Date(now.getTime() + times.keepMs),
          });
          return { outcome: 'proceed' };
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
        }
        const seen = await records.findOne({ _id });
        if (!seen) continue; // released meanwhile: claim it afresh
        if (seen.expiresAt <= now) {
          await records.deleteOne({ _id, expiresAt: seen.expiresAt });
          continue;
        }
        if (seen.fingerprint !== fingerprint) return { outcome: 'reused' };
        if (seen.state === 'done' && seen.response) return { outcome: 'replay', response: seen.response };
        if (seen.lockedUntil > now && !(orphaned && seen.owner === owner)) return { outcome: 'in_flight' };
        // Abandoned: the first to take the claim over runs the request again.
        const taken = await records.updateOne(
          { _id, state: 'in_flight', lockedUntil: seen.lockedUntil },
          { $set: { startedAt: now, owner, lockedUntil: new Date(now.getTime() + times.leaseMs) } },
        );
        return taken.modifiedCount === 1 ? { outcome: 'proceed' } : { outcome: 'in_flight' };
      }
      return { outcome: 'in_flight' };
    },

    /** Extends a running request's lease; false when the claim is no longer its own. */
    async renew(caller: string, key: string, owner: string, now = new Date()): Promise<boolean> {
      const renewed = await records.updateOne(
        { _id: idOf(caller, key), state: 'in_flight', owner },
        { $set: { lockedUntil: new Date(now.getTime() + times.leaseMs) } },
      );
      return renewed.matchedCount === 1;
    },

    /** Stores the answer for retries. */
    async complete(caller: string, key: string, response: StoredResponse): Promise<void> {
      await records.updateOne(
        { _id: idOf(caller, key), state: 'in_flight' },
        { $set: { state: 'done', response } },
      );
    },

    /** Gives a key back when the request failed on sscard's side, so the caller's retry runs it again. */
    async release(caller: string, key: string): Promise<void> {
      await records.deleteOne({ _id: idOf(caller, key), state: 'in_flight' });
    },
  };
}
export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
