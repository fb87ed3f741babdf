// The custom search attributes sscard sets, registered when the dev server starts. None of them holds personal
// data: units, batches and applications are named by their own IDs, never by a person.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA = {
  kind: defineSearchAttributeKey('SscardKind', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('SscardStage', SearchAttributeType.KEYWORD),
  mode: defineSearchAttributeKey('SscardMode', SearchAttributeType.KEYWORD),
  unit: defineSearchAttributeKey('SscardUnit', SearchAttributeType.KEYWORD),
  batch: defineSearchAttributeKey('SscardBatch', SearchAttributeType.KEYWORD),
  sla: defineSearchAttributeKey('SscardSla', SearchAttributeType.KEYWORD),
  region: defineSearchAttributeKey('SscardRegion', SearchAttributeType.KEYWORD),
  applicationId: defineSearchAttributeKey('SscardApplicationId', SearchAttributeType.KEYWORD),
  outcome: defineSearchAttributeKey('SscardOutcome', SearchAttributeType.KEYWORD),
  deadline: defineSearchAttributeKey('SscardDeadline', SearchAttributeType.DATETIME),
  acceptedAt: defineSearchAttributeKey('SscardAcceptedAt', SearchAttributeType.DATETIME),
  notifiedAt: defineSearchAttributeKey('SscardNotifiedAt', SearchAttributeType.DATETIME),
  returnCount: defineSearchAttributeKey('SscardReturnCount', SearchAttributeType.INT),
  applicants: defineSearchAttributeKey('SscardApplicants', SearchAttributeType.INT),
  completed: defineSearchAttributeKey('SscardCompleted', SearchAttributeType.INT),
  progress: defineSearchAttributeKey('SscardProgress', SearchAttributeType.DOUBLE),
  escalated: defineSearchAttributeKey('SscardEscalated', SearchAttributeType.BOOL),
  expedited: defineSearchAttributeKey('SscardExpedited', SearchAttributeType.BOOL),
} as const;

export const ALL_SEARCH_ATTRIBUTES = Object.values(SA);
