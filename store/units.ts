// Insured units (employers) registered with the center.
import type { Db } from 'mongodb';
import type { UnitDoc } from '../domain/documents/units';
import { cached } from './reference-cache';
import type { UnitStore } from './ports/center';

export function createUnitStore(db: Db): UnitStore {
  const units = db.collection<UnitDoc>('units');
  const all = cached(async () => new Map((await units.find({}).toArray()).map((u) => [u._id, u])));
  return {
    /** From the cached list of units: a center has thousands of units, read on every submission. */
    get: async (unitId: string): Promise<UnitDoc | null> => (await all.get()).get(unitId) ?? null,
    upsert: async (unit: UnitDoc) => {
      await units.replaceOne({ _id: unit._id }, unit, { upsert: true });
      all.invalidate();
    },
  };
}
