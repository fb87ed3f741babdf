// Applications as submitted (the applicant's data, with every corrected revision) and where each one stands:
// the projection the workflow keeps up to date at every transition.
import type { Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import type { Applicant } from '../domain/applicant';
import type { IssuanceMode } from '../domain/application';
import type { Outcome, SlaState, Stage } from '../domain/stages';
import type { StepRecord } from '../domain/status';
import { byId, isDuplicateKey } from './mongo';

export interface RevisionDoc {
  revision: number;
  applicant: Applicant;
  submittedAt: Date;
  submittedBy: Actor;
  note?: string;
}

export interface ApplicationDoc {
  _id: string;
  personKey: string;
  workflowId: string;
  /** The run of this application: the workflow ID is the person's, and later applications reuse it. */
  runId?: string;
  unitId: string;
  region: string;
  mode: IssuanceMode;
  batchId?: string;
  /** The revision the workflow works on; later ones wait to be applied on resubmission. */
  revision: number;
  revisions: RevisionDoc[];
  submittedAt: Date;
  submittedBy: Actor;
  acceptedAt?: Date;
  /** When the unit and the person were told the card is ready: the end of the legal clock. */
  notifiedAt?: Date;
  stage: Stage | 'submitted';
  sla?: SlaState;
  dueAt?: Date;
  returnCount: number;
  expedited: boolean;
  outcome?: Outcome;
  /** Sequence number of the last step applied: a retried write never moves the projection backwards. */
  lastSeq: number;
  updatedAt: Date;
}

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

export function createApplicationStore(db: Db) {
  const applications = db.collection<ApplicationDoc>('applications');
  return {
    collection: applications,
    get: (applicationId: string) => applications.findOne({ _id: applicationId }),

    /** Records a new submission; the same ID twice is the same submission. */
    async create(doc: ApplicationDoc): Promise<'created' | 'existed'> {
      try {
        await applications.insertOne(doc);
        return 'created';
      } catch (error) {
        if (isDuplicateKey(error)) return 'existed';
        throw error;
      }
    },

    async setRunId(applicationId: string, runId: string): Promise<void> {
      await applications.updateOne(byId(applicationId), { $set: { runId } });
    },

    async remove(applicationId: string): Promise<void> {
      await applications.deleteOne({ _id: applicationId, stage: 'submitted' });
    },

    /** Stores corrected data as the next revision; the workflow applies it when it accepts the resubmission. */
    async addRevision(
      applicationId: string,
      applicant: Applicant,
      by: Actor,
      note?: string,
    ): Promise<number> {
      for (;;) {
        const current = await applications.findOne({ _id: applicationId }, { projection: { revisions: 1 } });
        if (!current) throw new Error('application not found');
        const revision = Math.max(...current.revisions.map((r) => r.revision)) + 1;
        // Optimistic: only succeeds if nobody added the same revision number meanwhile.
        const result = await applications.updateOne(
          { _id: applicationId, 'revisions.revision': { $ne: revision } },
          {
            $push: {
              revisions: {
                revision,
                applicant,
                submittedAt: new Date(),
                submittedBy: by,
                ...(note ? { note } : {}),
              },
            },
          },
        );
        if (result.modifiedCount === 1) return revision;
      }
    },

    async setCurrentRevision(applicationId: string, revision: number): Promise<void> {
      await applications.updateOne(byId(applicationId), { $set: { revision, updatedAt: new Date() } });
    },

    async markAccepted(applicationId: string, acceptedAt: Date): Promise<void> {
      await applications.updateOne(
        { _id: applicationId, acceptedAt: { $exists: false } },
        { $set: { acceptedAt } },
      );
    },

    async project(t: TransitionRecord): Promise<void> {
      await applications.updateOne(
        { _id: t.applicationId, lastSeq: { $lt: t.step.seq } },
        {
          $set: {
            stage: t.step.stage,
            lastSeq: t.step.seq,
            returnCount: t.returnCount,
            expedited: t.expedited,
            updatedAt: new Date(t.step.at),
            ...(t.sla ? { sla: t.sla } : {}),
            ...(t.dueAt ? { dueAt: new Date(t.dueAt) } : {}),
            ...(t.outcome ? { outcome: t.outcome } : {}),
            ...(t.step.stage === 'awaiting_collection' && !t.step.action
              ? { notifiedAt: new Date(t.step.at) }
              : {}),
          },
        },
      );
    },
  };
}
export type ApplicationStore = ReturnType<typeof createApplicationStore>;

export function currentApplicant(doc: ApplicationDoc, revision = doc.revision): Applicant | undefined {
  return doc.revisions.find((r) => r.revision === revision)?.applicant;
}
