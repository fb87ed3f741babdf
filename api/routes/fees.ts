// Fees: the payment provider's reports on the charges (a signed partner callback, as the courier's), and the fee
// policies an administrator keeps (amounts by region and reason, exemptions, from a date on).
import { z } from 'zod';
import { feePolicySchema, paymentReportSchema } from '../../domain/fees';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { partnerReceiptSchema } from '../schemas';
import { ok } from './shared';

const feePoliciesSchema = z.object({ items: z.array(feePolicySchema) });
const feePolicyBody = z.object({ ...feePolicySchema.shape, id: feePolicySchema.shape.id.optional() });

export function feeRoutes({ client }: ApiDeps): Route[] {
  const admin = { tag: 'administration', access: 'bearer', roles: ['admin'] } as const;
  return [
    {
      method: 'POST',
      path: '/v1/partners/payment/reports',
      operationId: 'reportPayment',
      summary: "The payment provider's report that the person paid a fee's charge",
      description:
        'The application waits for it (or an operator’s waiver) before its card is ordered. A report on a charge ' +
        'sscard did not open, or signed with another partner’s secret, is refused and nothing is noted.',
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: paymentReportSchema,
      success: { status: 200, description: 'The report was accepted', schema: partnerReceiptSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'PAYMENT_CHARGE_UNKNOWN', 'PAYMENT_AMOUNT_MISMATCH'],
      handle: async ({ body, actor }) => ok(await client.payments.reportPayment(body, actor)),
    },
    {
      ...admin,
      method: 'GET',
      path: '/v1/admin/fee-policies',
      operationId: 'listFeePolicies',
      summary:
        'Fee policies: the fee of each reason in fen, and the exemptions, by region and effective date',
      success: { status: 200, description: 'Fee policies', schema: feePoliciesSchema },
      errors: ['ROLE_NOT_ALLOWED'],
      handle: async ({ actor }) => ok({ items: await client.payments.feePolicies(actor) }),
    },
    {
      ...admin,
      method: 'PUT',
      path: '/v1/admin/fee-policies/:id',
      operationId: 'putFeePolicy',
      summary: 'Add or replace a fee policy; applications accepted from its effective date on pay by it',
      params: z.object({ id: feePolicySchema.shape.id }),
      body: feePolicyBody,
      invalid: 'FEE_POLICY_INVALID',
      success: { status: 200, description: 'The fee policy as stored', schema: feePolicySchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'FEE_POLICY_INVALID'],
      handle: async ({ params, body, actor }) =>
        ok(await client.payments.putFeePolicy(params.id!, body, actor)),
    },
  ];
}
