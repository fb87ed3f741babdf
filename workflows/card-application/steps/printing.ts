// Step 5: the manufacturer prints the card; failed prints are reprinted.
import { condition } from '@temporalio/workflow';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import type { PrintReport } from '../../../domain/messages';
import { TIMING } from '../../../domain/timing';
import { raise } from '../escalate';
import { partners } from '../../proxies';
import { actWaiting } from '../step';
import { type AppState, app, recordAction, taskTime, transition } from '../state';

async function awaitPrintReport(state: AppState): Promise<PrintReport> {
  let overdue = 0;
  while (!state.printReport) {
    if (!(await condition(() => state.printReport !== undefined, TIMING.printOverdue))) {
      overdue += 1;
      await raise(state, 'print_overdue', overdue);
    }
  }
  return state.printReport;
}

/** Step 5: print, reprint on failure; after repeated failures a person orders the next attempt. */
export async function print(state: AppState): Promise<void> {
  for (;;) {
    state.printAttempts += 1;
    const orderId = `${app(state)}-P${state.printAttempts}`;
    state.printReport = undefined;
    state.currentOrderId = orderId;
    transition(state, 'printing', SYSTEM, { awaiting: 'print_report', note: `order ${orderId}` });
    await actWaiting(state, () =>
      partners.placePrintOrder.executeWithOptions({ summary: `Print order ${orderId}` }, [
        {
          applicationId: app(state),
          cardId: state.cardId!,
          orderId,
          express: state.expedited,
          at: taskTime(state),
          revision: state.revision,
        },
      ]),
    );
    const report = await awaitPrintReport(state);
    // The card and the order learn of the report with the record's next write.
    state.record.printReport = { cardId: state.cardId!, report, at: taskTime(state) };
    state.settledOrderId = orderId;
    if (report.outcome === 'printed') {
      state.printed = { cardNumber: report.cardNumber, chipId: report.chipId };
      recordAction(state, 'printed', PARTNER_ACCOUNTS.manufacturer, `order ${orderId}`);
      return;
    }
    recordAction(
      state,
      'print_failed',
      PARTNER_ACCOUNTS.manufacturer,
      `order ${orderId} failed at ${report.stage}`,
    );
    if (state.printAttempts % TIMING.maxPrintAttempts === 0) {
      transition(state, 'print_failed', SYSTEM, {
        awaiting: 'reprint_order',
        note: `${state.printAttempts} attempts failed`,
      });
      await raise(state, 'print_failed', state.printAttempts / TIMING.maxPrintAttempts);
      let reminders = 0;
      while (!(await condition(() => state.reprintOrder !== undefined, TIMING.reprintReminder))) {
        reminders += 1;
        await raise(state, 'reprint_pending', reminders);
      }
      const order = state.reprintOrder!;
      state.reprintOrder = undefined;
      recordAction(state, 'reprint_ordered', order.actor, order.note);
    }
  }
}
