// Lists and operator queues. Application queues are Temporal visibility queries over sscard's search attributes
// (no personal data, and no scan of the records); batches and escalations are read from their own records.
import { isGrpcServiceError } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actors';
import { SscardError } from '../domain/errors';
import {
  type ApplicationList,
  type ApplicationListItem,
  applicationListRequestSchema,
  type BatchList,
  batchListRequestSchema,
  type EscalationList,
  escalationListRequestSchema,
  type Queue,
  QUEUES,
  type QueueCounts,
  queueCountsRequestSchema,
} from '../domain/lists';
import { isTerminal, SLA_STATES, type SlaState, type Stage, STAGES } from '../domain/stages';
import type { PageCursor } from '../store/pages';
import { SA } from '../workflows/search-attributes';
import { authorize, type ClientDeps } from './applications';
import { parseOrThrow } from './errors';

const QUEUE_CONDITIONS: Record<Queue, string> = {
  awaiting_review: `SscardStage = 'awaiting_review'`,
  returned: `SscardStage = 'returned'`,
  at_risk: `SscardSla = 'warning'`,
  breached: `SscardSla = 'breached'`,
  awaiting_collection: `SscardStage = 'awaiting_collection'`,
};
const APPLICATIONS = `SscardKind = 'application'`;
const GRPC_INVALID_ARGUMENT = 3;
const RUNNING = `ExecutionStatus = 'Running'`;

/** Every value put into a query has passed a schema that allows no quotes ([0-9A-Za-z_-] at most). */
function visibilityQuery(filter: {
  queue?: Queue;
  unitId?: string;
  batchId?: string;
  stage?: Stage;
  sla?: SlaState;
  openOnly?: boolean;
}): string {
  const terms = [APPLICATIONS];
  if (filter.openOnly ?? !(filter.stage && isTerminal(filter.stage))) terms.push(RUNNING);
  if (filter.queue) terms.push(QUEUE_CONDITIONS[filter.queue]);
  if (filter.unitId) terms.push(`SscardUnit = '${filter.unitId}'`);
  if (filter.batchId) terms.push(`SscardBatch = '${filter.batchId}'`);
  if (filter.stage) terms.push(`SscardStage = '${filter.stage}'`);
  if (filter.sla) terms.push(`SscardSla = '${filter.sla}'`);
  return terms.join(' AND ');
}

/** A clerk's lists are always of their own unit; anyone else may filter by any unit or none. */
function unitScope(actor: Actor, unitId: string | undefined): string | undefined {
  authorize(actor, 'read', unitId === undefined ? {} : { unitId });
  if (actor.role !== 'unit_clerk') return unitId;
  if (!actor.unitId) throw new SscardError('NOT_YOUR_UNIT');
  return actor.unitId;
}

const badToken = () =>
  new SscardError('VALIDATION_FAILED', 'pageToken: not a page token of this list', {
    issues: [{ path: 'pageToken', message: 'not a page token of this list' }],
  });

// Visibility page tokens are bound to their query, so a token of one list cannot page through another.
const queryTag = (query: string) => createHash('sha256').update(query).digest('hex').slice(0, 12);

function encodeVisibilityToken(query: string, token: Uint8Array | null | undefined): string | undefined {
  if (!token || token.length === 0) return undefined;
  return `${queryTag(query)}.${Buffer.from(token).toString('base64url')}`;
}

function decodeVisibilityToken(query: string, token: string | undefined): Buffer | undefined {
  if (token === undefined) return undefined;
  const [tag, data, ...rest] = token.split('.');
  if (tag !== queryTag(query) || !data || rest.length > 0) throw badToken();
  return Buffer.from(data, 'base64url');
}

function encodeCursor(cursor: PageCursor | undefined): string | undefined {
  return cursor && Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
}

