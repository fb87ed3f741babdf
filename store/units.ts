// Insured units (employers) registered with the center.
import type { Db } from 'mongodb';

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
  return {
    get: (unitId: string) => units.findOne({ _id: unitId }),
    upsert: async (unit: UnitDoc) => {
      await units.replaceOne({ _id: unit._id }, unit, { upsert: true });
    },
    list: () => units.find({}).sort({ _id: 1 }).toArray(),
  };
}
export type UnitStore = ReturnType<typeof createUnitStore>;
