// Between registration and printing: the fee decided at acceptance is paid (the payment provider's report) or
// waived (an operator's action naming an exemption in effect) before any card is ordered. Only applications accepted
// with a fee due (0.8.0 on) take this step; those with nothing due, and every earlier history, go straight to print.
import { ActivityFailure, ApplicationFailure, CancellationScope, condition } from '@temporalio/workflow';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { yuan } from '../../../domain/fee-decision';
import { TIMING } from '../../../domain/timing';
import { raise } from '../escalate';
import { partners } from '../../proxies';
import { act } from '../step';
import { type AppState, app, changed, recordAction, taskTime, transition } from '../state';

/** Step 4b: the fee's charge, and the wait until it is paid or waived. */
export async function settleFee(state: AppState): Promise<void> {
  const fee = state.fee;
  if (!fee || fee.dueFen === 0) return;
  const chargeId = `${app(state)}-F1`;
  fee.payment = { chargeId, status: 'unpaid' };
  transition(state, 'registering', SYSTEM, {
    awaiting: 'payment',
    note: `fee ${yuan(fee.dueFen)} (${fee.reason}) charged as ${chargeId}`,
  });
  await act(state, () =>
    partners.requestPayment({
      applicationId: app(state),
      chargeId,
      amountFen: fee.dueFen,
      reason: fee.reason,
      at: taskTime(state),
    }),
  );
  let overdue = 0;
  while (!(await condition(() => !!state.paymentReport || !!state.feeWaiver, TIMING.paymentOverdue))) {
    overdue += 1;
    await raise(state, 'payment_overdue', overdue);
  }
  // A waiver is taken only before any report (its validator refuses one after), so with both here it came first: it
  // decides, and its update is answered; the payment made meanwhile is refunded below.
  const waiver = state.feeWaiver;
  if (!waiver) {
    const report = state.paymentReport!;
    fee.payment = { chargeId, status: 'paid', paidAt: report.at };
    recordAction(state, 'fee_paid', PARTNER_ACCOUNTS.payment, `${yuan(report.amountFen)}, ${chargeId}`);
    return;
  }
  state.feeWaiver = undefined;
  fee.payment = {
    chargeId,
    status: 'waived',
    waiver: { exemption: waiver.exemption, note: waiver.note, by: waiver.actor },
  };
  recordAction(state, 'fee_waived', waiver.actor, `${waiver.exemption}: ${waiver.note}`);
  // The charge can be paid no more; a payment made meanwhile is refunded.
  await endCharge(state, 'refund_failed');
}

/**
 * Ends the fee's charge with the provider: a paid one is refunded, an open one closed. Retried by its activity's
 * policy; a refund the provider refuses is written to the timeline and sent to the supervisors, never dropped.
 */
export async function endCharge(state: AppState, escalation: string): Promise<void> {
  const payment = state.fee?.payment;
  if (!payment || !['unpaid', 'paid', 'waived'].includes(payment.status)) return;
  try {
    // Whole even if a withdrawal arrives meanwhile: its own compensation then finds the charge ended.
    const ended = await CancellationScope.nonCancellable(() =>
      partners.refundPayment({ applicationId: app(state), chargeId: payment.chargeId, at: taskTime(state) }),
    );
    if (ended.outcome === 'refunded') {
      if (payment.status !== 'waived') payment.status = 'refunded';
      recordAction(state, 'fee_refunded', SYSTEM, `${yuan(ended.amountFen)}, ${payment.chargeId}`);
    } else if (payment.status !== 'waived') {
      payment.status = 'closed_unpaid';
      changed(state);
    }
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    const cause = error.cause instanceof ApplicationFailure ? error.cause.type : undefined;
    payment.status = 'refund_failed';
    recordAction(state, 'compensation_failed', SYSTEM, `refund: ${cause ?? 'failed'}`);
    await raise(state, escalation, 1);
  }
}
