// The fee registers as their callers need them: the policies (acceptance, the client's checks, administration) and
// the charges (the fee step and the refund, the provider's reports).
import type { ChargeStore } from '../charges';
import type { FeePolicyStore } from '../fee-policies';

/** The fee decided at acceptance (activities/acceptance.ts). */
export interface FeeDecisionPort {
  feePolicies: Pick<FeePolicyStore, 'all'>;
}

/** The fee step and the withdrawal's refund (activities/payment.ts). */
export interface PaymentStepPort {
  applications: { get(applicationId: string): Promise<{ workflowId: string } | null> };
  charges: Pick<ChargeStore, 'open' | 'note'>;
}

/** The provider's reports (client/payments.ts), and the fee policies' administration (client/admin-fees.ts). */
export interface PaymentsPort {
  charges: Pick<ChargeStore, 'get' | 'note'>;
  feePolicies: Pick<FeePolicyStore, 'all' | 'upsert'>;
}
