// The seven steps of card issuance, in order, with the return loop between audit/comparison and the unit.
// Steps record their transitions in the state; the recorder writes them once per workflow task.
import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  condition,
  patched,
} from '@temporalio/workflow';
import { type Actor, PARTNER_ACCOUNTS, SYSTEM } from '../../domain/actors';
import type { ReturnReason } from '../../domain/application';
import type { PrintReport } from '../../domain/messages';
import { forOperator } from '../../domain/findings';
import { TIMING } from '../../domain/timing';
import { pauseClock, resumeClock, resumeClockOn, resumedDeadline, startClock, stopClock } from './clock';
import { raise } from './escalate';
import { partners, records } from './proxies';
import { locally, recorded } from './recorder';
import { act, actWaiting, stopIfWithdrawn } from './step';
import { type AppState, recordAction, taskTime, transition } from './state';
import { PATCHES } from '../patches';

const BANK = PARTNER_ACCOUNTS.bank;
const MANUFACTURER = PARTNER_ACCOUNTS.manufacturer;

function app(state: AppState): string {
  return state.input.applicationId;
}

async function close(
  state: AppState,
  outcome: 'rejected' | 'expired',
  note: string,
  by: Actor = SYSTEM,
): Promise<void> {
  state.outcome = outcome;
  transition(state, outcome, by, { note });
  await act(state, () =>
    partners.notifyUnit({
      applicationId: app(state),
      kind: outcome,
      occurrence: 1,
      reasons: [],
      at: taskTime(state),
    }),
  );
}

/** A refusal no retry can change (a non-retryable failure with a code), as a step's negative answer. */
function refusal(error: unknown): { accepted: false; code: string; message: string } {
  const cause = error instanceof ActivityFailure ? error.cause : undefined;
  if (!(cause instanceof ApplicationFailure && cause.nonRetryable && cause.type)) throw error;
  return { accepted: false, code: cause.type, message: cause.message };
}

/**
 * Step 1, with the audit of the data as submitted. Returns the audit's flags, or undefined when the application
 * cannot be accepted (unknown or suspended unit...).
 */
export async function accept(state: AppState): Promise<ReturnReason[] | undefined> {
  const acceptedAt = taskTime(state);
  // A batch's applications all run against the batch's clock.
  const anchorAt = state.input.batch?.acceptedAt ?? acceptedAt;
  const result = await act(
    state,
    () => records.acceptApplication({ applicationId: app(state), acceptedAt, anchorAt }),
    { local: true },
  ).catch((error: unknown) => refusal(error));
  if (!result.accepted) {
    await close(state, 'rejected', `${result.code}: ${result.message}`);
    return undefined;
  }
  state.policy = result.policy;
  state.acceptedAt = acceptedAt;
  startClock(state, anchorAt, result.deadline);
  transition(state, 'accepted', state.input.submittedBy);
  return result.flags;
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
  state.returns.push({ at: taskTime(state), reasons, by });
  pauseClock(state);
  transition(state, 'returned', by, { awaiting: 'resubmission', note: note ?? reasons.join(', ') });
  await act(state, () =>
    partners.notifyUnit({
      applicationId: app(state),
      kind: 'returned',
      occurrence: state.returns.length,
      reasons,
      at: taskTime(state),
    }),
  );
  return true;
}

/**
 * Waits for the unit's corrected data until the return expires, and audits it. Returns the audit's flags, or
 * undefined when the return expired.
 */
