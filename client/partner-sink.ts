// Delivers the simulated partners' callbacks through the client library, as the partner: the manufacturer's print
// reports, the bank's receipts of cards and the courier's reports on parcels. A report on an order that is already
// settled or unknown, or on an unknown parcel, is done with; anything else is thrown so the sender tries again (a
// refused delivery code is the courier's to act on: it keeps the card).
import { PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';
import type { CardReceiptSink, CourierReportSink, PrintReportSink } from '../integrations/ports';
import type { SscardClient } from '.';

function reportThroughClient(client: SscardClient): PrintReportSink {
  return async (report) => {
    try {
      await client.applications.reportPrint(report, PARTNER_ACCOUNTS.manufacturer);
    } catch (error) {
      if (
        error instanceof SscardError &&
        (error.code === 'ORDER_ALREADY_REPORTED' || error.code === 'ORDER_UNKNOWN')
      )
        return;
      throw error;
    }
  };
}

export function callbacksThroughClient(client: SscardClient): {
  printReports: PrintReportSink;
  cardReceipts: CardReceiptSink;
  courierReports: CourierReportSink;
} {
  return {
    courierReports: async (report) => {
      try {
        await client.deliveries.reportParcel(report, PARTNER_ACCOUNTS.courier);
      } catch (error) {
        if (error instanceof SscardError && error.code === 'PARCEL_UNKNOWN') return;
        throw error;
      }
    },
    printReports: reportThroughClient(client),
    cardReceipts: async (receipt) => {
      await client.handOver.receiveAtBank(receipt, PARTNER_ACCOUNTS.bank);
    },
  };
}
