// Applications as submitted, their records and audit trails, the enrollment record, collectors and photos, as
// sscard's code may use them: the contracts store/ implements over MongoDB. Callers name the part they need
// (./activities.ts, ./client.ts); who writes which document is in docs/records.md.
import type { Actor } from '../../domain/actors';
import type { Applicant } from '../../domain/applicant';
import type { IssuanceMode } from '../../domain/application';
import type { BatchCounts } from '../../domain/batch-progress';
import type { ComplianceRecord } from '../../domain/compliance';
import type { ApplicationDoc, RevisionDoc } from '../../domain/documents/applications';
import type { CollectorDoc } from '../../domain/documents/collectors';
import type { EnrollmentDoc } from '../../domain/documents/enrollments';
import type { PhotoDoc } from '../../domain/documents/photos';
import type { RecordDoc, RecordWrite, TrailEntry } from '../../domain/documents/records';

/** Submissions and their corrected revisions: written once each, never changed. */
export interface ApplicationStore {
  get(applicationId: string): Promise<ApplicationDoc | null>;
  /** Records a new submission; the same ID twice is the same submission. */
  create(doc: ApplicationDoc): Promise<'inserted' | 'existed'>;
  /** Records a batch's submissions at once; rows already there (a retried staging) are kept as they are. */
  createMany(docs: ApplicationDoc[]): Promise<void>;
  /** Removes the submissions of a batch that never started. */
  discardBatch(batchId: string): Promise<void>;
  /** Removes a submission whose workflow never started, so nothing half-made is left behind. */
  remove(applicationId: string): Promise<void>;
  /** Stores corrected data as the next revision after `after` and returns its number. */
  addRevision(
    applicationId: string,
    after: number,
    applicant: Applicant,
    by: Actor,
    note?: string,
  ): Promise<number>;
  /** The applicant's data in a revision (1: as submitted), or undefined when there is no such revision. */
  applicant(applicationId: string, revision: number): Promise<Applicant | undefined>;
  /** Every revision after the first, in order. */
  revisionsOf(applicationId: string): Promise<RevisionDoc[]>;
  /** How many submissions a batch staged. */
  countForBatch(batchId: string): Promise<number>;
}

/**
 * The applicant's data in the revision the application works on: `revision` when the caller knows it, otherwise the
 * one its record names (1 before the record exists).
 */
export type CurrentApplicant = (applicationId: string, revision?: number) => Promise<Applicant | undefined>;

/** Where each application stands, with its audit trail: written by the application's workflow alone. */
export interface RecordStore {
  /** The record without its trail. */
  get(applicationId: string): Promise<Omit<RecordDoc, 'trail'> | null>;
  /** Applies the workflow's write, unless a later one is already stored. */
  write(write: RecordWrite): Promise<'written' | 'stale'>;
  /** Release 0.1.0 workflows only: they name the revision they work on apart from their steps. */
  noteRevision(applicationId: string, revision: number): Promise<void>;
  /** The audit trail of one application, in order: the steps on its workflow's path. */
  trail(applicationId: string): Promise<TrailEntry[]>;
  /** The batch's applications counted by where they stand; `started` counts the ones with no record yet. */
  countsForBatch(batchId: string, started: number): Promise<BatchCounts>;
  /** The batch's applications not yet notified and not closed: how many, and the first few. */
  laggardsOf(batchId: string, limit: number): Promise<{ total: number; sample: string[] }>;
  /** Applications accepted in [from, to), lightly, for the compliance report. */
  acceptedBetween(
    from: Date,
    to: Date,
    filter: { unitId?: string; mode?: IssuanceMode },
  ): Promise<ComplianceRecord[]>;
  /** The applications of a batch whose card waits for collection. */
  awaitingCollectionIn(batchId: string): Promise<string[]>;
  /** A batch's records, lightly: for its report. */
  forBatch(
    batchId: string,
  ): Promise<
    Pick<RecordDoc, '_id' | 'stage' | 'outcome' | 'sla' | 'returnCount' | 'notifiedAt' | 'workingDaysUsed'>[]
  >;
  /** Where each application stands and when it last moved, in the order asked (a list's items). */
  listedOf(applicationIds: string[]): Promise<(Pick<RecordDoc, 'stage' | 'updatedAt'> | undefined)[]>;
}

/** The official enrollment record the audit produces, one per application. */
export interface EnrollmentStore {
  get(applicationId: string): Promise<EnrollmentDoc | null>;
  /** An audited revision; approved by `approvedBy` (the system, when no rule flagged it) it is official at once. */
  recordAudit(doc: Omit<EnrollmentDoc, 'status' | 'approvedAt'>): Promise<void>;
  makeOfficial(applicationId: string, revision: number, approvedBy: Actor, at: Date): Promise<void>;
}

/** Who collected a card, written once by the client before it registers the collection. */
export interface CollectorStore {
  /** Keeps a collector and returns the reference the workflow carries; a request sent again keeps its first. */
  add(doc: Omit<CollectorDoc, '_id'>, requestId?: string): Promise<string>;
  get(ref: string): Promise<CollectorDoc | null>;
  /** A registration the workflow refused: its collector goes too. */
  remove(ref: string): Promise<void>;
}

/** Applicants' photos, sealed; written once, never changed. */
export interface PhotoStore {
  add(doc: PhotoDoc): Promise<void>;
  get(photoId: string): Promise<PhotoDoc | null>;
  /** Whose photo it is (a person key), without its bytes. */
  ownerOf(photoId: string): Promise<string | undefined>;
}
