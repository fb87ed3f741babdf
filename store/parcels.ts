// Parcels of the online lane: lets a courier's report find its application, and shows "where is my card?" the
// tracking. Booked once by the application's dispatch step; the courier's reports are noted by the API.
import type { Db } from 'mongodb';
import type { CourierEvent } from '../integrations/ports';
import type { ParcelDoc } from '../domain/documents/parcels';
import { byId, insertOnce } from './mongo';
import type { ParcelStore } from './ports/cards';

export function createParcelStore(db: Db): ParcelStore {
  const parcels = db.collection<ParcelDoc>('parcels');
  return {
    get: (parcelId: string) => parcels.findOne(byId(parcelId)),
    forApplication: (applicationId: string) =>
      parcels.find({ applicationId }).sort({ bookedAt: -1 }).limit(1).next(),
    book: (doc: ParcelDoc) => insertOnce(db, 'parcels', doc),
    async dispatched(parcelId: string, trackingNumber: string): Promise<void> {
      await parcels.updateOne(byId(parcelId), { $set: { trackingNumber } });
    },
    async note(parcelId: string, event: CourierEvent, at: Date, attempt?: number): Promise<void> {
      const failed = event === 'attempt_failed' ? 1 : 0;
      await parcels.updateOne(byId(parcelId), {
        $set: { status: event },
        $inc: { failedAttempts: failed },
        $addToSet: { events: { event, at, ...(attempt ? { attempt } : {}) } },
      });
    },
  };
}
