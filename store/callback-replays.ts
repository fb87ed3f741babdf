// Signatures of partner callbacks already received, by _id: a callback replayed within its 5-minute window is
// refused because its signature is found here. Older ones are refused as stale anyway, so they are purged.
import type { Db } from 'mongodb';
import { insertOnce } from './mongo';

interface SeenSignatureDoc {
  _id: string;
  partner: string;
  receivedAt: Date;
}

export function createCallbackReplayStore(db: Db, keepMs = 15 * 60_000) {
  const seen = db.collection<SeenSignatureDoc>('callback_signatures');
  let lastPurge = 0;
  return {
    /** Records a signature; 'existed' means the very same callback came before. */
    async record(signature: string, partner: string, now = new Date()): Promise<'inserted' | 'existed'> {
      if (now.getTime() - lastPurge > 60_000) {
        lastPurge = now.getTime();
        await seen.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - keepMs) } });
      }
      return insertOnce(db, 'callback_signatures', { _id: signature, partner, receivedAt: now });
    },

    /** Forgets a signature whose callback failed on sscard's side, so the partner's retry is processed. */
    async forget(signature: string): Promise<void> {
      await seen.deleteOne({ _id: signature });
    },
  };
}
export type CallbackReplayStore = ReturnType<typeof createCallbackReplayStore>;
