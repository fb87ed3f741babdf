// The public-security population database, simulated: synthetic people only.
import type { Db } from 'mongodb';
import type { PopulationRecord, PopulationRegistry } from '../ports';
import { Behaviour } from './behaviour';

type PersonDoc = Omit<PopulationRecord, 'residentId'> & { _id: string };

export class PopulationSimulator implements PopulationRegistry {
  readonly behaviour: Behaviour;
  private readonly people;

  constructor(db: Db) {
    this.behaviour = new Behaviour('population', db);
    this.people = db.collection<PersonDoc>('population');
  }

  async lookup(residentId: string): Promise<PopulationRecord | null> {
    await this.behaviour.enter('lookup', residentId);
    const doc = await this.people.findOne({ _id: residentId });
    return doc && { residentId: doc._id, name: doc.name, birthDate: doc.birthDate, status: doc.status };
  }

  async register(records: PopulationRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.people.bulkWrite(
      records.map(({ residentId, ...rest }) => ({
        replaceOne: { filter: { _id: residentId }, replacement: rest, upsert: true },
      })),
      { ordered: false },
    );
  }
}
