// The shapes the API answers with, in zod, for the OpenAPI document. Request bodies are the domain's own
// schemas; answers are checked at compile time against the client library's types, so they cannot drift.
import { z } from 'zod';
import { actorSchema } from '../domain/actor-schemas';
import {
  issuanceModeSchema,
  renewalSchema,
  replacementSchema,
  returnReasonSchema,
} from '../domain/application';
import { guardianRelationSchema } from '../domain/applicant';
import { calendarYearSchema } from '../domain/calendar/calendar-year';
import { deadlinePolicySchema } from '../domain/deadline-policy';
import { feeViewSchema } from '../domain/fees';
import { COUNTER_KINDS, instantReasonSchema } from '../domain/counters';
import { COURIER_EVENTS } from '../integrations/ports';
import { ERROR_CODES } from '../domain/errors';
import { OUTCOMES, SLA_STATES, STAGES } from '../domain/stages';
import type { ApplicationStatus } from '../domain/status';
import type { BatchProgress } from '../domain/batch-progress';
import type { BatchClient, BatchReceipt } from '../client/batches';
import type { CalendarPublication } from '../client/admin';
import type { ComplianceReport } from '../domain/compliance';
import type { CardLookup } from '../domain/cards';
import { CARD_LIFE_EVENTS } from '../domain/card-life';
import { CARD_FUNCTIONS, USE_PLACES } from '../domain/card-use';
import { cardUseSchema, cardUseViewSchema } from '../domain/card-use-schemas';
import type { TrackingView } from '../domain/tracking';

const instant = z.iso.datetime();
const count = z.number().int();

export const errorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const applicationStatusSchema = z.object({
  applicationId: z.string(),
  unitId: z.string(),
  mode: issuanceModeSchema,
  lane: issuanceModeSchema.optional(),
  instant: z
    .object({
      counterId: z.string(),
      reason: instantReasonSchema.optional(),
      targetMinutes: count,
      targetAt: instant,
      targetExceeded: z.boolean().optional(),
      blankSerial: z.string().optional(),
      fellBack: z.object({ at: instant, reason: z.string() }).optional(),
    })
    .optional(),
  delivery: z
    .object({
      parcelId: z.string(),
      trackingNumber: z.string().optional(),
      status: z.enum(['booked', ...COURIER_EVENTS]),
      failedAttempts: count,
      returnedTo: z.string().optional(),
    })
    .optional(),
  batchId: z.string().optional(),
  replacement: replacementSchema.optional(),
  renewal: renewalSchema.optional(),
  fee: feeViewSchema.optional(),
  guardian: z
    .object({
      relation: guardianRelationSchema,
      handedOverAt: instant.optional().describe('when the holder came of age and took the card over'),
    })
    .optional()
    .describe("made by the applicant's guardian (a minor): who the guardian is to them"),
  stage: z.enum(STAGES),
  awaiting: z
    .enum([
      'review',
      'decision',
      'confirmation',
      'resubmission',
      'print_report',
      'reprint_order',
      'collection',
      'delivery',
      'payment',
    ])
    .optional(),
  history: z.array(
    z.object({
      seq: count,
      stage: z.enum(STAGES),
      action: z.string().optional(),
      at: instant,
      actor: actorSchema,
      note: z.string().optional(),
    }),
  ),
  deadline: z
    .object({
      dueAt: instant,
      warnAt: instant,
      sla: z.enum(SLA_STATES),
      provisional: z.boolean(),
      workingDaysTotal: count,
      workingDaysUsed: count,
      workingDaysLeft: count,
      paused: z.boolean(),
    })
    .optional(),
  returnCount: count,
  returns: z.array(
    z.object({
      at: instant,
      reasons: z.array(returnReasonSchema),
      by: actorSchema,
      resubmittedAt: instant.optional(),
    }),
  ),
  expedited: z.boolean(),
  escalations: z.array(z.object({ kind: z.string(), at: instant })),
  printAttempts: count,
  auditFlags: z.array(returnReasonSchema),
  approvalBlockedBy: z.array(returnReasonSchema).optional(),
  outcome: z.enum(OUTCOMES).optional(),
});

const problem = z.object({ path: z.string(), message: z.string(), code: z.string().optional() });

