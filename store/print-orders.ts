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
}

export function createPrintOrderStore(db: Db) {
  const orders = db.collection<PrintOrderDoc>('print_orders');
  return {
    get: (orderId: string) => orders.findOne({ _id: orderId }),
    place: (doc: PrintOrderDoc) => insertOnce(db, 'print_orders', doc),
    async settle(orderId: string, status: PrintOrderDoc['status'], at: Date): Promise<void> {
      await orders.updateOne({ _id: orderId, status: 'placed' }, { $set: { status, reportedAt: at } });
    },
  };
}
export type PrintOrderStore = ReturnType<typeof createPrintOrderStore>;
