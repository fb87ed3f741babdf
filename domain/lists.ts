// Lists and queues as operators and units read them: what may be asked, and what each row holds. Rows name
// applications, units and batches by their IDs and carry stages and dates: never personal data.
import { z } from 'zod';
import { unitIdSchema } from './actor-schemas';
import { applicationIdSchema, batchIdSchema, issuanceModeSchema } from './application';
import { SLA_STATES, STAGES } from './stages';

/** The operator queues, each a visibility query over the applications in flight. */
export const QUEUES = ['awaiting_review', 'returned', 'at_risk', 'breached', 'awaiting_collection'] as const;
export const queueSchema = z.enum(QUEUES);
export type Queue = z.infer<typeof queueSchema>;

const pageSize = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const pageToken = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_.-]+$/, 'a page token as returned in nextPageToken');

/** One page of a list: its items, and the token of the next page when there is one. */
const pageOf = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextPageToken: z.string().optional() });

export const applicationListRequestSchema = z.object({
  queue: queueSchema.optional(),
  unitId: unitIdSchema.optional(),
  batchId: batchIdSchema.optional(),
  /** A stage; a closed one (issued, withdrawn…) lists closed applications too. */
  stage: z.enum(STAGES).optional(),
  pageSize: pageSize(200, 50),
  pageToken: pageToken.optional(),
});
export type ApplicationListRequest = z.input<typeof applicationListRequestSchema>;

export const applicationListItemSchema = z.object({
  applicationId: z.string(),
  stage: z.enum(STAGES),
  mode: issuanceModeSchema,
  unitId: z.string(),
  batchId: z.string().optional(),
  /** Null until the deadline is derived, moments after acceptance. */
  sla: z.enum(SLA_STATES).nullable(),
  dueAt: z.iso.datetime().nullable(),
  returnCount: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type ApplicationListItem = z.infer<typeof applicationListItemSchema>;

export const applicationListSchema = pageOf(applicationListItemSchema);
export type ApplicationList = z.infer<typeof applicationListSchema>;

export const queueCountsRequestSchema = z.object({
  unitId: unitIdSchema.optional(),
  batchId: batchIdSchema.optional(),
});

export const queueCountsSchema = z.object({
  /** Applications in flight in each queue. */
  queues: z.record(queueSchema, z.number().int()),
  /** All applications, open and closed, by the state of their deadline clock: the compliance picture. */
  sla: z.record(z.enum(SLA_STATES), z.number().int()),
});
export type QueueCounts = z.infer<typeof queueCountsSchema>;

export const batchListRequestSchema = z.object({
  unitId: unitIdSchema.optional(),
  pageSize: pageSize(200, 50),
  pageToken: pageToken.optional(),
});

export const batchListItemSchema = z.object({
  batchId: z.string(),
  unitId: z.string(),
  status: z.enum(['staged', 'running', 'notified']),
  submittedAt: z.iso.datetime(),
  acceptedAt: z.iso.datetime().optional(),
  rows: z.object({
    total: z.number().int(),
    staged: z.number().int(),
    invalid: z.number().int(),
    duplicates: z.number().int(),
    started: z.number().int(),
    inFlightElsewhere: z.number().int(),
  }),
});
export const batchListSchema = pageOf(batchListItemSchema);
export type BatchList = z.infer<typeof batchListSchema>;

export const escalationListRequestSchema = z.object({
  applicationId: applicationIdSchema.optional(),
  batchId: batchIdSchema.optional(),
  pageSize: pageSize(200, 50),
  pageToken: pageToken.optional(),
});

export const escalationItemSchema = z.object({
  escalationId: z.string(),
  kind: z.string(),
  applicationId: z.string().optional(),
  batchId: z.string().optional(),
  occurrence: z.number().int(),
  stage: z.string().optional(),
  dueAt: z.iso.datetime().optional(),
  raisedAt: z.iso.datetime(),
  /** For a batch: the applications holding it back. */
  laggards: z.array(z.string()).optional(),
});
export const escalationListSchema = pageOf(escalationItemSchema);
export type EscalationList = z.infer<typeof escalationListSchema>;
