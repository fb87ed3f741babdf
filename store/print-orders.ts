// Print orders placed with the manufacturer: lets a partner report find its workflow, and lets the API refuse
// reports on orders that are not the partner's or not open.
import type { Db } from 'mongodb';
import { insertOnce } from './mongo';

export interface PrintOrderDoc {
  _id: string;
  applicationId: string;
  workflowId: string;
  cardId: string;
  manufacturer: string;
  express: boolean;
  status: 'placed' | 'printed' | 'failed' | 'cancelled';
  placedAt: Date;
  reportedAt?: Date;
  /** Where a failed print failed. */
  failedAt?: string;
}

export function createPrintOrderStore(db: Db) {
  const orders = db.collection<PrintOrderDoc>('print_orders');
  return {
    get: (orderId: string) => orders.findOne({ _id: orderId }),
    place: (doc: PrintOrderDoc) => insertOnce(db, 'print_orders', doc),
    /** Settles an open order once; false when it was settled already (a repeated report changes nothing). */
    async settle(
      orderId: string,
      status: Exclude<PrintOrderDoc['status'], 'placed'>,
      at: Date,
      failedAt?: string,
    ): Promise<boolean> {
      const result = await orders.updateOne(
        { _id: orderId, status: 'placed' },
        { $set: { status, reportedAt: at, ...(failedAt ? { failedAt } : {}) } },
      );
      return result.modifiedCount === 1;
    },
    /** A card's print orders, in the order they were placed. */
    forCard: (cardId: string) => orders.find({ cardId }).sort({ placedAt: 1, _id: 1 }).toArray(),
  };
}
export type PrintOrderStore = ReturnType<typeof createPrintOrderStore>;