export const batchReceiptSchema = z.object({
  batchId: z.string(),
  total: count,
  staged: count,
  invalid: z.array(z.object({ rowNo: count, code: z.string(), problems: z.array(problem) })),
  duplicates: z.array(z.object({ rowNo: count, duplicateOf: count })),
});

export const batchProgressSchema = z.object({
  batchId: z.string(),
  unitId: z.string(),
  phase: z.enum(['starting', 'running', 'notified']),
  rows: z.object({
    total: count,
    invalid: count,
    duplicates: count,
    inFlightElsewhere: count,
    started: count,
  }),
  counts: z.object({
    byStage: z.record(z.string(), count),
    returned: count,
    breached: count,
    done: count,
    notified: count,
    accepted: count,
    total: count,
  }),
  deadline: z
    .object({
      dueAt: instant,
      warnAt: instant,
      sla: z.enum(['on_track', 'warning', 'breached', 'met', 'met_late']),
      provisional: z.boolean(),
    })
    .optional(),
  milestones: z.array(z.string()),
  runs: count,
});

export const batchReportSchema = z.object({
  batchId: z.string(),
  unitId: z.string(),
  submittedAt: instant,
  acceptedAt: instant.optional(),
  status: z.string(),
  rows: z.record(z.string(), count),
  byStage: z.record(z.string(), count),
  byOutcome: z.record(z.string(), count),
  bySla: z.record(z.string(), count),
  returned: count,
  /** Applications by the working days they took, from acceptance to notification. */
  workingDaysUsed: z.record(z.string(), count),
  problems: z.array(
    z.object({
      rowNo: count,
      status: z.string(),
      problems: z.array(problem).optional(),
      duplicateOf: count.optional(),
    }),
  ),
});

export const meSchema = z.object({
  actor: actorSchema,
  key: z.object({ keyId: z.string(), name: z.string() }),
});

export const apiKeySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  actor: actorSchema,
  createdAt: instant,
  createdBy: z.string(),
  revokedAt: instant.optional(),
  revokedBy: z.string().optional(),
});
export const issuedKeySchema = z.object({
  /** Shown once: only its hash is stored. */
  token: z.string(),
  key: apiKeySchema,
});
export const apiKeyListSchema = z.object({ items: z.array(apiKeySchema) });

export const calendarYearsSchema = z.object({ items: z.array(calendarYearSchema) });
export const calendarPublicationSchema = z.object({
  year: calendarYearSchema,
  applicationsSignalled: count,
  applicationsClosedMeanwhile: count,
});
export const policiesSchema = z.object({ items: z.array(deadlinePolicySchema) });

export const partnerReceiptSchema = z.object({ accepted: z.literal(true), applicationId: z.string() });

export const healthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  checks: z.object({ mongo: z.enum(['ok', 'unavailable']), temporal: z.enum(['ok', 'unavailable']) }),
});

const tally = {
  total: count,
  met: count,
  late: count,
  open: count,
  overdue: count,
  closed: count,
};
export const complianceReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.string().optional(),
  mode: issuanceModeSchema.optional(),
  all: z.object(tally),
  byUnit: z.array(z.object({ unitId: z.string(), ...tally })),
  byMode: z.array(z.object({ mode: issuanceModeSchema, ...tally })),
  /** Notified applications by the working days they took. */
  workingDaysUsed: z.record(z.string(), count),
  /** By the week of acceptance, named by its Monday. */
  weeks: z.array(z.object({ week: z.string(), ...tally })),
});

const cardView = z.object({
  cardId: z.string(),
  applicationId: z.string().optional(),
  status: z.string(),
  predecessorCardId: z.string().optional(),
  cardNumber: z.string().optional(),
  photoId: z.string().optional(),
  bank: z
    .object({ accountRef: z.string(), opened: z.enum(['new', 'existing']), closedAt: instant.optional() })
    .optional(),
  collectedOn: z.string().optional(),
  cancellation: z
    .object({ reason: z.string(), successorCardId: z.string().optional(), at: instant })
    .optional(),
  ecard: z.object({ status: z.enum(['active', 'suspended', 'cancelled']), syncedAt: instant }).optional(),
  validity: z
    .object({
      expiresOn: z.string().optional().describe('the last valid day; absent: the card does not expire'),
      renewableFrom: z.string().optional().describe('the first day its renewal may be asked'),
      renewalNoticeAt: instant.optional().describe('when the holder was told the renewal window opened'),
    })
    .optional(),
  history: z.array(z.object({ status: z.string(), at: instant })),
  use: cardUseViewSchema.optional(),
});
export const cardLookupResultSchema = z.object({ current: cardView.optional(), cards: z.array(cardView) });

