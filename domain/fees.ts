// Card fees as data: what a region charges by the application's reason, and who is exempt, from a date on. A
// province that changes its tariff adds a row; amounts are in fen (integers), never yuan as decimals.
import { z } from 'zod';
import type { Replacement } from './application';
import {
  FEE_EXEMPTIONS,
  FEE_REASONS,
  type FeeDecision,
  type FeeExemption,
  type FeeReason,
} from './fee-decision';
import { actorSchema } from './actor-schemas';
import { localDateSchema } from './calendar/calendar-year';
import type { LocalDate } from './calendar/shanghai-time';
import { SscardError } from './errors';
import { noteSchema } from './note';

export const feeExemptionSchema = z.enum(FEE_EXEMPTIONS);

const fen = z.number().int().min(0).max(100_000);

export const feePolicySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . or -, at most 64'),
  /** '*' for everywhere, or a region-code prefix of 2, 4 or 6 digits. */
  region: z.string().regex(/^(\*|\d{2}|\d{4}|\d{6})$/, "'*' or a region-code prefix of 2, 4 or 6 digits"),
  effectiveFrom: localDateSchema,
  /** The fee of each reason, in fen. */
  fees: z.object(Object.fromEntries(FEE_REASONS.map((r) => [r, fen])) as Record<FeeReason, typeof fen>),
  /** The exemptions the region grants; an exemption it does not list is not in effect there. */
  exemptions: z.array(feeExemptionSchema).default([...FEE_EXEMPTIONS]),
});
export type FeePolicy = z.infer<typeof feePolicySchema>;
export type FeePolicyInput = z.input<typeof feePolicySchema>;

/** The national defaults: the first card and the switch to the third generation free, a replacement ¥20. */
export const DEFAULT_FEE_POLICIES: readonly FeePolicy[] = [
  {
    id: 'national-fees-2019',
    region: '*',
    effectiveFrom: '2019-12-31',
    fees: {
      first_card: 0,
      loss_replacement: 2000,
      damage_replacement: 2000,
      renewal: 0,
      generation_switch: 0,
    },
    exemptions: [...FEE_EXEMPTIONS],
  },
];

/** The reason of an application: a renewal, a replacement's (EXPIRED: a renewal too), or a first card. */
export function feeReasonOf(application: {
  replacement?: Pick<Replacement, 'reason'>;
  renewal?: unknown;
}): FeeReason {
  const { replacement } = application;
  if (application.renewal) return 'renewal';
  if (!replacement) return 'first_card';
  return replacement.reason === 'LOST'
    ? 'loss_replacement'
    : replacement.reason === 'DAMAGED'
      ? 'damage_replacement'
      : 'renewal';
}

/** The most specific region wins; among those, the latest that has taken effect. */
export function selectFeePolicy(
  policies: readonly FeePolicy[],
  query: { region: string; on: LocalDate },
): FeePolicy {
  const specificity = (p: FeePolicy) => (p.region === '*' ? 0 : p.region.length);
  const [chosen] = policies
    .filter((p) => p.effectiveFrom <= query.on && (p.region === '*' || query.region.startsWith(p.region)))
    .sort(
      (a, b) =>
        specificity(b) - specificity(a) ||
        b.effectiveFrom.localeCompare(a.effectiveFrom) ||
        a.id.localeCompare(b.id),
    );
  if (!chosen)
    throw new SscardError(
      'FEE_POLICY_NOT_IN_EFFECT',
      `no fee policy applies to region ${query.region} on ${query.on}`,
    );
  return chosen;
}

/**
 * The fee due: the tariff of the reason, nothing where a claimed exemption is in effect. An exemption the region
 * does not grant on the day, or damage not the holder's fault claimed for another reason, is refused.
 */
export function decideFee(
  policies: readonly FeePolicy[],
  query: { region: string; on: LocalDate; reason: FeeReason; exemption?: FeeExemption },
): FeeDecision {
  const policy = selectFeePolicy(policies, query);
  const { exemption, reason } = query;
  if (exemption) requireExemption(policy.exemptions, exemption, reason);
  const amountFen = policy.fees[reason];
  return {
    policyId: policy.id,
    reason,
    amountFen,
    dueFen: exemption ? 0 : amountFen,
    ...(exemption ? { exemption } : {}),
    exemptions: policy.exemptions,
  };
}

/** Damage not the holder's fault is free only this long after the card was issued. */
export const DAMAGE_EXEMPTION_DAYS = 365;

/** Whether a card issued at `issuedAt` (never, when absent) is young enough for damage not the holder's fault. */
export const damagedWithinAYear = (issuedAt: Date | undefined, on: Date): boolean =>
  issuedAt !== undefined && on.getTime() - issuedAt.getTime() <= DAMAGE_EXEMPTION_DAYS * 86_400_000;

/** Refuses damage not the holder's fault claimed for a card issued longer ago (or never collected) than the rule allows. */
export function requireDamageWithinAYear(issuedAt: Date | undefined, on: Date): void {
  if (!damagedWithinAYear(issuedAt, on))
    throw new SscardError(
      'FEE_EXEMPTION_NOT_IN_EFFECT',
      `damage not the holder's fault is free within ${DAMAGE_EXEMPTION_DAYS} days of the card's issue only`,
    );
}

/** Refuses an exemption the policy in effect does not grant, or one that does not fit the reason. */
export function requireExemption(
  granted: readonly FeeExemption[],
  exemption: FeeExemption,
  reason: FeeReason,
): void {
  if (!granted.includes(exemption))
    throw new SscardError(
      'FEE_EXEMPTION_NOT_IN_EFFECT',
      `${exemption} is not an exemption of the fee policy in effect`,
    );
  if (exemption === 'DAMAGE_NOT_HOLDERS_FAULT' && reason !== 'damage_replacement')
    throw new SscardError('FEE_EXEMPTION_NOT_IN_EFFECT', `${exemption} applies to a damaged card only`);
}

/** The payment provider's report of a charge (its Standard Webhook's body). */
export const paymentReportSchema = z.object({
  chargeId: z.string().regex(/^A[0-9A-Za-z_-]{6,64}-F\d{1,2}$/, 'a charge ID of sscard'),
  event: z.literal('paid'),
  amountFen: fen,
  at: z.iso.datetime(),
});
export type PaymentReportBody = z.infer<typeof paymentReportSchema>;

/** An operator's waiver of the fee due: the exemption it rests on, and the evidence seen (a certificate's number). */
export const waiverBodySchema = z.object({
  exemption: feeExemptionSchema,
  note: noteSchema.min(1),
});
export const waiverRequestSchema = waiverBodySchema.safeExtend({ actor: actorSchema });
export type WaiverRequest = z.infer<typeof waiverRequestSchema>;

/** The fee as an application's status shows it (domain/fee-decision.ts FeeView), for the API's document. */
export const feeViewSchema = z.object({
  policyId: z.string(),
  reason: z.enum(FEE_REASONS),
  amountFen: fen,
  dueFen: fen,
  exemption: feeExemptionSchema.optional(),
  exemptions: z.array(feeExemptionSchema),
  payment: z
    .object({
      chargeId: z.string(),
      status: z.enum(['unpaid', 'paid', 'waived', 'refunded', 'closed_unpaid', 'refund_failed']),
      paidAt: z.iso.datetime().optional(),
      waiver: z
        .object({
          exemption: feeExemptionSchema,
          note: z.string(),
          by: z.object({ role: z.string(), id: z.string() }),
        })
        .optional(),
    })
    .optional(),
});