async function awaitResubmission(state: AppState): Promise<ReturnReason[] | undefined> {
  const returnedAt = state.returns.at(-1)!.at;
  // Up to 0.6.0 the update answered as the resubmission was taken up, with the clock still paused. Asked here, right
  // after the return's notice to the unit (a partner call), never after a local activity (workflow.ts says why).
  const answersResumed =
    state.clock?.status === 'paused' && patched(PATCHES.resubmissionAnswersWithResumedClock.id);
  const expiry = await act(
    state,
    () =>
      records.computeDeadline({
        anchorAt: returnedAt,
        workingDays: state.policy!.returnExpiryWorkingDays,
        warnWorkingDaysBefore: 0,
      }),
    { local: true },
  );
  for (;;) {
    const timeLeft = Math.max(1, Date.parse(expiry.dueAt) - Date.now());
    if (!(await condition(() => state.resubmission !== undefined, timeLeft))) {
      await close(
        state,
        'expired',
        `no resubmission within ${state.policy!.returnExpiryWorkingDays} working days`,
      );
      return undefined;
    }
    // Taken up at once: the stage moves on before any local step.
    const request = state.resubmission!;
    state.resubmission = undefined;
    recordAction(state, 'resubmitted', request.actor, request.note);
    transition(state, 'auditing', SYSTEM);
    const at = taskTime(state);
    // The deadline the resumed clock will have, derived beside the audit by an ordinary activity: the update answers
    // once both are in, in the workflow task the deadline starts, with the clock running again. Without it (up to
    // 0.6.0, or a clock that ran on) the update answers now.
    const resuming = answersResumed ? resumedDeadline(state, at) : undefined;
    if (!resuming) state.answeredResubmission = request;
    const [audit, facts] = await Promise.all([
      act(
        state,
        () => records.auditApplication({ applicationId: app(state), revision: request.revision, at }),
        { local: true },
      ),
      resuming,
    ]);
    state.answeredResubmission = request; // audited, and the clock resumes below unless the audit refused
    if ('refused' in audit) {
      recordAction(state, 'resubmission_refused', request.actor, audit.refused);
      transition(state, 'returned', SYSTEM, { awaiting: 'resubmission', note: audit.refused });
      continue;
    }
    state.revision = request.revision;
    if (facts) {
      state.returns.at(-1)!.resubmittedAt = at;
      resumeClockOn(state, at, facts);
    } else {
      state.returns.at(-1)!.resubmittedAt = taskTime(state);
      await resumeClock(state);
    }
    return audit.flags;
  }
}

async function awaitReview(state: AppState): Promise<NonNullable<AppState['review']>> {
  let reminders = 0;
  while (!state.review) {
    if (!(await condition(() => state.review !== undefined, TIMING.reviewReminder))) {
      reminders += 1;
      await act(state, () =>
        partners.notifyStaff({
          applicationId: app(state),
          kind: 'review_reminder',
          occurrence: reminders,
          at: taskTime(state),
        }),
      );
    }
  }
  const review = state.review;
  state.review = undefined;
  return review;
}

/**
 * Steps 2 and 3, looping through the unit until the data passes: flagged data waits for an operator, the bank
 * compares the person. Returns false if the application closed.
 */
export async function auditAndCompare(state: AppState, acceptanceFlags: ReturnReason[]): Promise<boolean> {
  let flags = acceptanceFlags;
  transition(state, 'auditing', SYSTEM);
  for (;;) {
    state.auditFlags = flags;
    if (flags.length > 0) {
      transition(state, 'awaiting_review', SYSTEM, { awaiting: 'review', note: flags.join(', ') });
      const review = await awaitReview(state);
      state.hold = undefined; // reviewed now: a hold asked for meanwhile is served
      if (review.decision === 'reject') {
        await close(state, 'rejected', review.note ?? flags.join(', '), review.actor);
        return false;
      }
      if (review.decision === 'return') {
        if (!(await returnToUnit(state, review.reasons, review.actor, review.note))) return false;
        const next = await awaitResubmission(state);
        if (!next) return false;
        flags = next;
        continue;
      }
      // Taken up at once (the update answers now); the enrollment record becomes official with it.
      recordAction(state, 'approved', review.actor, review.note);
      transition(state, 'comparing', SYSTEM);
      await act(
        state,
        () =>
          records.confirmEnrollment({
            applicationId: app(state),
            revision: state.revision,
            approvedBy: review.actor,
            at: taskTime(state),
          }),
        { local: true },
      );
    } else {
      transition(state, 'comparing', SYSTEM);
    }
    const comparison = keepsEarlierComparison(state)
      ? { findings: [] }
      : await act(state, () =>
          partners.compareIdentity.executeWithOptions(
            { summary: `Identity comparison, revision ${state.revision}` },
            [{ applicationId: app(state), revision: state.revision }],
          ),
        );
    if (comparison.findings.length === 0) {
      if (!state.hold) return true;
      // Held by an operator: reviewed like flagged data before the card is registered.
      state.hold = undefined;
      flags = ['HELD_FOR_REVIEW'];
      continue;
    }
    // Findings the unit cannot fix wait for an operator (release 0.2.0's workflows return them to the unit).
    if (forOperator(comparison.findings).length > 0 && patched(PATCHES.findingsToOperator.id)) {
      const decided = await decideFindings(state, comparison.findings);
      if (decided === 'proceed') return true;
      if (decided === 'closed') return false;
      flags = decided;
      continue;
    }
    if (!(await returnToUnit(state, comparison.findings, BANK))) return false;
    const next = await awaitResubmission(state);
    if (!next) return false;
    flags = next;
  }
}