export const replacementResultSchema = z.object({
  applicationId: z.string(),
  predecessorCardId: z.string(),
  reason: replacementSchema.shape.reason,
});

export const renewalResultSchema = z.object({
  applicationId: z.string(),
  predecessorCardId: z.string(),
  expiresOn: z
    .string()
    .describe('the renewed card’s last valid day; it stays valid until the new card is issued'),
});

export const batchCollectionSchema = z.object({
  registered: z.array(z.string()),
  refused: z.array(z.object({ applicationId: z.string(), code: z.enum(ERROR_CODES) })),
});

export const storedPhotoSchema = z.object({
  photoId: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
});

export const codeReceiptSchema = z.object({ message: z.string(), expiresInSeconds: z.number().int() });
export const counterViewSchema = z.object({
  _id: z.string(),
  name: z.string(),
  region: z.string(),
  kind: z.enum(COUNTER_KINDS),
  printer: z.boolean(),
  status: z.enum(['open', 'closed']),
});
export const onlineReceiptSchema = z.object({
  applicationId: z.string(),
  photo: z.enum(['agency', 'uploaded']),
});
export const trackingViewSchema = z.object({
  application: z
    .object({
      applicationId: z.string(),
      stage: z.enum(STAGES),
      step: z.number().int().min(1).max(7).optional(),
      since: instant,
      expectedBy: z.string().optional(),
      collectAt: z.string().optional(),
      outcome: z.enum(OUTCOMES).optional(),
    })
    .optional(),
  delivery: z
    .object({
      trackingNumber: z.string().optional(),
      status: z.string(),
      failedAttempts: count,
      returnedTo: z.string().optional(),
    })
    .optional(),
  card: z.object({ cardId: z.string(), status: z.string(), since: instant }).optional(),
});

export const deathNoticeResultSchema = z.object({
  noticeId: z.string(),
  applicationsWithdrawn: z.array(z.string()),
  cardsCancelled: z.array(z.string()),
});

export const bankReceiptResultSchema = z.object({
  shipmentId: z.string(),
  recorded: z.number().int(),
  alreadyRecorded: z.number().int(),
});

export const cardLifeStatusSchema = z.object({
  cardId: z.string(),
  status: z.enum(['issued', 'suspended', 'lost', 'cancelled']),
  loss: z
    .object({ kind: z.enum(['temporary', 'formal']), reportedAt: instant, lapsesAt: instant.optional() })
    .optional(),
  events: z.array(
    z.object({
      at: instant,
      event: z.enum(CARD_LIFE_EVENTS),
      actor: actorSchema,
      channel: z.string().optional(),
      where: z.enum(USE_PLACES).optional(),
      function: z.enum(CARD_FUNCTIONS).optional(),
      note: z.string().optional(),
    }),
  ),
  use: cardUseSchema.optional(),
});

// The client's answers must fit what the document promises (it may say less, never something else).
type Fits<T, Schema extends z.ZodType> = [T] extends [z.infer<Schema>] ? true : false;
const fits = <T extends true>(): T => true as T;
void fits<Fits<ApplicationStatus, typeof applicationStatusSchema>>();
void fits<Fits<BatchReceipt, typeof batchReceiptSchema>>();
void fits<Fits<BatchProgress, typeof batchProgressSchema>>();
void fits<Fits<Awaited<ReturnType<BatchClient['report']>>, typeof batchReportSchema>>();
void fits<Fits<CalendarPublication, typeof calendarPublicationSchema>>();
void fits<Fits<ComplianceReport, typeof complianceReportSchema>>();
void fits<Fits<CardLookup, typeof cardLookupResultSchema>>();
void fits<Fits<TrackingView, typeof trackingViewSchema>>();
