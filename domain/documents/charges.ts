// A fee charged with the payment provider, as store/charges.ts keeps it: opened by its application's fee step,
// marked paid by the API as the provider reports, ended by the withdrawal's refund. No personal data.
export interface ChargeDoc {
  /** `<application>-F<n>`: the provider's idempotency key. */
  _id: string;
  applicationId: string;
  workflowId: string;
  amountFen: number;
  status: 'open' | 'paid' | 'refunded' | 'closed';
  openedAt: Date;
  paidAt?: Date;
  endedAt?: Date;
}
