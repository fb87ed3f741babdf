// Batches through the client library: staging a unit's applicants row by row (invalid rows reported with their
// row number and reason, never blocking the valid ones), starting the batch workflow, progress and report.
import { registerCollection } from '../domain/actions/applications';
import {
  type Client,
  QueryNotRegisteredError,
  ServiceError,
  WorkflowIdConflictPolicy,
  WorkflowNotFoundError,
} from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actors';
import { applicantOfRow, applicantSchema } from '../domain/applicant';
import { type BatchInput, batchSubmissionSchema, type BatchTuning, batchTuningSchema } from '../domain/batch';
import { type BatchProgress } from '../domain/batch-progress';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { SscardError } from '../domain/errors';
import { minorRulesFor } from '../domain/deadline-policy';
import { guardianRefusal } from '../domain/minors';
import { batchCollectionBodySchema } from '../domain/messages';
import { cardWorkflowId, personKey } from '../crypto/person-key';
import type { Keyring } from '../crypto/keyring';
import type { BatchesPort } from '../store/ports/client';
import type { ApplicationDoc } from '../domain/documents/applications';
import type { BatchRowDoc, PageRow } from '../domain/documents/batches';
import { rowId } from '../domain/documents/batches';
import { batchProgressQuery } from '../workflows/batch/messages';
import { SA } from '../workflows/search-attributes';
import { type ApplicationClient, authorize } from './applications';
import { fromTemporal, parseOrThrow, validationError, withQueryDeadline } from './errors';

export interface BatchReceipt {
  batchId: string;
  total: number;
  staged: number;
  invalid: { rowNo: number; code: string; problems: { path: string; message: string }[] }[];
  duplicates: { rowNo: number; duplicateOf: number }[];
}

export const batchWorkflowId = (batchId: string): string => `batch-${batchId}`;

