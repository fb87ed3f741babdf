// A card application as the workflow sees it: references and facts, never personal data.
import { z } from 'zod';
import { actorSchema, unitIdSchema } from './actor-schemas';
import { applicantSchema } from './applicant';
import { noteSchema } from './note';
import { localDateSchema } from './calendar/calendar-year';
import { counterKindSchema, instantRequestSchema } from './counters';

/**
 * How an application is issued: one at a time (5 working days), in a unit's batch (30), or at a counter with a
 * printer while the person waits (`instant`, minutes; it falls back to sporadic's clock when it cannot), or
 * applied for online by the person and delivered by courier (`online`, working days to dispatch).
 */
export const ISSUANCE_MODES = ['sporadic', 'batch', 'instant', 'online'] as const;
export const issuanceModeSchema = z.enum(ISSUANCE_MODES);
export type IssuanceMode = z.infer<typeof issuanceModeSchema>;

export const applicationIdSchema = z.string().regex(/^A[0-9A-Za-z_-]{6,64}$/, 'an application ID');
export const batchIdSchema = z.string().regex(/^B[0-9A-Za-z_-]{6,64}$/, 'a batch ID');

/** What a unit (or the center's counter) sends to apply for one person. */
export const sporadicSubmissionSchema = z.object({
  unitId: unitIdSchema,
  applicant: applicantSchema,
  /** Made at this counter while the person waits (domain/counters.ts); sporadic issuance where absent. */
  instant: instantRequestSchema.optional(),
});
export type SporadicSubmission = z.infer<typeof sporadicSubmissionSchema>;

/** Why an application goes back to its unit: findings of comparison, audit rules, or an operator. */
export const RETURN_REASONS = [
  'NAME_MISMATCH',
  'BIRTH_DATE_MISMATCH',
  'DECEASED',
  'UNKNOWN_PERSON',
  'BANK_RECORD_CONFLICT',
  'PHOTO_MISSING',
  'PHOTO_UNUSABLE',
  'PHONE_MISSING',
  'AGE_OUT_OF_RANGE',
  'UNIT_NOT_ACTIVE',
  'DATA_INCOMPLETE',
  /** Not a fault: chosen by the policy's sampling rate for a random audit, or held by an operator. */
  'SELECTED_FOR_AUDIT',
  'HELD_FOR_REVIEW',
  /** Not a fault: a photo the person uploaded with an online application, which an operator looks at first. */
  'PHOTO_TO_REVIEW',
  'OTHER',
] as const;
export const returnReasonSchema = z.enum(RETURN_REASONS);
export type ReturnReason = z.infer<typeof returnReasonSchema>;

/** The batch's clock, handed to each of its applications: they all share the batch deadline. */
export const batchClockSchema = z.object({
  batchId: batchIdSchema,
  acceptedAt: z.iso.datetime(),
});

/**
 * Why a card in use is replaced: lost (after a formal loss report), damaged, or expired (a renewal). The
 * replacement runs the issuance steps again with the old card as predecessor.
 */
export const REPLACEMENT_REASONS = ['LOST', 'DAMAGED', 'EXPIRED'] as const;
export const replacementSchema = z.object({
  predecessorCardId: z.string().regex(/^C[0-9A-Za-z-]{1,64}$/),
  reason: z.enum(REPLACEMENT_REASONS),
});
export type Replacement = z.infer<typeof replacementSchema>;

/**
 * A renewal of a card in use whose expiry is near (0.8.0 on; no earlier workflow has it). Unlike a replacement the
 * old card stays valid, paying at the bank, until the new one is issued; then it ends everywhere.
 */
export const renewalSchema = z.object({
  predecessorCardId: replacementSchema.shape.predecessorCardId,
  /** The old card's last valid day. */
  expiresOn: localDateSchema,
});
export type Renewal = z.infer<typeof renewalSchema>;

/** The workflow's input. The applicant's data is read from MongoDB by `applicationId`. */
export const cardApplicationInputSchema = z.object({
  applicationId: applicationIdSchema,
  personKey: z.string().regex(/^[0-9a-f]{32}$/),
  unitId: unitIdSchema,
  region: z.string().regex(/^\d{6}$/),
  mode: issuanceModeSchema,
  batch: batchClockSchema.optional(),
  /** Set when the application replaces a card in use (0.5.0 on; no earlier workflow has it). */
  replacement: replacementSchema.optional(),
  /** Set when the application renews a card in use (0.8.0 on; no earlier workflow has it). */
  renewal: renewalSchema.optional(),
  /** The counter of an instant application, with its kind (0.7.0 on; no earlier workflow has it). */
  instant: instantRequestSchema.safeExtend({ counterKind: counterKindSchema }).optional(),
  submittedBy: actorSchema,
  submittedAt: z.iso.datetime(),
  /**
   * The release whose client started the workflow (0.9.0 on). Such a run asks no patch at its start, since every
   * patch asked there took its new path in every run started since; earlier runs have none and keep their markers.
   */
  startedOn: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional(),
});
export type CardApplicationInput = z.infer<typeof cardApplicationInputSchema>;

export const correctionSchema = z.object({
  applicant: applicantSchema,
  note: noteSchema.optional(),
});
export type Correction = z.infer<typeof correctionSchema>;
