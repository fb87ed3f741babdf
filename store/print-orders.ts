// Print orders placed with the manufacturer: lets a partner report find its workflow, and lets the API refuse
// reports on orders that are not the partner's or not open. One writer each (docs/records.md): an order is written
// by its application alone (placed, cancelled, settled with the record write after the report); a report is
// received by the API alone, which keeps on its receipt a report no application took (its application had
// closed), and an order reads settled by it.
import type { Db } from 'mongodb';
import type { PrintOrderDoc, PrintSettlement } from '../domain/documents/print-orders';
import { byId, insertOnce, isDuplicateKey } from './mongo';
import type { PrintOrderStore } from './ports/cards';

/** The first report received on an order, one document each, written by the API alone. */
interface PrintReportReceiptDoc {
  _id: string;
  receivedAt: Date;
  /** A report no application took: how it settles the order. */
  untaken?: PrintSettlement;
}

export function createPrintOrderStore(db: Db): PrintOrderStore {
  const orders = db.collection<PrintOrderDoc>('print_orders');
  const receipts = db.collection<PrintReportReceiptDoc>('print_report_receipts');

  /** An order as it stands: settled by its application, or by a report the API kept for it. */
  async function standing(order: PrintOrderDoc): Promise<PrintOrderDoc> {
    if (order.status !== 'placed') return order;
    const untaken = (await receipts.findOne(byId(order._id)))?.untaken;
    return untaken ? { ...order, ...untaken } : order;
  }

  return {
    get: async (orderId: string): Promise<PrintOrderDoc | null> => {
      const order = await orders.findOne(byId(orderId));
      return order && standing(order);
    },
    asPlaced: (orderId: string): Promise<PrintOrderDoc | null> => orders.findOne(byId(orderId)),
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
    /**
     * Keeps a received report that no application will take (its application closed without it): the order
     * reads settled by it, and the manufacturer is not left retrying.
     */
    async keepUntaken(orderId: string, settlement: PrintSettlement): Promise<void> {
      await receipts.updateOne(byId(orderId), { $set: { untaken: settlement } });
    },
    /** A card's print orders as they stand, in the order they were placed. */
    forCard: async (cardId: string): Promise<PrintOrderDoc[]> =>
      Promise.all((await orders.find({ cardId }).sort({ placedAt: 1, _id: 1 }).toArray()).map(standing)),
  };
}