export function createBatchClient(
  {
    temporal,
    stores,
    keyring,
    taskQueue,
  }: {
    temporal: Client;
    stores: BatchesPort;
    keyring: Keyring;
    taskQueue: string;
  },
  applications: ApplicationClient,
) {
  async function load(batchId: string, actor: Actor) {
    const batch = await stores.batches.get(batchId);
    if (!batch) throw new SscardError('BATCH_NOT_FOUND');
    authorize(actor, 'read', { unitId: batch.unitId });
    return batch;
  }

  return {
    async submit(
      input: unknown,
      actor: Actor,
      tuningInput: Partial<BatchTuning> = {},
    ): Promise<BatchReceipt> {
      const submission = parseOrThrow(batchSubmissionSchema, input);
      const tuning = parseOrThrow(batchTuningSchema, tuningInput);
      authorize(actor, 'submit', { unitId: submission.unitId });
      const unit = await stores.units.get(submission.unitId);
      if (!unit) throw new SscardError('UNIT_UNKNOWN');
      if (unit.status !== 'active') throw new SscardError('UNIT_NOT_ACTIVE');

      const batchId = `B${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const submittedAt = new Date();
      const today = shanghaiDate(submittedAt);
      const minorRules = minorRulesFor(await stores.policies.all(), unit.region, today);
      const rows: BatchRowDoc[] = [];
      const staged: PageRow[] = [];
      const applications: ApplicationDoc[] = [];
      const receipt: BatchReceipt = {
        batchId,
        total: submission.applicants.length,
        staged: 0,
        invalid: [],
        duplicates: [],
      };
      const firstRowOf = new Map<string, number>();
      submission.applicants.forEach((raw, index) => {
        const rowNo = index + 1;
        const parsed = applicantSchema.safeParse(applicantOfRow(raw));
        // A row the schema refuses, or a minor's row without their guardian (domain/minors.ts), is invalid.
        const refusal = parsed.success ? guardianRefusal(parsed.data, minorRules, today) : undefined;
        if (!parsed.success || refusal) {
          const error = parsed.success ? undefined : validationError(parsed.error);
          const code = error?.code ?? refusal!.code;
          const problems = error
            ? (error.details as { issues: { path: string; message: string; code?: string }[] }).issues
            : [{ path: 'guardian', message: refusal!.message, code }];
          rows.push({
            _id: rowId(batchId, rowNo),
            batchId,
            rowNo,
            status: 'invalid',
            problems,
            submitted: raw,
          });
          receipt.invalid.push({ rowNo, code, problems });
          return;
        }
        const key = personKey(parsed.data.residentId, keyring.personKeySecret);
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          rows.push({
            _id: rowId(batchId, rowNo),
            batchId,
            rowNo,
            status: 'duplicate_in_batch',
            personKey: key,
            duplicateOf: first,
          });
          receipt.duplicates.push({ rowNo, duplicateOf: first });
          return;
        }
        firstRowOf.set(key, rowNo);
        const applicationId = `A${batchId.slice(1)}R${rowNo}`;
        rows.push({
          _id: rowId(batchId, rowNo),
          batchId,
          rowNo,
          status: 'staged',
          applicationId,
          personKey: key,
        });
        staged.push({ rowNo, applicationId, personKey: key });
        applications.push({
          _id: applicationId,
          personKey: key,
          workflowId: cardWorkflowId(key),
          unitId: unit._id,
          region: unit.region,
          mode: 'batch',
          batchId,
          applicant: parsed.data,
          submittedAt,
          submittedBy: actor,
        });
      });
      receipt.staged = staged.length;

      // Nothing half-made stays behind: a submission that fails leaves no application, row or batch, and the
      // unit's retry starts afresh.
      const discard = async () => {
        await stores.batches.discard(batchId).catch(() => undefined);
        await stores.applications.discardBatch(batchId).catch(() => undefined);
      };
      try {
        await stores.applications.createMany(applications);
        await stores.batches.stage(
          {
            _id: batchId,
            unitId: unit._id,
            region: unit.region,
            submittedBy: actor,
            submittedAt,
            status: 'staged',
            pageSize: tuning.pageSize,
            pages: Math.ceil(staged.length / tuning.pageSize),
            rows: {
              total: receipt.total,
              staged: staged.length,
              invalid: receipt.invalid.length,
              duplicates: receipt.duplicates.length,
              started: 0,
              inFlightElsewhere: 0,
            },
          },
          rows,
          staged,
        );
      } catch (error) {
        await discard();
        throw error;
      }
      const workflowInput: BatchInput = { batchId, unitId: unit._id, region: unit.region, tuning };
      try {
        await temporal.workflow.start('cardBatch', {
          workflowId: batchWorkflowId(batchId),
          taskQueue,
          args: [workflowInput],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          typedSearchAttributes: [
            { key: SA.kind, value: 'batch' },
            { key: SA.batch, value: batchId },
            { key: SA.unit, value: unit._id },
            { key: SA.mode, value: 'batch' },
            { key: SA.region, value: unit.region },
            { key: SA.stage, value: 'starting' },
            { key: SA.applicants, value: receipt.total },
          ],
          staticSummary: `Batch ${batchId} · unit ${unit._id} · ${receipt.total} applicants`,
          staticDetails: `${staged.length} staged, ${receipt.invalid.length} invalid rows, ${receipt.duplicates.length} duplicates (30 working days)`,
        });
      } catch (error) {
        // Only a batch whose workflow surely did not start is discarded; an answer lost on the way is not that.
        const started = await temporal.workflow
          .getHandle(batchWorkflowId(batchId))
          .describe()
          .then(
            () => true,
            (lookup: unknown) => !(lookup instanceof WorkflowNotFoundError),
          );
        if (!started) await discard();
        return fromTemporal(error);
      }
      return receipt;
    },

    /**
     * Where the batch stands. Phase, deadline and milestones are the workflow's; the counts are read live from
     * the applications' records, so a unit sees its applications move while they move, not at the next poll.
     */
    async progress(batchId: string, actor: Actor): Promise<BatchProgress> {
      const batch = await load(batchId, actor);
      const progress = await withQueryDeadline(temporal, () =>
        temporal.workflow.getHandle(batchWorkflowId(batchId)).query(batchProgressQuery),
      ).catch((error: unknown) => {
        // The workflow answers queries between its tasks; just submitted (before its first task), between two
        // runs (continue-as-new) or past the deadline it cannot, and the batch record answers instead.
        if (!(error instanceof QueryNotRegisteredError || error instanceof ServiceError))
          return fromTemporal(error);
        return undefined;
      });
      const rows = progress?.rows ?? {
        total: batch.rows.total,
        invalid: batch.rows.invalid,
        duplicates: batch.rows.duplicates,
        inFlightElsewhere: batch.rows.inFlightElsewhere,
        started: batch.rows.started,
      };
      const counts = await stores.records.countsForBatch(batchId, rows.started);
      return {
        batchId,
        unitId: batch.unitId,
        // Without the workflow's word, the record's: still starting while any staged row waits for its page.
        phase:
          progress?.phase ?? (batch.status === 'staged' || batch.rows.staged > 0 ? 'starting' : batch.status),
        rows,
        counts,
        ...(progress?.deadline ? { deadline: progress.deadline } : {}),
        milestones: progress?.milestones ?? [],
        runs: progress?.runs ?? 0,
      };
    },

    /** The batch report for the unit and the center: rows, stages, outcomes and working days used. */
    async report(batchId: string, actor: Actor) {
      const batch = await load(batchId, actor);
      const rows = await stores.batches.rowsWithStatus(batchId, [
        'invalid',
        'duplicate_in_batch',
        'in_flight_elsewhere',
      ]);
      const apps = await stores.records.forBatch(batchId);
      // Working days used, as each application's own clock counted them when it stopped at the notification.
      const usedHistogram: Record<string, number> = {};
      for (const app of apps) {
        if (app.workingDaysUsed === undefined) continue;
        const used = String(app.workingDaysUsed);
        usedHistogram[used] = (usedHistogram[used] ?? 0) + 1;
      }
      const count = (pick: (a: (typeof apps)[number]) => string | undefined) =>
        apps.reduce<Record<string, number>>((acc, a) => {
          const k = pick(a);
          if (k) acc[k] = (acc[k] ?? 0) + 1;
          return acc;
        }, {});
      return {
        batchId,
        unitId: batch.unitId,
        submittedAt: batch.submittedAt.toISOString(),
        acceptedAt: batch.acceptedAt?.toISOString(),
        status: batch.status,
        // In the receipt's terms: staged is what was taken in (started, in flight elsewhere, or still waiting for
        // its page), whatever has happened to it since.
        rows: {
          total: batch.rows.total,
          staged: batch.rows.total - batch.rows.invalid - batch.rows.duplicates,
          invalid: batch.rows.invalid,
          duplicates: batch.rows.duplicates,
          started: batch.rows.started,
          inFlightElsewhere: batch.rows.inFlightElsewhere,
          waitingToStart: batch.rows.staged,
        },
        byStage: count((a) => a.stage),
        byOutcome: count((a) => a.outcome ?? 'open'),
        bySla: count((a) => a.sla),
        returned: apps.filter((a) => a.returnCount > 0).length,
        workingDaysUsed: usedHistogram,
        problems: rows.map((r) => ({
          rowNo: r.rowNo,
          status: r.status,
          ...(r.problems ? { problems: r.problems } : {}),
          ...(r.duplicateOf ? { duplicateOf: r.duplicateOf } : {}),
        })),
      };
    },

    /**
     * The unit's agent collected the batch's ready cards (all of them, or those listed): each is registered as
     * at a counter, a few at a time; what is refused (not ready, another batch's) is listed with its code.
     */
    async registerCollections(batchId: string, body: unknown, actor: Actor): Promise<BatchCollection> {
      const batch = await load(batchId, actor);
      authorize(actor, 'register_collection', { unitId: batch.unitId });
      const { applicationIds, ...collection } = parseOrThrow(batchCollectionBodySchema, body);
      const ids = applicationIds ?? (await stores.records.awaitingCollectionIn(batchId));
      const done: BatchCollection = { registered: [], refused: [] };
      const one = async (applicationId: string) => {
        try {
          const doc = await stores.applications.get(applicationId);
          if (doc?.batchId !== batchId) throw new SscardError('APPLICATION_NOT_FOUND', 'not in this batch');
          await applications.act(
            registerCollection,
            applicationId,
            { ...collection, relation: 'unit_agent' },
            actor,
          );
          done.registered.push(applicationId);
        } catch (error) {
          if (!(error instanceof SscardError)) throw error;
          done.refused.push({ applicationId, code: error.code });
        }
      };
      for (let i = 0; i < ids.length; i += COLLECTIONS_AT_ONCE)
        await Promise.all(ids.slice(i, i + COLLECTIONS_AT_ONCE).map(one));
      return done;
    },
  };
}

/** Registrations sent at once for a batch: each is an Update its workflow answers after one record write. */
const COLLECTIONS_AT_ONCE = 8;

export interface BatchCollection {
  registered: string[];
  refused: { applicationId: string; code: string }[];
}
export type BatchClient = ReturnType<typeof createBatchClient>;
