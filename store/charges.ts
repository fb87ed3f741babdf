// Fees charged with the payment provider: lets the provider's report find its application, and keeps what was
// paid and refunded beside the record.
import type { Db } from 'mongodb';
import type { ChargeDoc } from '../domain/documents/charges';
import { byId, insertOnce } from './mongo';

export function createChargeStore(db: Db) {
  const charges = db.collection<ChargeDoc>('charges');
  return {
    get: (chargeId: string) => charges.findOne(byId(chargeId)),
    open: (doc: ChargeDoc) => insertOnce(db, 'charges', doc),
    /** The provider's report of a payment, or the withdrawal's end of the charge; a repeat changes nothing. */
    async note(chargeId: string, status: 'paid' | 'refunded' | 'closed', at: Date): Promise<void> {
      // A report resent after the refund leaves the refund standing.
      const filter = status === 'paid' ? { _id: chargeId, status: 'open' as const } : byId(chargeId);
      await charges.updateOne(filter, {
        $set: { status, ...(status === 'paid' ? { paidAt: at } : { endedAt: at }) },
      });
    },
  };
}
export type ChargeStore = ReturnType<typeof createChargeStore>;
