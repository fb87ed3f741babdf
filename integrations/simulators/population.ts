// The public-security population database, simulated: synthetic people only.
import type { Db } from 'mongodb';
import type { PopulationRecord, PopulationRegistry } from '../ports';
import { byId } from '../../store/mongo';
import { Behaviour } from './behaviour';

type PersonDoc = Omit<PopulationRecord, 'residentId'> & { _id: string };

export class PopulationSimulator implements PopulationRegistry {
  readonly behaviour: Behaviour;
  private readonly people;

  constructor(db: Db) {
    this.behaviour = new Behaviour('population');
    this.people = db.collection<PersonDoc>('population');
  }

  async lookup(residentId: string): Promise<PopulationRecord | null> {
    await this.behaviour.enter('lookup');
    const doc = await this.people.findOne({ _id: residentId });
    if (!doc) return null;
    const { _id, name, birthDate, status, phone } = doc;
    return { residentId: _id, name, birthDate, status, ...(phone ? { phone } : {}) };
  }

  async register(records: PopulationRecord[]): Promise<void> {
    if (records.length === 0) return;
    // New people are inserted in bulk and people already known are replaced one by one: FerretDB runs an
    // upserting replace as a collection scan.
    const docs = records.map(({ residentId, ...rest }) => ({ _id: residentId, ...rest }));
    const known = new Set(
      (
        await this.people.find({ _id: { $in: docs.map((d) => d._id) } }, { projection: { _id: 1 } }).toArray()
      ).map((d) => d._id),
    );
    const fresh = docs.filter((d) => !known.has(d._id));
    for (let i = 0; i < fresh.length; i += 1000) await this.people.insertMany(fresh.slice(i, i + 1000));
    for (const { _id, ...rest } of docs.filter((d) => known.has(d._id)))
      await this.people.replaceOne(byId(_id), rest);
  }
}
