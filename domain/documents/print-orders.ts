// A print order placed with the manufacturer, and how a report settles it (store/print-orders.ts keeps them).

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

/** How a report settles an order. */
export type PrintSettlement = Pick<PrintOrderDoc, 'reportedAt' | 'failedAt'> & {
  status: Exclude<PrintOrderDoc['status'], 'placed'>;
};
