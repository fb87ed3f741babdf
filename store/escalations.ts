// Escalations to supervisors and operators (deadline warnings and breaches, overdue prints...), one per key.
import type { Db } from 'mongodb';
import type { EscalationDoc } from '../domain/documents/escalations';
import type { PageCursor } from '../domain/documents/pages';
import { insertOnce } from './mongo';
import { newestFirst } from './pages';
import type { EscalationStore } from './ports/center';

export function createEscalationStore(db: Db): EscalationStore {
  const escalations = db.collection<EscalationDoc>('escalations');
  return {
    raise: (doc: EscalationDoc) => insertOnce(db, 'escalations', doc),
    get: (key: string) => escalations.findOne({ _id: key }),
    forApplication: (applicationId: string) =>
      escalations.find({ applicationId }).sort({ raisedAt: 1 }).toArray(),
    forBatch: (batchId: string) => escalations.find({ batchId }).sort({ raisedAt: 1 }).toArray(),
    listPage: (filter: { applicationId?: string; batchId?: string }, pageSize: number, after?: PageCursor) =>
      newestFirst(escalations, filter, 'raisedAt', pageSize, after),
  };
}
