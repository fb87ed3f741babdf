// The cooperative bank's receipt of one printed card (store/bank-receipts.ts keeps them).

export interface BankReceiptDoc {
  _id: string; // chip ID
  shipmentId: string;
  receivedAt: Date;
  recordedAt: Date;
}