/**
 * A replacement whose identity data is the predecessor's (revision 1: nothing corrected since) keeps the
 * predecessor's comparison, unless its policy asks for a new one. Only replacements (0.5.0 on) carry
 * `input.replacement`, so no earlier workflow reaches this branch and it needs no patch.
 */
function keepsEarlierComparison(state: AppState): boolean {
  const replacement = state.input.replacement;
  if (!replacement || state.revision !== 1 || state.policy?.replacementRepeatsComparison) return false;
  recordAction(
    state,
    'comparison_kept',
    SYSTEM,
    `replacement of ${replacement.predecessorCardId} (${replacement.reason}): identity data unchanged`,
  );
  return true;
}

/**
 * Findings the unit cannot fix (unknown or deceased person, a conflict with the bank's record): an operator
 * rejects the application, returns it to the unit, or overrides the findings with a note, which a supervisor
 * other than that operator confirms before the application goes on (four eyes). Returns `proceed`, `closed`,
 * or the audit flags of the unit's corrected revision after a return.
 */
async function decideFindings(
  state: AppState,
  findings: ReturnReason[],
): Promise<'proceed' | 'closed' | ReturnReason[]> {
  state.hold = undefined; // an operator looks at it now
  transition(state, 'awaiting_review', BANK, { awaiting: 'decision', note: findings.join(', ') });
  for (;;) {
    const review = await awaitReview(state);
    if (review.decision === 'reject') {
      await close(state, 'rejected', review.note ?? findings.join(', '), review.actor);
      return 'closed';
    }
    if (review.decision === 'return') {
      if (!(await returnToUnit(state, review.reasons, review.actor, review.note))) return 'closed';
      return (await awaitResubmission(state)) ?? 'closed';
    }
    if (state.awaiting === 'decision') {
      // Taken up at once (the update answers now); the supervisor's confirmation follows.
      state.overrideBy = review.actor;
      recordAction(state, 'override_proposed', review.actor, review.note);
      transition(state, 'awaiting_review', SYSTEM, { awaiting: 'confirmation', note: findings.join(', ') });
      continue;
    }
    recordAction(state, 'override_confirmed', review.actor, review.note);
    state.overrideBy = undefined;
    transition(state, 'comparing', SYSTEM, { note: `findings overridden: ${findings.join(', ')}` });
    return 'proceed';
  }
}

/** Step 4: the provincial card registry; an existing card is cancelled before anything is printed. */
export async function register(state: AppState): Promise<void> {
  transition(state, 'registering', SYSTEM);
  const registration = await act(
    state,
    () =>
      records.registerCard({
        applicationId: app(state),
        personKey: state.input.personKey,
        at: taskTime(state),
      }),
    { local: true },
  );
  state.cardId = registration.cardId;
  for (const old of registration.cancelled) {
    recordAction(
      state,
      'previous_card_cancelled',
      SYSTEM,
      `${old.cardId} (${old.previousStatus}): ${old.reason}`,
    );
  }
  // A card the registry ended must stop paying too, before anything is printed: the bank freezes its financial
  // function. Registrations of 0.6.1 on name such cards, so this asks no patch, which would lie right after a local
  // activity (workflow.ts says why that is not safe); histories recorded before ask the bank for nothing, as then.
  for (const old of registration.cancelled) {
    if (old.financialFunction !== 'active') continue;
    await act(state, () =>
      partners.setFinancialFunction({
        cardId: old.cardId,
        state: 'frozen',
        requestKey: `${app(state)}:previous-card-freeze:${old.cardId}`,
      }),
    );
    state.frozenPredecessors.push(old.cardId);
    recordAction(state, 'previous_card_frozen', BANK, `${old.cardId}: financial function ended`);
  }
  // A withdrawal taken while the bank answered: it takes over here, before the print step records anything.
  stopIfWithdrawn(state);
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
      recordAction(state, 'printed', MANUFACTURER, `order ${orderId}`);
      return;
    }
    recordAction(state, 'print_failed', MANUFACTURER, `order ${orderId} failed at ${report.stage}`);
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

