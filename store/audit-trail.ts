// The append-only audit trail: every transition and action with its actor and time. Entries are keyed by
// application and sequence number, so a retried write cannot add an entry twice.
import type { Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import type { Stage } from '../domain/stages';
import { insertOnce } from './mongo';

export interface AuditEntry {
  _id: string;
  applicationId: string;
  seq: number;
  from: Stage | null;
  to: Stage;
  action?: string;
  actor: Actor;
  at: Date;
  note?: string;
}

export const auditEntryId = (applicationId: string, seq: number): string =>
  `${applicationId}:${String(seq).padStart(5, '0')}`;

export function createAuditTrail(db: Db) {
  const entries = db.collection<AuditEntry>('audit_trail');
  return {
    append: (entry: Omit<AuditEntry, '_id'>) =>
      insertOnce(db, 'audit_trail', { _id: auditEntryId(entry.applicationId, entry.seq), ...entry }),
    /** The trail of one application, in order. */
    list: (applicationId: string) => entries.find({ applicationId }).sort({ seq: 1 }).toArray(),
  };
}
export type AuditTrail = ReturnType<typeof createAuditTrail>;
