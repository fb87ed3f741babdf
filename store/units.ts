// The center's registers read on every submission and changed a few times a year: insured units (employers) and
// the counters where applications are taken, each read from a short-lived cache of the whole register.
import type { Db } from 'mongodb';
import type { CounterDoc } from '../domain/counters';
import type { UnitDoc } from '../domain/documents/units';
import { cached } from './reference-cache';
import type { CounterStore, UnitStore } from './ports/center';

function createRegister<T extends { _id: string }>(db: Db, name: string) {
  const docs = db.collection<T>(name);
  const all = cached(
    async () => new Map((await docs.find({}).toArray()).map((d) => [String(d._id), d as T])),
  );
  return {
    /** From the cached register: a center has thousands of units, read on every submission. */
    get: async (id: string): Promise<T | null> => (await all.get()).get(id) ?? null,
    upsert: async (doc: T) => {
      await docs.replaceOne({ _id: doc._id } as never, doc, { upsert: true });
      all.invalidate();
    },
  };
}

export const createUnitStore = (db: Db): UnitStore => createRegister<UnitDoc>(db, 'units');
export const createCounterStore = (db: Db): CounterStore => createRegister<CounterDoc>(db, 'counters');
