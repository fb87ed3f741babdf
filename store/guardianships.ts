// Guardians' rights over minors' cards (domain/documents/guardianships.ts). The acceptance of a guardian's
// application records them; the coming-of-age hand-over ends them, once: a record never reopens an ended one.
import type { Db } from 'mongodb';
import type { GuardianshipDoc } from '../domain/documents/guardianships';
import { isDuplicateKey } from './mongo';
import { oldestFirstAfter } from './pages';
import type { GuardianshipStore } from './ports/guardianships';

export function createGuardianshipStore(db: Db): GuardianshipStore {
  const guardianships = db.collection<GuardianshipDoc>('guardianships');
  return {
    async record(doc) {
      const { _id, ...fields } = doc;
      try {
        await guardianships.updateOne(
          { _id, handedOverAt: { $exists: false } },
          { $set: fields },
          { upsert: true },
        );
      } catch (error) {
        // Handed over already: the upsert's insert meets the ended document, which stays as it is.
        if (!isDuplicateKey(error)) throw error;
      }
    },
    get: (personKey) => guardianships.findOne({ _id: personKey }),
    dueBy: (day, limit, after) =>
      guardianships
        .find({
          handedOverAt: { $exists: false },
          adultOn: { $lte: day },
          ...oldestFirstAfter<GuardianshipDoc>(
            'adultOn',
            after && { at: after.adultOn, id: after.personKey },
          ),
        })
        .sort({ adultOn: 1, _id: 1 })
        .limit(limit)
        .toArray(),
    async handOver(personKey, at) {
      const result = await guardianships.updateOne(
        { _id: personKey, handedOverAt: { $exists: false } },
        { $set: { handedOverAt: at } },
      );
      return result.modifiedCount === 1;
    },
  };
}
