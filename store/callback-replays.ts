// Partner callbacks already received, by "<partner>:<webhook-id>": a message delivered again within its 5-minute
// window is refused because its ID is found here. Older ones are refused as stale anyway, so they are purged.
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
    /** Records a message; 'existed' means the very same message came before. */
    async record(replayKey: string, partner: string, now = new Date()): Promise<'inserted' | 'existed'> {
      if (now.getTime() - lastPurge > 60_000) {
        lastPurge = now.getTime();
        await seen.deleteMany({ receivedAt: { $lt: new Date(now.getTime() - keepMs) } });
      }
      return insertOnce(db, 'callback_signatures', { _id: replayKey, partner, receivedAt: now });
    },

    /** Forgets a message whose callback failed on sscard's side, so the partner's resend is processed. */
    async forget(replayKey: string): Promise<void> {
      await seen.deleteOne({ _id: replayKey });
    },
  };
}
export type CallbackReplayStore = ReturnType<typeof createCallbackReplayStore>;
