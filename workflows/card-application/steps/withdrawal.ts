// A withdrawal and its compensation: what the completed steps did to other parties is undone in reverse order.
import { ActivityFailure, ApplicationFailure, condition } from '@temporalio/workflow';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { TIMING } from '../../../domain/timing';
import { stopClock } from '../clock';
import { raise } from '../escalate';
import { partners, records } from '../../proxies';
import { locally } from '../recorder';
import { type AppState, app, recordAction, takesPatch, taskTime, transition } from '../state';
import { endCharge } from './fee';
import { PATCHES } from '../../patches';

/**
 * A withdrawal, once the step in flight has ended (the caller runs this outside the cancelled scope): what the
 * completed steps did to other parties is undone in reverse order (the bank's account and wallet, the print order,
 * the registry), then the unit and, if they were told the card is ready, the person are told. Each undoing is
 * idempotent and retried until it succeeds; one that cannot succeed goes to the supervisors and the rest still run.
 */
export async function withdraw(state: AppState): Promise<void> {
  if (!takesPatch(state, PATCHES.withdrawalCompensations)) return withdrawOfRelease02(state);
  // Asked here, where the withdrawal begins, not once the registry has answered: a patch asked right after a local
  // activity can lie in another workflow task on replay than it did in the run (workflow.ts). The old path (before
  // 0.6.1): nobody was told that the person's earlier card was valid again.
  const tellsRestored = takesPatch(state, PATCHES.withdrawalTellsPreviousCardRestored);
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
      recordAction(state, 'bank_account_closed', PARTNER_ACCOUNTS.bank, what);
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
  // The fee (0.8.0 on): what was paid is refunded, a charge still open closed; a waived fee's charge is ended already.
  if (state.fee?.payment?.status !== 'waived') await endCharge(state, 'compensation_failed_refund');
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
    recordAction(
      state,
      'previous_card_unfrozen',
      PARTNER_ACCOUNTS.bank,
      `${restoredId}: financial function active again`,
    );
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
  recordAction(
    state,
    'print_reported_late',
    PARTNER_ACCOUNTS.manufacturer,
    `order ${report.orderId}: ${report.outcome}`,
  );
}

/**
 * One undoing: retried by its activity's policy until it succeeds; a failure no retry can change (a code in
 * workflows/proxies.ts) is written to the timeline and sent to the supervisors, and the withdrawal goes on.
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

/**
 * Old path of patch `withdrawal-compensations`: release 0.2.0's withdrawal, kept for its running workflows (the order
 * and the card only). Deleted when the patch register retires the patch (docs/versioning.md).
 */
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
