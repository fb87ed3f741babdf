// The raw-Temporal baseline of the benchmark: a workflow with the shape of a card application's main path (the
// same local activities, activities and partner signal, in the same order). Its activities do nothing, or, for
// the record floor, keepRecord writes the record as sscard's does. What sscard costs beyond the floor is the cost
// of its own work: the other commands, search attributes, timers, encryption. The bench checks this shape against
// sscard's histories of the same run.
import {
  condition,
  defineSignal,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
} from '@temporalio/workflow';
import type { RawActivities } from './activities';

export const rawReportSignal = defineSignal('printReport');

const local = proxyLocalActivities<RawActivities>({ startToCloseTimeout: '15 seconds' });
const remote = proxyActivities<RawActivities>({ startToCloseTimeout: '1 minute' });

export async function rawApplication(): Promise<void> {
  let reported = false;
  setHandler(rawReportSignal, () => void (reported = true));
  // Acceptance, the task's record write, the bank's comparison.
  await local.nothing();
  await local.keepRecord(1);
  await remote.nothing();
  // The card registry, the record write, the print order (the manufacturer reports by signal).
  await local.nothing();
  await local.keepRecord(2);
  await remote.placeOrder();
  await condition(() => reported);
  // The record write with the report, the bank account; the record write, the notification.
  await local.keepRecord(3);
  await remote.nothing();
  await local.keepRecord(4);
  await remote.nothing();
  // The record write of the notification.
  await local.keepRecord(5);
}
