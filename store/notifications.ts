// The center's log of what it told whom: one entry per idempotency key. Recipients are named by role and
// reference (unit ID, staff queue, application), never by phone number or name.
import type { Db } from 'mongodb';
import type { NotificationDoc } from '../domain/documents/notifications';
import { insertOnce, isDuplicateKey } from './mongo';
import type { NotificationLog } from './ports/center';

export function createNotificationLog(db: Db): NotificationLog {
  const log = db.collection<NotificationDoc>('notifications');
  return {
    record: (doc: NotificationDoc) => insertOnce(db, 'notifications', doc),
    /** Several entries in one round trip; entries already logged (a retry) stay as they were. */
    async recordAll(docs: NotificationDoc[]): Promise<void> {
      try {
        await log.insertMany(docs, { ordered: false });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    forApplication: (applicationId: string) => log.find({ applicationId }).sort({ sentAt: 1 }).toArray(),
  };
}
