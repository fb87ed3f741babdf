// The counters where the center takes applications, and the instant lane some of them run: a card made on the
// counter's own printer while the person waits (即时制卡). Which counters have a printer is data (store/counters.ts),
// as is the lane's target and who may use it (domain/deadline-policy.ts, mode `instant`).
import { z } from 'zod';
import { isKnownRegion } from './regions';

/** A counter's ID: the region code it serves, then its own name, e.g. `440106-TIANHE-01`. */
export const counterIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^\d{6}-[A-Z0-9-]{1,32}$/,
    'a counter ID: the 6-digit region code, a dash, then letters, digits or -',
  );

/** A service hall's counter, a bank branch's, or a self-service smart teller. */
export const COUNTER_KINDS = ['service_hall', 'bank_branch', 'smart_teller'] as const;
export const counterKindSchema = z.enum(COUNTER_KINDS);
export type CounterKind = z.infer<typeof counterKindSchema>;

/** A counter as an administrator registers it (`PUT /v1/admin/counters/:id`). */
export const counterSchema = z.object({
  /** Where the person collects: shown to them, never personal data. */
  name: z.string().trim().min(1).max(100),
  region: z
    .string()
    .regex(/^\d{6}$/, 'the 6-digit region code the counter serves')
    .refine(isKnownRegion, 'a region code of a province (GB/T 2260)'),
  kind: counterKindSchema,
  /** Whether a card printer stands at the counter: only such counters take instant applications. */
  printer: z.boolean(),
  status: z.enum(['open', 'closed']).default('open'),
});
export type CounterDoc = { _id: string } & z.output<typeof counterSchema>;

/**
 * Why a person needs the card now. A region may keep the lane for these (its policy's `instantReasons`): the
 * reason is chosen at acceptance and shown in the record.
 */
export const INSTANT_REASONS = [
  'HOSPITAL_ADMISSION',
  'PRENATAL_CHECK',
  'EMERGENCY_TREATMENT',
  'BENEFIT_PAYMENT_DUE',
  'OTHER_URGENT',
] as const;
export const instantReasonSchema = z.enum(INSTANT_REASONS);
export type InstantReason = z.infer<typeof instantReasonSchema>;

/** What an instant submission adds: the counter where the person waits, and why, where the region asks. */
export const instantRequestSchema = z.object({
  counterId: counterIdSchema,
  reason: instantReasonSchema.optional(),
});
export type InstantRequest = z.infer<typeof instantRequestSchema>;
