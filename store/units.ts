// Insured units (employers) registered with the center.
import type { Db } from 'mongodb';
import { cached } from './reference-cache';

export interface UnitDoc {
  _id: string;
  name: string;
  /** 6-digit region code of the unit's locality: selects the deadline policy. */
  region: string;
  status: 'active' | 'suspended';
  /** Portal inbox or e-mail where the unit receives notices. */
  contact: string;
}

export function createUnitStore(db: Db) {
  const units = db.collection<UnitDoc>('units');
  const all = cached(async () => new Map((await units.find({}).toArray()).map((u) => [u._id, u])));
  return {
    /** From the cached list of units: a center has thousands of units, read on every submission. */
    get: async (unitId: string): Promise<UnitDoc | null> => (await all.get()).get(unitId) ?? null,
    upsert: async (unit: UnitDoc) => {
      await units.replaceOne({ _id: unit._id }, unit, { upsert: true });
      all.invalidate();
    },
    list: () => units.find({}).sort({ _id: 1 }).toArray(),
  };
}
export type UnitStore = ReturnType<typeof createUnitStore>;
