// Activities only the card workflows of release 0.1.0 call (their record keeping, step by step). They write the
// same record as today's workflows do, so such an application finishes with a whole record. Remove them with the
// `records-v2` patch, once no workflow of that release runs (see workflows/card-application/workflow.ts).
import { Context } from '@temporalio/activity';
import type { Stage } from '../domain/stages';
import type { StepRecord } from '../domain/status';
import type { PrintReport } from '../domain/messages';
import type { Outcome, SlaState } from '../domain/stages';
import type { LegacyPort } from '../store/ports/activities';
import { fatal } from './failures';
import { settlePrintReport } from './printing';

export interface TransitionRecord {
  applicationId: string;
  step: StepRecord;
  from: Stage | null;
  sla?: SlaState;
  dueAt?: string;
  returnCount: number;
  expedited: boolean;
  outcome?: Outcome;
}

export function createLegacyActivities({ stores }: { stores: LegacyPort }) {
  return {
    /** One step of a 0.1.0 workflow: a record write of that step alone, after every step before it. */
    async recordTransition(t: TransitionRecord): Promise<void> {
      const doc = await stores.applications.get(t.applicationId);
      if (!doc) fatal('APPLICATION_NOT_FOUND');
      const record = await stores.records.get(t.applicationId);
      const { step } = t;
      await stores.records.write({
        applicationId: t.applicationId,
        fence: 0,
        fields: {
          workflowId: doc.workflowId,
          runId: Context.current().info.workflowExecution?.runId ?? '',
          unitId: doc.unitId,
          ...(doc.batchId ? { batchId: doc.batchId } : {}),
          mode: doc.mode,
          revision: record?.revision ?? 1,
          stage: step.stage,
          ...(t.sla ? { sla: t.sla } : {}),
          ...(t.dueAt ? { dueAt: t.dueAt } : {}),
          returnCount: t.returnCount,
          expedited: t.expedited,
          ...(t.outcome ? { outcome: t.outcome } : {}),
          ...(record?.acceptedAt ? { acceptedAt: record.acceptedAt.toISOString() } : {}),
          ...(step.stage === 'awaiting_collection' && !step.action ? { notifiedAt: step.at } : {}),
          updatedAt: step.at,
        },
        entries: [
          {
            seq: step.seq,
            from: t.from,
            to: step.stage,
            ...(step.action ? { action: step.action } : {}),
            actor: step.actor,
            at: step.at,
            ...(step.note ? { note: step.note } : {}),
          },
        ],
        trailLength: step.seq,
      });
    },

    /** 0.1.0 checked a resubmitted revision before auditing it; today's audit does both. */
    async applyResubmission({
      applicationId,
      revision,
    }: {
      applicationId: string;
      revision: number;
    }): Promise<{ ok: true } | { ok: false; code: 'REVISION_NOT_FOUND' | 'RESUBMIT_CHANGES_PERSON' }> {
      const doc = await stores.applications.get(applicationId);
      const next = await stores.applications.applicant(applicationId, revision);
      if (!doc || !next) return { ok: false, code: 'REVISION_NOT_FOUND' };
      if (next.residentId !== doc.applicant.residentId) return { ok: false, code: 'RESUBMIT_CHANGES_PERSON' };
      await stores.records.noteRevision(applicationId, revision);
      return { ok: true };
    },

    recordPrintReport: (input: { applicationId: string; cardId: string; report: PrintReport; at: string }) =>
      settlePrintReport(stores, input),
  };
}
