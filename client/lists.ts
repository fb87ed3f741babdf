// Lists and operator queues. Application queues are Temporal visibility queries over sscard's search attributes
// (no personal data, and no scan of the records); batches and escalations are read from their own records.
import { isGrpcServiceError } from '@temporalio/client';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../domain/actors';
import { addCalendarDays, startOfShanghaiDay } from '../domain/calendar/shanghai-time';
import { ISSUANCE_MODES } from '../domain/application';
import {
  complianceCsv,
  complianceReport,
  type ComplianceReport,
  complianceRequestSchema,
} from '../domain/compliance';
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
import { isTerminal, shownUnder, SLA_STATES, type SlaState, type Stage, STAGES } from '../domain/stages';
import type { Page, PageCursor } from '../domain/documents/pages';
import { SA } from '../workflows/search-attributes';
import type { ListsPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { quoted } from './visibility-query';
import { parseOrThrow, temporalUnavailable } from './errors';

const QUEUE_CONDITIONS: Record<Queue, string> = {
  awaiting_review: `SscardStage = 'awaiting_review'`,
  returned: `SscardStage = 'returned'`,
  at_risk: `SscardSla = 'warning'`,
  breached: `SscardSla = 'breached'`,
  awaiting_collection: `SscardStage = 'awaiting_collection'`,
};
const APPLICATIONS = `SscardKind = 'application'`;
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
  if (filter.stage) terms.push(`SscardStage IN (${shownUnder(filter.stage).map(quoted).join(', ')})`);
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

/**
 * Page tokens are signed and bound to their list and query (HMAC under a key derived from the person-key secret),
 * so a token of one list cannot page through another and a made-up one is refused before any store sees it.
 */
function pageTokens(secret: Buffer) {
  const key = createHmac('sha256', secret).update('sscard page tokens').digest();
  const mac = (scope: string, data: string) =>
    createHmac('sha256', key).update(`${scope}\n${data}`).digest('base64url').slice(0, 22);
  const sign = (scope: string, data: string) => `${data}.${mac(scope, data)}`;
  const open = (scope: string, token: string): string => {
    const [data, tag, ...rest] = token.split('.');
    const expected = data ? mac(scope, data) : '';
    if (!data || !tag || rest.length > 0 || tag.length !== expected.length) throw badToken();
    if (!timingSafeEqual(Buffer.from(tag), Buffer.from(expected))) throw badToken();
    return data;
  };
  return {
    visibility(query: string, token: Uint8Array | null | undefined): string | undefined {
      if (!token || token.length === 0) return undefined;
      return sign(`visibility\n${query}`, Buffer.from(token).toString('base64url'));
    },
    openVisibility(query: string, token: string | undefined): Buffer | undefined {
      return token === undefined ? undefined : Buffer.from(open(`visibility\n${query}`, token), 'base64url');
    },
    cursor(list: string, cursor: PageCursor | undefined): string | undefined {
      if (!cursor) return undefined;
      const data = Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString('base64url');
      return sign(`cursor\n${list}`, data);
    },
    openCursor(list: string, token: string | undefined): PageCursor | undefined {
      if (token === undefined) return undefined;
      const data = open(`cursor\n${list}`, token);
      try {
        const [at, id] = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as unknown[];
        if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)))
          return { at: new Date(at), id };
      } catch {
        // refused below
      }
      throw badToken();
    },
  };
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