/** Step 6: the bank writes the wallet and opens the account; outages are retried by the activity's policy. */
export async function openAccount(state: AppState): Promise<void> {
  transition(state, 'bank_account', SYSTEM);
  // The registry must show the card printed before the bank activates it: written with this task's steps.
  await recorded(state);
  const account = await actWaiting(state, () =>
    partners.openBankAccount({
      applicationId: app(state),
      cardId: state.cardId!,
      at: taskTime(state),
      revision: state.revision,
      printed: state.printed!,
    }),
  );
  recordAction(
    state,
    'bank_activated',
    BANK,
    account.opened === 'new' ? 'account opened' : 'existing account linked',
  );
}

/** Step 7a: tell the unit and the person; this stops the legal clock. */
export async function notify(state: AppState): Promise<void> {
  transition(state, 'notifying', SYSTEM);
  const { notifiedAt } = await act(state, () =>
    partners.notifyIssuance({
      applicationId: app(state),
      cardId: state.cardId!,
      at: taskTime(state),
      revision: state.revision,
    }),
  );
  stopClock(state);
  state.notifiedAt = notifiedAt;
  transition(state, 'awaiting_collection', SYSTEM, { awaiting: 'collection' });
}

/** Step 7b: an operator registers who collected the card; reminders while it lies uncollected. */
export async function collect(state: AppState): Promise<void> {
  let reminders = 0;
  while (!(await condition(() => state.collection !== undefined, TIMING.collectionReminder))) {
    reminders += 1;
    if (reminders <= TIMING.collectionRemindersBeforeEscalation) {
      await act(state, () =>
        partners.remindCollection({
          applicationId: app(state),
          occurrence: reminders,
          at: taskTime(state),
          revision: state.revision,
        }),
      );
    }
    if (reminders === TIMING.collectionRemindersBeforeEscalation) await raise(state, 'uncollected', 1);
  }
  // Taken up at once (the update answers now); the registry learns it next. Who collected is kept in MongoDB: the
  // update carries a reference (up to release 0.4.0 the collector's name, which leaves the state with this step).
  const record = state.collection!;
  state.collection = undefined;
  state.outcome = 'issued';
  transition(state, 'issued', record.actor, { note: `collected (${record.relation}) at ${record.place}` });
  await locally(state, () =>
    CancellationScope.nonCancellable(() =>
      records.registerCollection({
        applicationId: app(state),
        cardId: state.cardId!,
        record,
        at: taskTime(state),
      }),
    ),
  );
}

/**
 * A withdrawal, once the step in flight has ended (the caller runs this outside the cancelled scope): what the
 * completed steps did to other parties is undone in reverse order (the bank's account and wallet, the print order,
 * the registry), then the unit and, if they were told the card is ready, the person are told. Each undoing is
 * idempotent and retried until it succeeds; one that cannot succeed goes to the supervisors and the rest still run.
 */
