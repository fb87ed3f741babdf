// Lists: operator queues of applications (from Temporal visibility), queue counts, batches and escalations.
import {
  applicationListRequestSchema,
  applicationListSchema,
  batchListRequestSchema,
  batchListSchema,
  escalationListRequestSchema,
  escalationListSchema,
  queueCountsRequestSchema,
  queueCountsSchema,
} from '../../domain/lists';
import { complianceRequestSchema } from '../../domain/compliance';
import { ACTIONS } from '../../domain/permissions';
import type { ApiDeps } from '../deps';
import { complianceReportSchema } from '../schemas';
import type { Route } from '../router';
import { ok } from './shared';

const LIST_ERRORS = ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'NOT_YOUR_UNIT'] as const;

export function listRoutes({ client }: ApiDeps): Route[] {
  /** Lists, counts and reports are reads: a unit's clerk sees their own unit's only. */
  const read = {
    method: 'GET',
    tag: 'queues',
    access: 'bearer',
    roles: ACTIONS.read,
    errors: LIST_ERRORS,
  } as const;
  return [
    {
      ...read,
      path: '/v1/applications',
      operationId: 'listApplications',
      summary: 'Applications by queue, unit, batch or stage, a page at a time',
      description:
        'Queues: awaiting_review, returned, at_risk (deadline warning), breached, awaiting_collection; open ' +
        "applications only unless a closed stage is asked for. A unit clerk sees their own unit's only.",
      query: applicationListRequestSchema,
      success: { status: 200, description: 'One page of applications', schema: applicationListSchema },
      handle: async ({ query, actor }) => ok(await client.lists.applications(query, actor)),
    },
    {
      ...read,
      path: '/v1/reports/compliance',
      operationId: 'complianceReport',
      summary: 'Deadline compliance of the applications accepted in a range of days, per unit, mode and week',
      description:
        'from and to are Asia/Shanghai days (YYYY-MM-DD, both included, at most 400 days); unitId and mode narrow ' +
        "it. Met: notified within the working days; late: after; open and overdue: not notified yet. A unit clerk sees their own unit's only. Read from the application records, so closed applications count after Temporal's retention.",
      query: complianceRequestSchema,
      success: { status: 200, description: 'The report', schema: complianceReportSchema },
      handle: async ({ query, actor }) => ok(await client.lists.compliance(query, actor)),
    },
    {
      ...read,
      path: '/v1/reports/compliance.csv',
      operationId: 'complianceCsv',
      summary: 'The applications of the compliance report as CSV, one line each (IDs, days and states only)',
      query: complianceRequestSchema,
      success: { status: 200, description: 'text/csv, UTF-8 with a BOM (Excel opens it as such)' },
      handle: async ({ query, actor }) => ({
        status: 200,
        text: await client.lists.complianceCsv(query, actor),
        headers: {
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="sscard-compliance-${String(query.from)}-${String(query.to)}.csv"`,
        },
      }),
    },
    {
      ...read,
      path: '/v1/queues',
      operationId: 'countQueues',
      summary: 'How many applications wait in each queue, and all applications by deadline state',
      query: queueCountsRequestSchema,
      success: { status: 200, description: 'Counts', schema: queueCountsSchema },
      handle: async ({ query, actor }) => ok(await client.lists.counts(query, actor)),
    },
    {
      ...read,
      path: '/v1/batches',
      operationId: 'listBatches',
      summary: 'Batches, newest first',
      tag: 'batches',
      query: batchListRequestSchema,
      success: { status: 200, description: 'One page of batches', schema: batchListSchema },
      handle: async ({ query, actor }) => ok(await client.lists.batches(query, actor)),
    },
    {
      ...read,
      path: '/v1/escalations',
      operationId: 'listEscalations',
      summary: 'Escalations to supervisors, newest first: deadline warnings and breaches, overdue prints…',
      roles: ACTIONS.see_escalations,
      query: escalationListRequestSchema,
      success: { status: 200, description: 'One page of escalations', schema: escalationListSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED'],
      handle: async ({ query, actor }) => ok(await client.lists.escalations(query, actor)),
    },
  ];
}
