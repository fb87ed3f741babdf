// The batch workflow's bookkeeping: acceptance with the batch deadline, pages of staged rows, which rows started,
// progress counted from the applications' records, and the unit's milestone notices.
import type { AcceptancePolicy } from '../domain/acceptance';
import type { Actor } from '../domain/actors';
import { Context } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { CardApplicationInput } from '../domain/application';
import type { RowStatus } from '../domain/batch';
import type { BatchCounts } from '../domain/batch-progress';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { selectPolicy } from '../domain/deadline-policy';
import type { Notifier } from '../integrations/ports';
import type { BatchStepsPort } from '../store/ports/activities';
import { runningRunOf, startApplicationWorkflow } from '../client/start-application';
import { callPartner, fatal } from './failures';

export function createBatchActivities({ stores, notifier }: { stores: BatchStepsPort; notifier: Notifier }) {
  return {
    async acceptBatch({
      batchId,
      at,
    }: {
      batchId: string;
      at: string;
    }): Promise<{ acceptedAt: string; pages: number; policy: AcceptancePolicy }> {
      const batch = await stores.batches.accept(batchId, new Date(at));
      if (!batch) fatal('BATCH_NOT_FOUND');
      const acceptedAt = batch.acceptedAt!.toISOString();
      const policy = selectPolicy(await stores.policies.all(), {
        region: batch.region,
        mode: 'batch',
        on: shanghaiDate(batch.acceptedAt!),
      });
      return {
        acceptedAt,
        pages: batch.pages,
        policy: {
          policyId: policy.id,
          workingDays: policy.workingDays,
          warnWorkingDaysBefore: policy.warnWorkingDaysBefore,
          pauseWhileReturned: policy.pauseWhileReturned,
          returnExpiryWorkingDays: policy.returnExpiryWorkingDays,
        },
      };
    },

    async batchRowsSummary({ batchId }: { batchId: string }): Promise<{
      total: number;
      invalid: number;
      duplicates: number;
      submittedBy: Actor;
      submittedAt: string;
    }> {
      const batch = await stores.batches.get(batchId);
      if (!batch) fatal('BATCH_NOT_FOUND');
      const { total, invalid, duplicates } = batch.rows;
      return {
        total,
        invalid,
        duplicates,
        submittedBy: batch.submittedBy,
        submittedAt: batch.submittedAt.toISOString(),
      };
    },

    /**
     * Starts one page of the batch's applications, `window` at a time, as workflows of their own (not children:
     * the batch's history then grows by one activity per page, and no run ever has pending children). Safe to
     * retry: rows already marked are skipped, and a start that finds the workflow running checks whose it is.
     */
    async startBatchPage(input: {
      batchId: string;
      page: number;
      window: number;
      application: Omit<CardApplicationInput, 'applicationId' | 'personKey'>;
    }): Promise<{ started: number; inFlightElsewhere: number }> {
      const { client: temporal, info } = Context.current();
      const rows = await stores.batches.page(input.batchId, input.page);
      // The page's rows as they stand, kept up to date below, so the answer needs no second read.
      const statuses = await stores.batches.statusesOf(
        input.batchId,
        rows.map((r) => r.rowNo),
      );
      const todo = rows.filter((r) => statuses.get(r.rowNo) === 'staged');
      for (let i = 0; i < todo.length; i += input.window) {
        const marks = await Promise.all(
          todo.slice(i, i + input.window).map(async (row) => {
            const application: CardApplicationInput = {
              ...input.application,
              applicationId: row.applicationId,
              personKey: row.personKey,
            };
            let runId: string | undefined;
            try {
              runId = await startApplicationWorkflow(temporal, info.taskQueue, application);
            } catch (error) {
              if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
              runId = await runningRunOf(temporal, application, error);
            }
            // A person already in flight elsewhere: the row says so, and no submission is left dangling.
            if (!runId) await stores.applications.remove(row.applicationId);
            return {
              rowNo: row.rowNo,
              status: runId ? ('started' as const) : ('in_flight_elsewhere' as const),
            };
          }),
        );
        await stores.batches.markRows(input.batchId, marks);
        for (const mark of marks) statuses.set(mark.rowNo, mark.status);
        Context.current().heartbeat(i);
      }
      await stores.batches.recountRows(input.batchId);
      const count = (status: RowStatus) => [...statuses.values()].filter((s) => s === status).length;
      return { started: count('started'), inFlightElsewhere: count('in_flight_elsewhere') };
    },

    /** Counts the batch's applications from their records, and keeps the count on the batch record. */
    async summarizeBatch({
      batchId,
      final,
      started,
    }: {
      batchId: string;
      final?: boolean;
      /** Applications started so far (those without a record yet count as submitted). */
      started?: number;
    }): Promise<BatchCounts> {
      const batch = started === undefined ? await stores.batches.get(batchId) : undefined;
      const counts = await stores.records.countsForBatch(batchId, started ?? batch?.rows.started ?? 0);
      await stores.batches.saveSummary(batchId, counts, final ? 'notified' : undefined);
      return counts;
    },

    /** The applications holding the batch back: not yet notified and not closed. */
    batchLaggards: ({ batchId, limit }: { batchId: string; limit: number }) =>
      stores.records.laggardsOf(batchId, limit),

    async notifyBatchUnit(input: {
      batchId: string;
      milestone: string;
      at: string;
      params?: Record<string, string>;
    }): Promise<void> {
      const batch = await stores.batches.get(input.batchId);
      if (!batch) fatal('BATCH_NOT_FOUND');
      const unit = await stores.units.get(batch.unitId);
      const key = `${input.batchId}:${input.milestone}:unit`;
      const { messageId } = await callPartner(() =>
        notifier.send({
          key,
          channel: 'portal',
          to: unit?.contact ?? `portal:unit:${batch.unitId}`,
          template: `batch_${input.milestone}`,
          params: { batchId: input.batchId, ...input.params },
        }),
      );
      await stores.notifications.record({
        _id: key,
        batchId: input.batchId,
        kind: `batch_${input.milestone}`,
        audience: 'unit',
        channel: 'portal',
        providerMessageId: messageId,
        sentAt: new Date(input.at),
      });
    },
  };
}
