// The fee step's calls to the payment provider: a charge opened once per charge ID, and at a withdrawal its end,
// a refund of what was paid (or the close of a charge left unpaid). A refund the provider refuses is a fact no retry
// changes: the withdrawal's compensation sends it to the supervisors.
import { type FeeReason, yuan } from '../domain/fee-decision';
import { type PaymentProvider, RefundRefusedError } from '../integrations/ports';
import type { PaymentStepPort } from '../store/ports/fees';
import { callPartner, fatal } from './failures';

export function createPaymentActivities({
  stores,
  payment,
}: {
  stores: PaymentStepPort;
  payment: PaymentProvider;
}) {
  return {
    /** Opens the charge of the fee due, noted first so that the provider's report finds its application. */
    async requestPayment(input: {
      applicationId: string;
      chargeId: string;
      amountFen: number;
      reason: FeeReason;
      at: string;
    }): Promise<{ status: 'open' | 'paid' | 'closed' | 'refunded' }> {
      const doc = await stores.applications.get(input.applicationId);
      if (!doc) fatal('APPLICATION_NOT_FOUND');
      await stores.charges.open({
        _id: input.chargeId,
        applicationId: input.applicationId,
        workflowId: doc.workflowId,
        amountFen: input.amountFen,
        status: 'open',
        openedAt: new Date(input.at),
      });
      return callPartner(() =>
        payment.charge({
          chargeId: input.chargeId,
          amountFen: input.amountFen,
          description: `社保卡工本费 ${yuan(input.amountFen)} (${input.reason})`,
        }),
      );
    },

    /** Ends the charge at a withdrawal: a paid one refunded, an open one closed so it can be paid no more. */
    async refundPayment(input: {
      applicationId: string;
      chargeId: string;
      at: string;
    }): Promise<{ outcome: 'refunded' | 'closed_unpaid'; amountFen: number }> {
      const ended = await callPartner(() =>
        payment
          .refund({ refundKey: `${input.applicationId}:refund`, chargeId: input.chargeId })
          .catch((error: unknown) => {
            if (error instanceof RefundRefusedError) fatal('REFUND_REFUSED');
            throw error;
          }),
      );
      const status = ended.outcome === 'refunded' ? 'refunded' : 'closed';
      await stores.charges.note(input.chargeId, status, new Date(input.at));
      return ended;
    },
  };
}
