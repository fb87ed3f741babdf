// The messages of a card application, defined once for the workflow and every caller. People act through
// Updates (validated, answered at once); partners report and the calendar admin notifies through Signals.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CollectionRecord,
  ExpediteRequest,
  HoldRequest,
  ParcelReport,
  PrintReport,
  ReprintRequest,
  ResubmitRequest,
  ReviewRequest,
  WithdrawRequest,
} from '../../domain/messages';
import type { ApplicationStatus } from '../../domain/status';
import type { PaymentReport } from '../../integrations/ports';

export const reviewUpdate = defineUpdate<ApplicationStatus, [ReviewRequest]>('review');
export const resubmitUpdate = defineUpdate<ApplicationStatus, [ResubmitRequest]>('resubmit');
export const registerCollectionUpdate = defineUpdate<ApplicationStatus, [CollectionRecord]>(
  'registerCollection',
);
export const withdrawUpdate = defineUpdate<ApplicationStatus, [WithdrawRequest]>('withdraw');
export const expediteUpdate = defineUpdate<ApplicationStatus, [ExpediteRequest]>('expedite');
export const reprintUpdate = defineUpdate<ApplicationStatus, [ReprintRequest]>('orderReprint');
export const holdUpdate = defineUpdate<ApplicationStatus, [HoldRequest]>('holdForReview');

export const printReportSignal = defineSignal<[PrintReport]>('printReport');
/** A courier's report on the application's parcel (the online lane), its code checked by the client library. */
export const parcelReportSignal = defineSignal<[ParcelReport]>('parcelReport');
/** The payment provider's report of the application's fee (checked by the client library). */
export const paymentReportSignal = defineSignal<[PaymentReport]>('paymentReport');
/** Sent after a calendar year is published or corrected: the deadline is derived again at once. */
export const calendarChangedSignal = defineSignal<[{ revision: number }]>('calendarChanged');

/**
 * Sent by a step's activity that escalated while it waits on another party (activities/waiting.ts): the workflow
 * shows it as it shows its own escalations, in its state and the `Escalated` search attribute.
 */
export const escalatedSignal = defineSignal<[{ kind: string; occurrence: number; at: string }]>('escalated');

export const statusQuery = defineQuery<ApplicationStatus>('status');