export async function withdraw(state: AppState): Promise<void> {
  if (!patched(PATCHES.withdrawalCompensations.id)) return withdrawOfRelease02(state);
  // Asked here, where the withdrawal begins, not once the registry has answered: a patch asked right after a local
  // activity can lie in another workflow task on replay than it did in the run (workflow.ts). Before 0.6.1 nobody
  // was told that the person's earlier card was valid again.
  const tellsRestored = patched(PATCHES.withdrawalTellsPreviousCardRestored.id);
  const request = state.withdrawal!;
  const { cardId } = state;
  if (cardId && state.printed) {
    const bank = await compensate(state, 'bank', () =>
      partners.closeBankAccount({
        applicationId: app(state),
        cardId,
        at: taskTime(state),
        revision: state.revision,
      }),
    );
    if (bank && bank.closed !== 'nothing') {
      const what = bank.closed === 'account' ? 'account and wallet closed' : 'wallet revoked, account kept';
      recordAction(state, 'bank_account_closed', BANK, what);
    }
  }
  settleLateReport(state);
  const orderId = state.currentOrderId;
  if (cardId && orderId && state.settledOrderId !== orderId) {
    const order = await compensate(state, 'print_order', () =>
      partners.cancelPrintOrder({ applicationId: app(state), orderId, at: taskTime(state) }),
    );
    if (order?.cancelled) {
      // An order never placed was not cancelled either (earlier runs' answers name no `placed`: they were placed).
      if (order.placed !== false) recordAction(state, 'print_order_cancelled', SYSTEM, `order ${orderId}`);
    } else if (order) {
      // The factory finished it first: its report is on the way and settles the order, printed or failed.
      await condition(() => state.printReport !== undefined, TIMING.lateReportWait);
      settleLateReport(state);
    }
  }
  const registry = await compensate(state, 'registry', () =>
    locally(state, () =>
      records.withdrawApplication({
        applicationId: app(state),
        cardId,
        personKey: state.input.personKey,
        reason: request.reason,
        actor: request.actor,
        at: taskTime(state),
        // Only in requests made since 0.6.1, so earlier histories replay as they ran.
        ...(request.holderDeceased ? { holderDeceased: true } : {}),
      }),
    ),
  );
  const restored = registry?.restored ?? [];
  for (const card of restored) {
    recordAction(state, 'previous_card_restored', SYSTEM, `${card.cardId} back to ${card.status}`);
  }
  // A card given back pays again where the registration had frozen it, so the restore is whole.
  const activeAgain: string[] = [];
  for (const { cardId: restoredId } of restored) {
    if (!state.frozenPredecessors.includes(restoredId)) continue;
    const bank = await compensate(state, 'bank_previous_card', () =>
      partners.setFinancialFunction({
        cardId: restoredId,
        state: 'active',
        requestKey: `${app(state)}:previous-card-unfreeze:${restoredId}`,
      }),
    );
    if (!bank) continue;
    activeAgain.push(restoredId);
    recordAction(state, 'previous_card_unfrozen', BANK, `${restoredId}: financial function active again`);
  }
  await compensate(state, 'notification', () =>
    partners.notifyWithdrawal({
      applicationId: app(state),
      at: taskTime(state),
      revision: state.revision,
      tellPerson: state.notifiedAt !== undefined,
    }),
  );
  if (tellsRestored && restored.length > 0) {
    await compensate(state, 'restored_card_notice', () =>
      partners.notifyPreviousCardRestored({
        applicationId: app(state),
        cardIds: restored.map((card) => card.cardId),
        ...(activeAgain.length > 0 ? { activeAgain } : {}),
        at: taskTime(state),
        revision: state.revision,
      }),
    );
  }
  // Last: the outcome (which the withdrawal's caller waits a few seconds for, then follows on the status) means all
  // of the above is done.
  if (state.clock && state.clock.status !== 'stopped') stopClock(state);
  state.outcome = 'withdrawn';
  transition(state, 'withdrawn', request.actor, { note: request.reason });
}

/**
 * A manufacturer's report that arrived after the withdrawal stopped the print step: the order is settled as
 * reported (the card is cancelled all the same), not cancelled, so no order stays `placed`.
 */
function settleLateReport(state: AppState): void {
  const report = state.printReport;
  if (!report || !state.cardId || report.orderId === state.settledOrderId) return;
  state.record.printReport = { cardId: state.cardId, report, at: taskTime(state) };
  state.settledOrderId = report.orderId;
  recordAction(state, 'print_reported_late', MANUFACTURER, `order ${report.orderId}: ${report.outcome}`);
}

/**
 * One undoing: retried by its activity's policy until it succeeds; a failure no retry can change (a code in
 * proxies.ts) is written to the timeline and sent to the supervisors, and the withdrawal goes on.
 */
async function compensate<T>(state: AppState, what: string, undo: () => Promise<T>): Promise<T | undefined> {
  try {
    return await undo();
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause instanceof ApplicationFailure ? error.cause.type : undefined;
    recordAction(state, 'compensation_failed', SYSTEM, `${what}: ${cause ?? 'failed'}`);
    await raise(state, `compensation_failed_${what}`, 1);
    return undefined;
  }
}

/** Release 0.2.0's withdrawal, kept for its running workflows: the order and the card only. */
async function withdrawOfRelease02(state: AppState): Promise<void> {
  const request = state.withdrawal!;
  const orderId = state.currentOrderId;
  if (orderId && state.printReport?.outcome !== 'printed') {
    await partners.cancelPrintOrder({ applicationId: app(state), orderId, at: taskTime(state) });
  }
  await locally(state, () =>
    records.withdrawApplication({
      applicationId: app(state),
      cardId: state.cardId,
      reason: request.reason,
      actor: request.actor,
      at: taskTime(state),
    }),
  );
  await partners.notifyUnit({
    applicationId: app(state),
    kind: 'withdrawn',
    occurrence: 1,
    reasons: [],
    at: taskTime(state),
  });
  if (state.clock && state.clock.status !== 'stopped') stopClock(state);
  state.outcome = 'withdrawn';
  transition(state, 'withdrawn', request.actor, { note: request.reason });
}
