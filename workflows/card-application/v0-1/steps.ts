// The seven steps of card issuance, in order, with the return loop between audit/comparison and the unit.
import { condition, upsertSearchAttributes } from '@temporalio/workflow';
import { type Actor, PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import type { ReturnReason } from '../../../domain/application';
import type { PrintReport } from '../../../domain/messages';
import { TIMING } from '../../../domain/timing';
import { SA } from '../../search-attributes';
import { partners, records } from '../../proxies';
import { pauseClock, resumeClock, startClock, stopClock } from './clock';
import { type AppState, publish, recordAction, transition } from './state';

const BANK = PARTNER_ACCOUNTS.bank;
const MANUFACTURER = PARTNER_ACCOUNTS.manufacturer;

function app(state: AppState): string {
  return state.input.applicationId;
}

/** Workflow time: business timestamps in the records follow the workflow's clock, not the worker's. */
function now(): string {
  return new Date().toISOString();
}

async function raise(state: AppState, kind: string, occurrence: number): Promise<void> {
  state.escalations.push({ kind, at: now() });
  publish(state);
  await partners.escalate({
    applicationId: app(state),
    batchId: state.input.batch?.batchId,
    kind,
    occurrence,
    dueAt: state.clock?.facts.dueAt,
    stage: state.stage,
    actor: SYSTEM,
    at: now(),
  });
}

async function close(state: AppState, outcome: 'rejected' | 'expired', note: string): Promise<void> {
  await partners.notifyUnit({
    applicationId: app(state),
    kind: outcome,
    occurrence: 1,
    reasons: [],
    at: now(),
  });
  state.outcome = outcome;
  await transition(state, outcome, SYSTEM, { note });
}

/** Step 1. Returns false when the application cannot be accepted (unknown or suspended unit...). */
export async function accept(state: AppState): Promise<boolean> {
  const acceptedAt = now();
  const result = await records.acceptApplication({ applicationId: app(state), acceptedAt });
  if (!result.accepted) {
    await close(state, 'rejected', `${result.code}: ${result.message}`);
    return false;
  }
  state.policy = result.policy;
  // A batch's applications all run against the batch's clock.
  await startClock(state, state.input.batch?.acceptedAt ?? acceptedAt);
  upsertSearchAttributes([{ key: SA.acceptedAt, value: new Date(acceptedAt) }]);
  await transition(state, 'accepted', state.input.submittedBy);
  return true;
}

async function returnToUnit(
  state: AppState,
  reasons: ReturnReason[],
  by: Actor,
  note?: string,
): Promise<boolean> {
  if (state.returns.length >= TIMING.maxReturns) {
    await close(
      state,
      'rejected',
      `returned ${state.returns.length} times: the unit should file a new application`,
    );
    return false;
  }
  state.returns.push({ at: now(), reasons, by });
  pauseClock(state);
  await transition(state, 'returned', by, { awaiting: 'resubmission', note: note ?? reasons.join(', ') });
  await partners.notifyUnit({
    applicationId: app(state),
    kind: 'returned',
    occurrence: state.returns.length,
    reasons,
    at: now(),
  });
  return true;
}

/** Waits for the unit's corrected data until the return expires. Returns false when it expired. */
async function awaitResubmission(state: AppState): Promise<boolean> {
  const returnedAt = state.returns.at(-1)!.at;
  const expiry = await records.computeDeadline({
    anchorAt: returnedAt,
    workingDays: state.policy!.returnExpiryWorkingDays,
    warnWorkingDaysBefore: 0,
  });
  for (;;) {
    const timeLeft = Math.max(1, Date.parse(expiry.dueAt) - Date.now());
    if (!(await condition(() => state.resubmission !== undefined, timeLeft))) {
      await close(
        state,
        'expired',
        `no resubmission within ${state.policy!.returnExpiryWorkingDays} working days`,
      );
      return false;
    }
    const request = state.resubmission!;
    const applied = await records.applyResubmission({
      applicationId: app(state),
      revision: request.revision,
    });
    state.resubmission = undefined;
    if (applied.ok) {
      state.revision = request.revision;
      state.returns.at(-1)!.resubmittedAt = now();
      await resumeClock(state);
      await recordAction(state, 'resubmitted', request.actor, request.note);
      return true;
    }
    await recordAction(state, 'resubmission_refused', request.actor, applied.code);
  }
}

async function awaitReview(state: AppState): Promise<NonNullable<AppState['review']>> {
  let reminders = 0;
  while (!state.review) {
    if (!(await condition(() => state.review !== undefined, TIMING.reviewReminder))) {
      reminders += 1;
      await partners.notifyStaff({
        applicationId: app(state),
        kind: 'review_reminder',
        occurrence: reminders,
        at: now(),
      });
    }
  }
  const review = state.review;
  state.review = undefined;
  return review;
}

/** Steps 2 and 3, looping through the unit until the data passes. Returns false if the application closed. */
export async function auditAndCompare(state: AppState): Promise<boolean> {
  for (;;) {
    await transition(state, 'auditing', SYSTEM);
    const audit = await records.auditApplication({
      applicationId: app(state),
      revision: state.revision,
      at: now(),
    });
    state.auditFlags = audit.flags;
    let approvedBy: Actor = SYSTEM;
    if (audit.flags.length > 0) {
      await transition(state, 'awaiting_review', SYSTEM, {
        awaiting: 'review',
        note: audit.flags.join(', '),
      });
      const review = await awaitReview(state);
      if (review.decision === 'return') {
        if (!(await returnToUnit(state, review.reasons, review.actor, review.note))) return false;
        if (!(await awaitResubmission(state))) return false;
        continue;
      }
      approvedBy = review.actor;
    }
    await records.confirmEnrollment({
      applicationId: app(state),
      revision: state.revision,
      approvedBy,
      at: now(),
    });
    await transition(state, 'comparing', SYSTEM);
    const comparison = await partners.compareIdentity.executeWithOptions(
      { summary: `Identity comparison, revision ${state.revision}` },
      [{ applicationId: app(state), revision: state.revision }],
    );
    if (comparison.findings.length === 0) return true;
    if (!(await returnToUnit(state, comparison.findings, BANK))) return false;
    if (!(await awaitResubmission(state))) return false;
  }
}

/** Step 4: the provincial card registry; an existing card is cancelled before anything is printed. */
export async function register(state: AppState): Promise<void> {
  await transition(state, 'registering', SYSTEM);
  const registration = await records.registerCard({ applicationId: app(state), at: now() });
  state.cardId = registration.cardId;
  for (const old of registration.cancelled) {
    await recordAction(
      state,
      'previous_card_cancelled',
      SYSTEM,
      `${old.cardId} (${old.previousStatus}): ${old.reason}`,
    );
  }
}

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
    await transition(state, 'printing', SYSTEM, { awaiting: 'print_report', note: `order ${orderId}` });
    await partners.placePrintOrder.executeWithOptions({ summary: `Print order ${orderId}` }, [
      { applicationId: app(state), cardId: state.cardId!, orderId, express: state.expedited, at: now() },
    ]);
    const report = await awaitPrintReport(state);
    await records.recordPrintReport({ applicationId: app(state), cardId: state.cardId!, report, at: now() });
    if (report.outcome === 'printed') {
      await recordAction(state, 'printed', MANUFACTURER, `order ${orderId}`);
      return;
    }
    await recordAction(state, 'print_failed', MANUFACTURER, `order ${orderId} failed at ${report.stage}`);
    if (state.printAttempts % TIMING.maxPrintAttempts === 0) {
      await transition(state, 'print_failed', SYSTEM, {
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
      await recordAction(state, 'reprint_ordered', order.actor, order.note);
    }
  }
}

/** Step 6: the bank writes the wallet and opens the account; outages are retried by the activity's policy. */
export async function openAccount(state: AppState): Promise<void> {
  await transition(state, 'bank_account', SYSTEM);
  const account = await partners.openBankAccount({
    applicationId: app(state),
    cardId: state.cardId!,
    at: now(),
  });
  await recordAction(
    state,
    'bank_activated',
    BANK,
    account.opened === 'new' ? 'account opened' : 'existing account linked',
  );
}

/** Step 7a: tell the unit and the person; this stops the legal clock. */
export async function notify(state: AppState): Promise<void> {
  await transition(state, 'notifying', SYSTEM);
  const { notifiedAt } = await partners.notifyIssuance({
    applicationId: app(state),
    cardId: state.cardId!,
    at: now(),
  });
  stopClock(state);
  upsertSearchAttributes([{ key: SA.notifiedAt, value: new Date(notifiedAt) }]);
  await transition(state, 'awaiting_collection', SYSTEM, { awaiting: 'collection' });
}

/** Step 7b: an operator registers who collected the card; reminders while it lies uncollected. */
export async function collect(state: AppState): Promise<void> {
  let reminders = 0;
  while (!(await condition(() => state.collection !== undefined, TIMING.collectionReminder))) {
    reminders += 1;
    if (reminders <= TIMING.collectionRemindersBeforeEscalation) {
      await partners.remindCollection({ applicationId: app(state), occurrence: reminders, at: now() });
    }
    if (reminders === TIMING.collectionRemindersBeforeEscalation) await raise(state, 'uncollected', 1);
  }
  const record = state.collection!;
  await records.registerCollection({ applicationId: app(state), cardId: state.cardId!, record, at: now() });
  // The collector's name is personal data: it stays in MongoDB, not in workflow state.
  state.collection = undefined;
  state.outcome = 'issued';
  await transition(state, 'issued', record.actor, {
    note: `collected (${record.relation}) at ${record.place}`,
  });
}

/** A withdrawal: stop the print order if one is out, cancel the card, tell the unit. */
export async function withdraw(state: AppState): Promise<void> {
  const request = state.withdrawal!;
  if (state.currentOrderId && state.printReport?.outcome !== 'printed') {
    await partners.cancelPrintOrder({ applicationId: app(state), orderId: state.currentOrderId, at: now() });
  }
  await records.withdrawApplication({
    applicationId: app(state),
    cardId: state.cardId,
    reason: request.reason,
    actor: request.actor,
    at: now(),
  });
  await partners.notifyUnit({
    applicationId: app(state),
    kind: 'withdrawn',
    occurrence: 1,
    reasons: [],
    at: now(),
  });
  if (state.clock && state.clock.status !== 'stopped') stopClock(state);
  state.outcome = 'withdrawn';
  await transition(state, 'withdrawn', request.actor, { note: request.reason });
}
