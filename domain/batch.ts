// Batch issuance: a unit's applicants submitted together, staged in MongoDB, started by one batch workflow,
// all against the batch's 30-working-day deadline.
import { z } from 'zod';
import { unitIdSchema } from './actor-schemas';
import { batchIdSchema } from './application';

/**
 * Rows are checked as applicants one by one on staging, where a wrong row is reported and the others go on. What
 * cannot be a row at all (a list or an object as a value, a column name the store cannot hold) refuses the whole
 * submission before anything is written.
 */
export const MAX_BATCH_ROWS = 50_000;
const rowColumn = z
  .string()
  .regex(
    /^[^$.][^.]{0,63}$/,
    'a column name of at most 64 characters, without "." and not starting with "$"',
  );
const rowValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()], {
  error: 'a single value (text or a number of at most 1000 characters), not a list or an object',
});
export const batchSubmissionSchema = z.object({
  unitId: unitIdSchema,
  applicants: z.array(z.record(rowColumn, rowValue)).min(1).max(MAX_BATCH_ROWS),
});
export type BatchSubmission = z.infer<typeof batchSubmissionSchema>;

/** Every row ends in exactly one of these, so every applicant is accounted for once. */
export const ROW_STATUSES = [
  'staged',
  'invalid',
  'duplicate_in_batch',
  'in_flight_elsewhere',
  'started',
] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

const duration = z
  .string()
  .regex(
    /^\d+\s*(milliseconds?|seconds?|minutes?|hours?|days?)$/,
    "a duration such as '30 seconds' or '1 hour'",
  );

/** How the batch workflow pages and throttles; small values in tests make continue-as-new happen often. */
export const batchTuningSchema = z.object({
  /** Staged rows per page document. */
  pageSize: z.number().int().min(1).max(1000).default(200),
  /** Applications a page's activity starts at once. */
  window: z.number().int().min(1).max(500).default(50),
  /** Pages started per run before continuing as new: bounds the history of each run. */
  pagesPerRun: z.number().int().min(1).max(1000).default(25),
  /** How often progress is read from the records while applications move... */
  pollEvery: duration.default('1 minute'),
  /** ...backing off to this while nothing changes (applications waiting for reviews or units). */
  maxPollEvery: duration.default('1 hour'),
  /** Polls per run before continuing as new. */
  pollsPerRun: z.number().int().min(1).max(2000).default(200),
  /**
   * Applications of the batch on their way at most (started, not yet notified, closed or returned to the unit): the
   * next page starts once it fits. Sized to what the workers keep in their caches (1,000 each by default), so that
   * a large batch runs at their pace instead of evicting and replaying its own applications.
   */
  inFlight: z.number().int().min(1).max(100_000).default(1000),
  /**
   * How often the counts are read while the window is full. Each reading aggregates all of the batch's records,
   * which FerretDB does by reading every one (5 s of its CPU at 20,000): a page's worth of applications is notified
   * in about this time at a worker pair's rate, so reading more often gains little.
   */
  roomEvery: duration.default('30 seconds'),
});
export type BatchTuning = z.infer<typeof batchTuningSchema>;

/** The window's settings, which batches started before release 0.8.0 do not carry (they start every page at once). */
type WindowTuning = 'inFlight' | 'roomEvery';

export interface BatchInput {
  batchId: string;
  unitId: string;
  region: string;
  tuning: Omit<BatchTuning, WindowTuning> & Partial<Pick<BatchTuning, WindowTuning>>;
}

export const batchIdFormat = batchIdSchema;
