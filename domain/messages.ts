// Payloads of the messages people and partners send to a card application, validated at every edge.
import { z } from 'zod';
import { COURIER_EVENTS } from '../integrations/ports';
import { actorSchema } from './actor-schemas';
import { applicationIdSchema, REPLACEMENT_REASONS, returnReasonSchema } from './application';
import { residentIdSchema } from './resident-id';
import { applicantSchema } from './applicant';
import { localDateSchema } from './calendar/calendar-year';
import { feeExemptionSchema } from './fees';
import { CARD_CANCELLATION_REASONS, LOSS_CHANNELS, LOSS_KINDS } from './card-life';
import { noteSchema } from './note';

const note = noteSchema;

/**
 * An operator's decision on an application awaiting review: `approve` audit flags, `return` it to the unit with
 * reasons, `reject` it, or `override` the comparison's findings (a supervisor then confirms with `override`).
 */
export const REVIEW_DECISIONS = ['approve', 'return', 'reject', 'override'] as const;

export const reviewBodySchema = z
  .object({
    decision: z.enum(REVIEW_DECISIONS),
    reasons: z.array(returnReasonSchema).max(12).default([]),
    note: note.optional(),
  })
  .refine((r) => r.decision !== 'return' || r.reasons.length > 0, {
    message: 'returning an application needs at least one reason',
    path: ['reasons'],
  })
  .refine((r) => (r.decision !== 'reject' && r.decision !== 'override') || (r.note ?? '').length > 0, {
    message: 'a rejection or an override needs a note saying why',
    path: ['note'],
  });
export const reviewRequestSchema = reviewBodySchema.safeExtend({ actor: actorSchema });
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

export const resubmitRequestSchema = z.object({
  revision: z.number().int().positive(),
  note: note.optional(),
  actor: actorSchema,
});
export type ResubmitRequest = z.infer<typeof resubmitRequestSchema>;

export const COLLECTION_RELATIONS = ['self', 'family', 'guardian', 'unit_agent', 'proxy'] as const;

const collectorName = z.string().trim().min(1).max(40);
const collectionPlace = z.string().trim().min(1).max(100);

/**
 * What a counter registers: who collected the card (their name; an agent's resident ID number too, unless the
 * holder came), when and where. Personal data: the client keeps it in MongoDB (store/collectors.ts).
 */
export const collectionBodySchema = z
  .object({
    collectedBy: collectorName,
    relation: z.enum(COLLECTION_RELATIONS),
    agentResidentId: residentIdSchema.optional(),
    receivedOn: localDateSchema,
    place: collectionPlace,
  })
  .refine((b) => b.relation === 'self' || b.agentResidentId !== undefined, {
    message: "an agent's resident ID number, unless the holder collected the card",
    path: ['agentResidentId'],
  });

/** The unit's agent collecting the ready cards of a batch (all of them, or those listed). */
export const batchCollectionBodySchema = z.object({
  collectedBy: collectorName,
  agentResidentId: residentIdSchema,
  receivedOn: localDateSchema,
  place: collectionPlace,
  applicationIds: z.array(applicationIdSchema).min(1).max(1000).optional(),
});

/** The collection as the workflow takes it: from release 0.5.0 a reference to the collector, no name. */
export const collectionRecordSchema = z.object({
  /** Releases up to 0.4.0: the collector's name, in the update itself. */
  collectedBy: collectorName.optional(),
  collectorRef: z
    .string()
    .regex(/^K[0-9a-f]{20}$/)
    .optional(),
  relation: z.enum(COLLECTION_RELATIONS),
  receivedOn: localDateSchema,
  place: collectionPlace,
  actor: actorSchema,
});
export type CollectionRecord = z.infer<typeof collectionRecordSchema>;

export const withdrawBodySchema = z.object({
  reason: note.min(1),
  /** A supervisor's explicit confirmation, required once printing has started. */
  supervisorConfirmed: z.boolean().default(false),
});
export const withdrawRequestSchema = withdrawBodySchema.safeExtend({
  /**
   * The population registry's death notice (the system's alone): the cards this application's registration ended
   * stay ended, as every card of the person does, instead of being given back.
   */
  holderDeceased: z.literal(true).optional(),
  actor: actorSchema,
});
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

export const expediteBodySchema = z.object({ reason: note.min(1) });
export const expediteRequestSchema = expediteBodySchema.safeExtend({ actor: actorSchema });
export type ExpediteRequest = z.infer<typeof expediteRequestSchema>;

