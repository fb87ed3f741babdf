// The official enrollment record the audit produces: the applicant's data as audited, the rules' findings and
// who approved it. One record per application, rewritten for each audited revision.
import type { Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import type { EnrollmentDoc } from '../domain/documents/enrollments';
import { insertOnce } from './mongo';
import type { EnrollmentStore } from './ports/applications';

export function createEnrollmentStore(db: Db): EnrollmentStore {
  const enrollments = db.collection<EnrollmentDoc>('enrollments');
  return {
    get: (applicationId: string) => enrollments.findOne({ _id: applicationId }),
    /** An audited revision; approved by `approvedBy` (the system, when no rule flagged it) it is official at once. */
    async recordAudit(doc: Omit<EnrollmentDoc, 'status' | 'approvedAt'>): Promise<void> {
      const record: Omit<EnrollmentDoc, '_id'> & { _id: string } = doc.approvedBy
        ? { ...doc, status: 'official', approvedAt: doc.auditedAt }
        : { ...doc, status: 'audited' };
      // The first revision is inserted; a later one replaces an earlier one; the same revision again changes
      // nothing. (Insert first rather than upsert: FerretDB runs upserts as collection scans.)
      if ((await insertOnce(db, 'enrollments', record)) === 'inserted') return;
      await enrollments.updateOne(
        { _id: doc._id, revision: { $lt: doc.revision } },
        {
          $set: record,
          ...(doc.approvedBy ? {} : { $unset: { approvedBy: '', approvedAt: '' } }),
        },
      );
    },
    async makeOfficial(applicationId: string, revision: number, approvedBy: Actor, at: Date): Promise<void> {
      await enrollments.updateOne(
        { _id: applicationId, revision, status: 'audited' },
        { $set: { status: 'official', approvedBy, approvedAt: at } },
      );
    },
  };
}
