// The fee of an application as the workflow keeps it: plain data, no schema (workflows import it).
/** Why a card is made, as the fee knows it. The switch to the third generation is a reason of its own. */
export const FEE_REASONS = [
  'first_card',
  'loss_replacement',
  'damage_replacement',
  'renewal',
  'generation_switch',
] as const;
export type FeeReason = (typeof FEE_REASONS)[number];

/** Who pays nothing whatever the reason: claimed with the application, or named by an operator's waiver. */
export const FEE_EXEMPTIONS = ['LOW_INCOME', 'DISABLED', 'DAMAGE_NOT_HOLDERS_FAULT'] as const;
export type FeeExemption = (typeof FEE_EXEMPTIONS)[number];

/** The fee due on an application, decided at its acceptance. No personal data: a reason and amounts. */
export interface FeeDecision {
  policyId: string;
  reason: FeeReason;
  /** The tariff of the reason. */
  amountFen: number;
  /** What the person pays: nothing when exempt. */
  dueFen: number;
  /** The exemption claimed with the application, when the region grants it. */
  exemption?: FeeExemption;
  /** The exemptions in effect for the application: what an operator's waiver may name. */
  exemptions: FeeExemption[];
}

/** ¥20.00 from 2000 fen, for notes and notices. */
export const yuan = (fen: number): string => `¥${(fen / 100).toFixed(2)}`;

/** The fee of an application as its status shows it: the decision, and the charge once one was made. */
export interface FeeView extends FeeDecision {
  payment?: {
    /** `<application>-F1`: the payment provider's key. */
    chargeId: string;
    /** `unpaid` until paid or waived; a withdrawal refunds what was paid (`refund_failed` went to the supervisors). */
    status: 'unpaid' | 'paid' | 'waived' | 'refunded' | 'closed_unpaid' | 'refund_failed';
    paidAt?: string;
    /** An operator's waiver: the exemption it names, with the evidence seen. */
    waiver?: { exemption: FeeExemption; note: string; by: { role: string; id: string } };
  };
}
