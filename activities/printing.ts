// Step 5: print orders to the manufacturer. The order ID (application + attempt) is the idempotency key.
import { PARTNER_ACCOUNTS } from '../domain/actors';
import type { PrintReport } from '../domain/messages';
import type { Manufacturer } from '../integrations/ports';
import type { Stores } from '../store';
import { currentApplicant } from '../store/applications';
import { callPartner, fatal } from './failures';

export function createPrintingActivities({
  stores,
  manufacturer,
}: {
  stores: Stores;
  manufacturer: Manufacturer;
}) {
  return {
    async placePrintOrder(input: {
      applicationId: string;
      cardId: string;
      orderId: string;
      express: boolean;
      at: string;
    }): Promise<{ expectedBy: string }> {
      const doc = await stores.applications.get(input.applicationId);
      const applicant = doc && currentApplicant(doc);
      if (!doc || !applicant) fatal('APPLICATION_NOT_FOUND');
      await stores.printOrders.place({
        _id: input.orderId,
        applicationId: input.applicationId,
        workflowId: doc.workflowId,
        cardId: input.cardId,
        manufacturer: PARTNER_ACCOUNTS.manufacturer.id,
        express: input.express,
        status: 'placed',
        placedAt: new Date(input.at),
      });
      const placed = await callPartner(() =>
        manufacturer.placeOrder({
          orderId: input.orderId,
          residentId: applicant.residentId,
          name: applicant.name,
          photoId: applicant.photoId ?? '',
          express: input.express,
        }),
      );
      return { expectedBy: placed.expectedBy };
    },

    async recordPrintReport(input: {
      applicationId: string;
      cardId: string;
      report: PrintReport;
      at: string;
    }): Promise<void> {
      await stores.cards.recordPrintReport(input.cardId, input.report, new Date(input.at));
      await stores.printOrders.settle(input.report.orderId, input.report.outcome, new Date(input.at));
    },

    async cancelPrintOrder(input: { applicationId: string; orderId: string; at: string }): Promise<void> {
      await callPartner(() => manufacturer.cancelOrder(input.orderId));
      await stores.printOrders.settle(input.orderId, 'cancelled', new Date(input.at));
    },
  };
}