export function createListClient({ temporal, stores, keyring }: ClientDeps<ListsPort>) {
  const namespace = temporal.options.namespace;
  const tokens = pageTokens(keyring.personKeySecret);

  /**
   * One page of a list read from sscard's own records, newest first: `read` gets where the page token says the page
   * begins (a token is bound to its `list`, the list's name and filter), `show` turns each document into an item.
   */
  async function cursorPage<Doc, Item>(
    list: string,
    pageToken: string | undefined,
    read: (after: PageCursor | undefined) => Promise<Page<Doc>>,
    show: (doc: Doc) => Item,
  ): Promise<{ items: Item[]; nextPageToken?: string }> {
    const page = await read(tokens.openCursor(list, pageToken));
    const nextPageToken = tokens.cursor(list, page.next);
    return { items: page.items.map(show), ...(nextPageToken ? { nextPageToken } : {}) };
  }

  async function acceptedIn(request: unknown, actor: Actor) {
    const parsed = parseOrThrow(complianceRequestSchema, request ?? {});
    const unitId = unitScope(actor, parsed.unitId);
    const records = await stores.records.acceptedBetween(
      startOfShanghaiDay(parsed.from),
      startOfShanghaiDay(addCalendarDays(parsed.to, 1)),
      { ...(unitId ? { unitId } : {}), ...(parsed.mode ? { mode: parsed.mode } : {}) },
    );
    return { parsed: { ...parsed, ...(unitId ? { unitId } : {}) }, records };
  }

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
          nextPageToken: tokens.openVisibility(query, parsed.pageToken),
        });
      } catch (error) {
        // A token sscard signed that visibility no longer takes (expired, or the store changed): start again.
        if (parsed.pageToken !== undefined && isGrpcServiceError(error) && !temporalUnavailable(error))
          throw badToken();
        throw error;
      }
      const items: (Omit<ApplicationListItem, 'updatedAt'> & { startedAt?: Date })[] = [];
      for (const execution of page.executions) {
        const attributes = decodeTypedSearchAttributes(execution.searchAttributes?.indexedFields);
        const applicationId = attributes.get(SA.applicationId);
        const stage = attributes.get(SA.stage);
        const mode = attributes.get(SA.mode);
        const unit = attributes.get(SA.unit);
        if (!applicationId || !oneOf(STAGES, stage) || !oneOf(ISSUANCE_MODES, mode) || !unit) continue;
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
      // The stage and the time of the last step are the records', read by primary key one by one (FerretDB runs
      // `$in` on _id as a collection scan: 370 ms at 10,000 applications). Visibility has no such time, and shows a
      // passing stage as printing (domain/stages.ts), so a list by stage asks it for those too and keeps only the
      // applications whose record is in the stage asked: such a page may hold fewer items than its size.
      const listed = await stores.records.listedOf(items.map((item) => item.applicationId));
      const nextPageToken = tokens.visibility(query, page.nextPageToken);
      return {
        items: items
          .map(({ startedAt, ...item }, i) => ({
            ...item,
            stage: listed[i]?.stage ?? item.stage,
            updatedAt: (listed[i]?.updatedAt ?? startedAt ?? new Date(0)).toISOString(),
          }))
          .filter((item) => !parsed.stage || item.stage === parsed.stage),
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
      return cursorPage(
        `batches\n${unitId ?? '*'}`,
        parsed.pageToken,
        (after) => stores.batches.listPage(unitId ? { unitId } : {}, parsed.pageSize, after),
        (b) => ({
          batchId: b._id,
          unitId: b.unitId,
          status: b.status,
          submittedAt: b.submittedAt.toISOString(),
          ...(b.acceptedAt ? { acceptedAt: b.acceptedAt.toISOString() } : {}),
          rows: b.rows,
        }),
      );
    },

    /** Deadline compliance of the applications accepted in a range of days; a clerk sees their own unit's. */
    async compliance(request: unknown, actor: Actor): Promise<ComplianceReport> {
      const { parsed, records } = await acceptedIn(request, actor);
      return complianceReport(parsed, records, new Date());
    },

    /** The same applications, one CSV line each (IDs, days and states only). */
    async complianceCsv(request: unknown, actor: Actor): Promise<string> {
      return complianceCsv((await acceptedIn(request, actor)).records);
    },

    /** Escalations to supervisors, newest first: deadline warnings and breaches, overdue prints… */
    async escalations(request: unknown, actor: Actor): Promise<EscalationList> {
      authorize(actor, 'see_escalations');
      const parsed = parseOrThrow(escalationListRequestSchema, request ?? {});
      const filter = {
        ...(parsed.applicationId ? { applicationId: parsed.applicationId } : {}),
        ...(parsed.batchId ? { batchId: parsed.batchId } : {}),
      };
      return cursorPage(
        `escalations\n${parsed.applicationId ?? '*'}\n${parsed.batchId ?? '*'}`,
        parsed.pageToken,
        (after) => stores.escalations.listPage(filter, parsed.pageSize, after),
        (e) => ({
          escalationId: e._id,
          kind: e.kind,
          ...(e.applicationId ? { applicationId: e.applicationId } : {}),
          ...(e.batchId ? { batchId: e.batchId } : {}),
          occurrence: e.occurrence,
          ...(e.stage ? { stage: e.stage } : {}),
          ...(e.dueAt ? { dueAt: e.dueAt.toISOString() } : {}),
          raisedAt: e.raisedAt.toISOString(),
          ...(e.laggards ? { laggards: e.laggards } : {}),
        }),
      );
    },
  };
}
export type ListClient = ReturnType<typeof createListClient>;
