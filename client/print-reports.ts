// The manufacturer's report on a print order, taken once and handed to the application's workflow.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../domain/actors';
import { SscardError } from '../domain/errors';
import { printReportSchema } from '../domain/messages';
import { printReportSignal } from '../workflows/card-application/messages';
import type { PrintReportsPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { fromTemporal, parseOrThrow } from './errors';

export function createPrintReports({ temporal, stores }: ClientDeps<PrintReportsPort>) {
  return {
    async reportPrint(report: unknown, actor: Actor): Promise<{ accepted: true; applicationId: string }> {
      authorize(actor, 'report_partner_result');
      const parsed = parseOrThrow(printReportSchema, report);
      const order = await stores.printOrders.asPlaced(parsed.orderId);
      if (!order || order.manufacturer !== actor.id) throw new SscardError('ORDER_UNKNOWN');
      if (order.status !== 'placed')
        throw new SscardError('ORDER_ALREADY_REPORTED', `order is ${order.status}`);
      if (!(await stores.printOrders.receiveReport(parsed.orderId, new Date()))) {
        // Received before, and the order is still open: the first report's signal may never have left (sscard
        // stopped between the receipt and the signal: the fault run found four such orders, each resent and each
        // refused, the application waiting on a report it would never get). So the report goes to the workflow
        // again, which keeps the first report of an order and ignores the rest; the answer is still the refusal.
        await temporal.workflow
          .getHandle(order.workflowId)
          .signal(printReportSignal, parsed)
          .catch((error: unknown) =>
            error instanceof WorkflowNotFoundError ? undefined : fromTemporal(error),
          );
        throw new SscardError('ORDER_ALREADY_REPORTED', 'a report on this order was received already');
      }
      try {
        await temporal.workflow.getHandle(order.workflowId).signal(printReportSignal, parsed);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) {
          await stores.printOrders.forgetReport(parsed.orderId);
          return fromTemporal(error);
        }
        // The application closed without this report (a withdrawal stopped waiting for it): no workflow will
        // take it, so it is kept with its receipt, which settles the order, and the factory is not left retrying.
        await stores.printOrders.keepUntaken(parsed.orderId, {
          status: parsed.outcome,
          reportedAt: new Date(),
          ...(parsed.outcome === 'failed' ? { failedAt: parsed.stage } : {}),
        });
      }
      return { accepted: true, applicationId: order.applicationId };
    },
  };
}
