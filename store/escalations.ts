// Escalations to supervisors and operators (deadline warnings and breaches, overdue prints...), one per key.
import type { Db } from 'mongodb';
import { insertOnce } from './mongo';
import { newestFirst, type PageCursor } from './pages';

export interface EscalationDoc {
  _id: string;
  applicationId?: string;
  batchId?: string;
  kind: string;
  occurrence: number;
  stage?: string;
  dueAt?: Date;
  raisedAt: Date;
  /** For batch escalations: the applications holding the batch back. */
  laggards?: string[];
}

export function createEscalationStore(db: Db) {
  const escalations = db.collection<EscalationDoc>('escalations');
  return {
    raise: (doc: EscalationDoc) => insertOnce(db, 'escalations', doc),
    get: (key: string) => escalations.findOne({ _id: key }),
    forApplication: (applicationId: string) =>
      escalations.find({ applicationId }).sort({ raisedAt: 1 }).toArray(),
    forBatch: (batchId: string) => escalations.find({ batchId }).sort({ raisedAt: 1 }).toArray(),
    recent: (limit: number) => escalations.find({}).sort({ raisedAt: -1 }).limit(limit).toArray(),
    listPage: (filter: { applicationId?: string; batchId?: string }, pageSize: number, after?: PageCursor) =>
      newestFirst(escalations, filter, 'raisedAt', pageSize, after),
  };
}
export type EscalationStore = ReturnType<typeof createEscalationStore>;
