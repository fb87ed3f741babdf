// Print orders placed with the manufacturer: lets a partner report find its workflow, and lets the API refuse
// reports on orders that are not the partner's or not open.
import type { Db } from 'mongodb';
import { insertOnce, isDuplicateKey } from './mongo';

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

/** The first report received on an order, one document each, written by the API alone. */
interface PrintReportReceiptDoc {
  _id: string;
  receivedAt: Date;
}

export function createPrintOrderStore(db: Db) {
  const orders = db.collection<PrintOrderDoc>('print_orders');
  const receipts = db.collection<PrintReportReceiptDoc>('print_report_receipts');
  return {
    get: (orderId: string) => orders.findOne({ _id: orderId }),
    place: (doc: PrintOrderDoc) => insertOnce(db, 'print_orders', doc),
    /** An order a withdrawal cancels before it was placed: 'existed' when it was placed meanwhile. */
    cancelUnplaced: (applicationId: string, orderId: string, at: Date) =>
      insertOnce<PrintOrderDoc>(db, 'print_orders', {
        _id: orderId,
        applicationId,
        workflowId: '',
        cardId: '',
        manufacturer: '',
        express: false,
        status: 'cancelled',
        placedAt: at,
        reportedAt: at,
      }),
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
    /**
     * Takes the first report on an order; false for any later one. The order itself is settled by the workflow a
     * moment later, and a second report in that moment must meet the same refusal as after it.
     */
    async receiveReport(orderId: string, at: Date): Promise<boolean> {
      try {
        await receipts.insertOne({ _id: orderId, receivedAt: at });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Gives a report back when it could not be delivered, so the partner's retry is taken. */
    forgetReport: async (orderId: string): Promise<void> => void (await receipts.deleteOne({ _id: orderId })),
    /** A card's print orders, in the order they were placed. */
    forCard: (cardId: string) => orders.find({ cardId }).sort({ placedAt: 1, _id: 1 }).toArray(),
  };
}
export type PrintOrderStore = ReturnType<typeof createPrintOrderStore>;
