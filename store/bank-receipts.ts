// The cooperative bank's receipts of printed cards shipped by the manufacturer, one document per chip. Written by
// the bank's callback only; step 6 reads its card's receipt before the bank may bind the account.
import { type Db, MongoBulkWriteError } from 'mongodb';
import type { BankReceiptDoc } from '../domain/documents/bank-receipts';
import type { CardReceipt } from '../domain/messages';
import { byId } from './mongo';
import type { BankReceiptStore } from './ports/cards';

export function createBankReceiptStore(db: Db): BankReceiptStore {
  const receipts = db.collection<BankReceiptDoc>('bank_receipts');
  return {
    get: (chipId: string) => receipts.findOne(byId(chipId)),

    /** Records each chip's arrival once (a resent receipt changes nothing); returns how many were new. */
    async record(receipt: CardReceipt, now = new Date()): Promise<number> {
      const docs = [...new Set(receipt.chipIds)].map((chipId) => ({
        _id: chipId,
        shipmentId: receipt.shipmentId,
        receivedAt: new Date(receipt.receivedAt),
        recordedAt: now,
      }));
      try {
        return (await receipts.insertMany(docs, { ordered: false })).insertedCount;
      } catch (error) {
        // Chips recorded before fail on their key; the others went in all the same (unordered).
        const errors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : [];
        if (errors.length === 0 || errors.some((e) => e.code !== 11000)) throw error;
        return (error as MongoBulkWriteError).insertedCount;
      }
    },
  };
}
