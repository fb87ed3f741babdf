// "Where is my card?" without an operator: the one-time codes sent to the phone on record. A code is kept only as
// a keyed hash, per person key, with its expiry and wrong tries; the codes sent in the last hour are counted on the
// same document, so a person gets a few codes an hour at most. (The links of the issuance SMS need no store:
// crypto/tracking-link.ts.)
import type { Db } from 'mongodb';
import { TRACKING_CODE } from '../domain/tracking';
import { byId, insertOnce } from './mongo';
import type { TrackingStore } from './ports/center';

interface CodeDoc {
  _id: string; // person key
  codeHash?: string;
  expiresAt?: Date;
  tries: number;
  /** Codes sent since windowStart (an hour long). */
  windowStart: Date;
  sentInWindow: number;
}

export function createTrackingStore(db: Db): TrackingStore {
  const codes = db.collection<CodeDoc>('tracking_codes');

  return {
    /**
     * Keeps a new code for the person (replacing any earlier one), unless they had `perHour` codes in the last
     * hour. The API is the only writer of these documents.
     */
    async issueCode(personKey: string, codeHash: string, now: Date): Promise<'issued' | 'limited'> {
      const doc = await codes.findOne(byId(personKey));
      const fresh = !doc || now.getTime() - doc.windowStart.getTime() >= 3600_000;
      if (!fresh && doc.sentInWindow >= TRACKING_CODE.perHour) return 'limited';
      const next: CodeDoc = {
        _id: personKey,
        codeHash,
        expiresAt: new Date(now.getTime() + TRACKING_CODE.ttlMs),
        tries: 0,
        windowStart: fresh ? now : doc.windowStart,
        sentInWindow: fresh ? 1 : doc.sentInWindow + 1,
      };
      // A racing first request of the same person finds the document there and replaces it.
      if (doc || (await insertOnce(db, 'tracking_codes', next)) === 'existed')
        await codes.replaceOne(byId(personKey), next);
      return 'issued';
    },

    /**
     * Whether the code is the one in force, taking it (used once) unless `keep`; a wrong one counts, and too many
     * void the code.
     */
    async useCode(personKey: string, codeHash: string, now: Date, keep = false): Promise<boolean> {
      const doc = await codes.findOne(byId(personKey));
      if (!doc?.codeHash || !doc.expiresAt || doc.expiresAt <= now || doc.tries >= TRACKING_CODE.maxTries)
        return false;
      if (doc.codeHash !== codeHash) {
        await codes.updateOne(byId(personKey), { $inc: { tries: 1 } });
        return false;
      }
      if (!keep) await codes.updateOne(byId(personKey), { $unset: { codeHash: '', expiresAt: '' } });
      return true;
    },
  };
}
