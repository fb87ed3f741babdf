// The payment provider's reports on the fees' charges, taken by the client library and handed to the application's
// workflow; and the fee policies, kept by an administrator like the deadline policies. A report on a charge sscard
// never opened, or from another partner's account, is refused and nothing is noted.
import { WorkflowNotFoundError } from '@temporalio/client';
import { type Actor, PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';
import { type FeePolicy, paymentReportSchema } from '../domain/fees';
import { paymentReportSignal } from '../workflows/card-application/messages';
import type { PaymentsPort } from '../store/ports/fees';
import { authorize, type ClientDeps } from './applications';
import { fromTemporal, parseOrThrow } from './errors';

export function createPayments({ temporal, stores }: ClientDeps<PaymentsPort>) {
  return {
    async reportPayment(report: unknown, actor: Actor): Promise<{ accepted: true; applicationId: string }> {
      authorize(actor, 'report_partner_result');
      const parsed = parseOrThrow(paymentReportSchema, report);
      const charge = await stores.charges.get(parsed.chargeId);
      // Another partner's account learns no more than that the charge is not theirs.
      if (!charge || actor.id !== PARTNER_ACCOUNTS.payment.id)
        throw new SscardError('PAYMENT_CHARGE_UNKNOWN');
      // A fee is paid whole: a report of another amount is the provider's to settle, and pays for nothing here.
      if (parsed.amountFen !== charge.amountFen)
        throw new SscardError('PAYMENT_AMOUNT_MISMATCH', undefined, {
          charged: charge.amountFen,
          reported: parsed.amountFen,
        });
      await stores.charges.note(charge._id, 'paid', new Date(parsed.at));
      await temporal.workflow
        .getHandle(charge.workflowId)
        .signal(paymentReportSignal, parsed)
        .catch((error: unknown) =>
          error instanceof WorkflowNotFoundError ? undefined : fromTemporal(error),
        );
      return { accepted: true, applicationId: charge.applicationId };
    },

    async feePolicies(actor: Actor): Promise<FeePolicy[]> {
      authorize(actor, 'administer');
      return stores.feePolicies.all();
    },

    /** Adds or replaces a fee policy; applications accepted from its effective date on pay by it. */
    async putFeePolicy(id: string, policy: unknown, actor: Actor): Promise<FeePolicy> {
      authorize(actor, 'administer');
      return stores.feePolicies.upsert({ ...(policy as object), id });
    },
  };
}