function decodeCursor(token: string | undefined): PageCursor | undefined {
  if (token === undefined) return undefined;
  try {
    const [at, id] = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) throw badToken();
    return { at: new Date(at), id };
  } catch {
    throw badToken();
  }
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export function createListClient({ temporal, stores }: ClientDeps) {
  const namespace = temporal.options.namespace;

  async function count(query: string): Promise<number> {
    return (await temporal.workflow.count(query)).count;
  }

  return {
    /** Applications from visibility: a queue, a unit, a batch or a stage, a page at a time. */
    async applications(request: unknown, actor: Actor): Promise<ApplicationList> {
      const parsed = parseOrThrow(applicationListRequestSchema, request ?? {});
      const unitId = unitScope(actor, parsed.unitId);
      const query = visibilityQuery({ ...parsed, unitId });
      let page;
      try {
        page = await temporal.workflowService.listWorkflowExecutions({
          namespace,
          query,
          pageSize: parsed.pageSize,
          nextPageToken: decodeVisibilityToken(query, parsed.pageToken),
        });
      } catch (error) {
        if (isGrpcServiceError(error) && Number(error.code) === GRPC_INVALID_ARGUMENT) throw badToken();
        throw error;
      }
      const items: (Omit<ApplicationListItem, 'updatedAt'> & { startedAt?: Date })[] = [];
      for (const execution of page.executions) {
        const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
        const applicationId = attributes.get(SA.applicationId);
        const stage = attributes.get(SA.stage);
        const mode = attributes.get(SA.mode);
        const unit = attributes.get(SA.unit);
        if (!applicationId || !oneOf(STAGES, stage) || (mode !== 'sporadic' && mode !== 'batch') || !unit)
          continue;
        const sla = attributes.get(SA.sla);
        const batchId = attributes.get(SA.batch);
        const seconds = execution.startTime?.seconds;
        items.push({
          applicationId,
          stage,
          mode,
          unitId: unit,
          ...(batchId ? { batchId } : {}),
          sla: oneOf(SLA_STATES, sla) ? sla : null,
          dueAt: attributes.get(SA.deadline)?.toISOString() ?? null,
          returnCount: attributes.get(SA.returnCount) ?? 0,
          ...(seconds != null ? { startedAt: new Date(Number(seconds) * 1000) } : {}),
        });
      }
      // The time of the last step is the records' (visibility has no such field), read by primary key one by one:
      // FerretDB runs `$in` on _id as a collection scan (370 ms at 10,000 applications).
      const updated = await stores.records.updatedAtOf(items.map((item) => item.applicationId));
      const nextPageToken = encodeVisibilityToken(query, page.nextPageToken);
      return {
        items: items.map(({ startedAt, ...item }, i) => ({
          ...item,
          updatedAt: (updated[i] ?? startedAt ?? new Date(0)).toISOString(),
        })),
        ...(nextPageToken ? { nextPageToken } : {}),
      };
    },

    /** How many applications wait in each queue, and the deadline clock of all of them (open and closed). */
    async counts(request: unknown, actor: Actor): Promise<QueueCounts> {
      const parsed = parseOrThrow(queueCountsRequestSchema, request ?? {});
      const unitId = unitScope(actor, parsed.unitId);
      const scope = { ...parsed, unitId };
      const [queues, sla] = await Promise.all([
        Promise.all(QUEUES.map((queue) => count(visibilityQuery({ ...scope, queue })))),
        Promise.all(SLA_STATES.map((s) => count(visibilityQuery({ ...scope, sla: s, openOnly: false })))),
      ]);
      return {
        queues: Object.fromEntries(QUEUES.map((q, i) => [q, queues[i]!])) as QueueCounts['queues'],
        sla: Object.fromEntries(SLA_STATES.map((s, i) => [s, sla[i]!])) as QueueCounts['sla'],
      };
    },

    /** Batches, newest first; a clerk sees their own unit's. */
    async batches(request: unknown, actor: Actor): Promise<BatchList> {
      const parsed = parseOrThrow(batchListRequestSchema, request ?? {});
      const unitId = unitScope(actor, parsed.unitId);
      const page = await stores.batches.listPage(
        unitId ? { unitId } : {},
        parsed.pageSize,
        decodeCursor(parsed.pageToken),
      );
      const nextPageToken = encodeCursor(page.next);
      return {
        items: page.items.map((b) => ({
          batchId: b._id,
          unitId: b.unitId,
          status: b.status,
          submittedAt: b.submittedAt.toISOString(),
          ...(b.acceptedAt ? { acceptedAt: b.acceptedAt.toISOString() } : {}),
          rows: b.rows,
        })),
        ...(nextPageToken ? { nextPageToken } : {}),
      };
    },

    /** Escalations to supervisors, newest first: deadline warnings and breaches, overdue prints… */
    async escalations(request: unknown, actor: Actor): Promise<EscalationList> {
      authorize(actor, 'see_escalations');
      const parsed = parseOrThrow(escalationListRequestSchema, request ?? {});
      const page = await stores.escalations.listPage(
        {
          ...(parsed.applicationId ? { applicationId: parsed.applicationId } : {}),
          ...(parsed.batchId ? { batchId: parsed.batchId } : {}),
        },
        parsed.pageSize,
        decodeCursor(parsed.pageToken),
      );
      const nextPageToken = encodeCursor(page.next);
      return {
        items: page.items.map((e) => ({
          escalationId: e._id,
          kind: e.kind,
          ...(e.applicationId ? { applicationId: e.applicationId } : {}),
          ...(e.batchId ? { batchId: e.batchId } : {}),
          occurrence: e.occurrence,
          ...(e.stage ? { stage: e.stage } : {}),
          ...(e.dueAt ? { dueAt: e.dueAt.toISOString() } : {}),
          raisedAt: e.raisedAt.toISOString(),
          ...(e.laggards ? { laggards: e.laggards } : {}),
        })),
        ...(nextPageToken ? { nextPageToken } : {}),
      };
    },
  };
}
export type ListClient = ReturnType<typeof createListClient>;
