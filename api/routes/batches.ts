// Batches: a unit's applicants submitted together, then followed through progress and the report.
import { batchSubmissionSchema } from '../../domain/batch';
import { batchCollectionBodySchema } from '../../domain/messages';
import { ACTIONS } from '../../domain/permissions';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import {
  batchCollectionSchema,
  batchProgressSchema,
  batchReceiptSchema,
  batchReportSchema,
} from '../schemas';
import { batchParams, ok } from './shared';

/** A batch of 50,000 rows is about 12 MB of JSON; every other request stays under the 1 MB default. */
export const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

const READ_ERRORS = ['VALIDATION_FAILED', 'BATCH_NOT_FOUND', 'ROLE_NOT_ALLOWED', 'NOT_YOUR_UNIT'] as const;

export function batchRoutes({ client }: ApiDeps): Route[] {
  const batch = { tag: 'batches', access: 'bearer' } as const;
  /** What a batch's unit and the center's staff read of one batch. */
  const read = {
    ...batch,
    method: 'GET',
    roles: ACTIONS.read,
    params: batchParams,
    errors: READ_ERRORS,
  } as const;
  return [
    {
      ...batch,
      method: 'POST',
      path: '/v1/batches',
      operationId: 'submitBatch',
      summary: "Submit a unit's applicants together (batch issuance, 30 working days)",
      description:
        'Every row is accounted for: invalid rows are reported with their row number and reason, duplicates name ' +
        'the row they repeat, and neither holds back the valid rows. Bodies up to 16 MB.',
      roles: ACTIONS.submit,
      idempotency: 'required',
      body: batchSubmissionSchema,
      bodyLimit: BATCH_BODY_LIMIT,
      success: { status: 202, description: 'The batch is staged and starting', schema: batchReceiptSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_YOUR_UNIT', 'UNIT_UNKNOWN', 'UNIT_NOT_ACTIVE'],
      handle: async ({ body, actor }) => {
        const receipt = await client.batches.submit(body, actor);
        return { ...ok(receipt, 202), headers: { Location: `/v1/batches/${receipt.batchId}` } };
      },
    },
    {
      ...read,
      path: '/v1/batches/:id',
      operationId: 'getBatchProgress',
      summary: "A batch's progress: rows started, applications by stage, the batch deadline",
      success: { status: 200, description: 'Progress', schema: batchProgressSchema },
      handle: async ({ params, actor }) => ok(await client.batches.progress(params.id!, actor)),
    },
    {
      ...read,
      path: '/v1/batches/:id/report',
      operationId: 'getBatchReport',
      summary: 'The batch report: rows, stages, outcomes, working days used, problem rows',
      success: { status: 200, description: 'Report', schema: batchReportSchema },
      handle: async ({ params, actor }) => ok(await client.batches.report(params.id!, actor)),
    },
    {
      ...batch,
      method: 'POST',
      path: '/v1/batches/:id/collections',
      operationId: 'registerBatchCollections',
      summary: "The unit's agent collected the batch's ready cards: all of them, or those listed",
      description:
        'Each card waiting for collection is registered as collected by the agent (relation unit_agent), whose ' +
        'resident ID number is kept as a keyed hash and a mask. Applications not ready are listed with their code.',
      roles: ACTIONS.register_collection,
      idempotency: 'optional',
      params: batchParams,
      body: batchCollectionBodySchema,
      success: { status: 200, description: 'Registered and refused', schema: batchCollectionSchema },
      errors: READ_ERRORS,
      handle: async ({ params, body, actor }) =>
        ok(await client.batches.registerCollections(params.id!, body, actor)),
    },
  ];
}
