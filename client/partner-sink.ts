// Delivers the simulated partners' callbacks through the client library, as the partner: the manufacturer's print
// reports, the bank's receipts of cards, the courier's reports on parcels and the payment provider's on charges. A
// report on an order that is already settled or unknown, or on an unknown parcel or charge, is done with; anything
// else is thrown so the sender tries again (a refused delivery code is the courier's to act on: it keeps the card).
import { PARTNER_ACCOUNTS } from '../domain/actors';
import { type ErrorCode, SscardError } from '../domain/errors';
import type {
  CardReceiptSink,
  CourierReportSink,
  PaymentReportSink,
  PrintReportSink,
} from '../integrations/ports';
import type { SscardClient } from '.';

/** A callback the client refuses with one of `codes` is done with; anything else is thrown, and sent again. */
function doneOn<T>(codes: readonly ErrorCode[], deliver: (report: T) => Promise<unknown>) {
  return async (report: T): Promise<void> => {
    try {
      await deliver(report);
    } catch (error) {
      if (error instanceof SscardError && codes.includes(error.code)) return;
      throw error;
    }
  };
}

export function callbacksThroughClient(client: SscardClient): {
  printReports: PrintReportSink;
  cardReceipts: CardReceiptSink;
  courierReports: CourierReportSink;
  paymentReports: PaymentReportSink;
} {
  return {
    courierReports: doneOn(['PARCEL_UNKNOWN'], (report) =>
      client.deliveries.reportParcel(report, PARTNER_ACCOUNTS.courier),
    ),
    paymentReports: doneOn(['PAYMENT_CHARGE_UNKNOWN'], (report) =>
      client.payments.reportPayment(report, PARTNER_ACCOUNTS.payment),
    ),
    printReports: doneOn(['ORDER_ALREADY_REPORTED', 'ORDER_UNKNOWN'], (report) =>
      client.applications.reportPrint(report, PARTNER_ACCOUNTS.manufacturer),
    ),
    cardReceipts: async (receipt) => {
      await client.handOver.receiveAtBank(receipt, PARTNER_ACCOUNTS.bank);
    },
  };
}
