// The refusals of fees and payment (issue #23), part of the one catalogue (./errors.ts): the fee policies, an
// operator's waiver, the payment provider's reports and refunds.
import type { ErrorSpec } from './errors';

export const FEE_ERRORS = {
  FEE_POLICY_INVALID: {
    status: 400,
    title: 'The fee policy is not valid',
    action:
      'Correct the fields listed in the details (amounts in fen, whole numbers) and send the policy again.',
  },
  FEE_POLICY_NOT_IN_EFFECT: {
    status: 422,
    title: 'No fee policy is in effect for the region on the day',
    action:
      'An administrator adds a fee policy for the region that has taken effect, then the unit submits again.',
  },
  FEE_EXEMPTION_NOT_IN_EFFECT: {
    status: 422,
    title: 'The fee exemption is not in effect for this application',
    action:
      'Name an exemption the region’s fee policy grants (the details list them); damage not the holder’s fault is for a damaged card only.',
  },
  NOT_AWAITING_PAYMENT: {
    status: 409,
    title: 'The application does not wait for a fee',
    action:
      'Look at the status: nothing is due, the fee was paid or waived already, or the card is past that step.',
  },
  PAYMENT_CHARGE_UNKNOWN: {
    status: 404,
    title: 'No such charge of sscard',
    action: 'Check the charge ID of the payment request (the application ID followed by -F and a number).',
  },
  PAYMENT_AMOUNT_MISMATCH: {
    status: 422,
    title: 'The amount reported is not the amount charged',
    action:
      'Report the charge with the amount it was opened for (the details give it); a payment of another amount is refunded by the provider.',
  },
  REFUND_REFUSED: {
    status: 502,
    title: 'The payment provider refused the refund',
    action:
      'A supervisor refunds the person by another way (at the counter) and notes it on the application.',
  },
} as const satisfies Record<string, ErrorSpec>;