/** An operator pulls an application into review before its card is registered. */
export const holdBodySchema = z.object({ note: note.min(1) });
export const holdRequestSchema = holdBodySchema.safeExtend({ actor: actorSchema });
export type HoldRequest = z.infer<typeof holdRequestSchema>;

export const reprintBodySchema = z.object({ note: note.optional() });
export const reprintRequestSchema = reprintBodySchema.safeExtend({ actor: actorSchema });
export type ReprintRequest = z.infer<typeof reprintRequestSchema>;

/** A card holder's loss report (domain/card-life.ts); the body is what the API takes, the actor is who took it. */
export const lossReportBodySchema = z
  .object({
    kind: z.enum(LOSS_KINDS),
    channel: z.enum(LOSS_CHANNELS),
    note: note.optional(),
  })
  .refine((r) => r.kind === 'temporary' || r.channel === 'counter', {
    message: 'a formal loss report is made at a counter (channel "counter")',
    path: ['channel'],
  });
export const liftBodySchema = z.object({ note: note.optional() });
export const cancelCardBodySchema = z.object({
  reason: z.enum(CARD_CANCELLATION_REASONS),
  note: note.optional(),
});

/**
 * A replacement of a card in use: the holder's data is the predecessor's application's latest revision, with what
 * changed since (a new phone, address or photo; a new name or ID number is a new application, not a replacement).
 */
export const replacementBodySchema = z.object({
  reason: z.enum(REPLACEMENT_REASONS),
  changes: applicantSchema.pick({ phone: true, address: true, photoId: true }).strict().optional(),
  /** A fee exemption the holder claims (the clerk saw its evidence): refused unless the region grants it. */
  feeExemption: feeExemptionSchema.optional(),
});

/** A renewal of a card whose renewal window opened: the holder's data as for a replacement, with what changed. */
export const renewalBodySchema = replacementBodySchema.omit({ reason: true });

export const PRINT_FAILURE_STAGES = [
  'data_check',
  'personalization',
  'chip_encoding',
  'quality_check',
  'packaging',
] as const;

/** A courier's report on a parcel of the online lane, as the API takes it (the code only with `delivered`). */
export const courierReportSchema = z
  .object({
    parcelId: z.string().regex(/^A[0-9A-Za-z_-]{6,64}-D\d{1,2}$/, 'a parcel ID of sscard'),
    event: z.enum(COURIER_EVENTS),
    at: z.iso.datetime(),
    attempt: z.number().int().min(1).max(10).optional(),
    code: z
      .string()
      .regex(/^\d{6}$/, 'the 6-digit code the person gave')
      .optional(),
  })
  .refine((r) => (r.event === 'delivered') === (r.code !== undefined), {
    message: 'a delivery carries the code the person gave, and only a delivery',
    path: ['code'],
  });
export type CourierReportBody = z.infer<typeof courierReportSchema>;

/** What the workflow learns of a courier's report (the code was checked by the client library). */
export type ParcelReport = Omit<CourierReportBody, 'code'>;

/** The manufacturer's report on one print order. */
export const printReportSchema = z.discriminatedUnion('outcome', [
  z.object({
    orderId: z.string().min(1).max(128),
    outcome: z.literal('printed'),
    cardNumber: z.string().regex(/^[A-Z0-9]{9}$/, 'a 9-character card number'),
    chipId: z.string().regex(/^[0-9A-F]{16,32}$/, 'the chip ID in hex'),
    at: z.iso.datetime(),
  }),
  z.object({
    orderId: z.string().min(1).max(128),
    outcome: z.literal('failed'),
    stage: z.enum(PRINT_FAILURE_STAGES),
    reason: z.string().trim().min(1).max(200),
    at: z.iso.datetime(),
  }),
]);
export type PrintReport = z.infer<typeof printReportSchema>;

/**
 * The cooperative bank's receipt of printed cards the manufacturer shipped to it: the chips of one shipment that
 * arrived. The bank binds a card's account only after its receipt (step 6 waits for it).
 */
export const cardReceiptSchema = z.object({
  shipmentId: z.string().min(1).max(128),
  chipIds: z
    .array(z.string().regex(/^[0-9A-F]{16,32}$/, 'the chip ID in hex'))
    .min(1)
    .max(1000, 'at most 1,000 chips per receipt: send a large shipment in parts'),
  receivedAt: z.iso.datetime(),
});
export type CardReceipt = z.infer<typeof cardReceiptSchema>;
