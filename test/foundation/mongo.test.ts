import assert from 'node:assert/strict';
import { MongoServerError } from 'mongodb';
import { openTestDb, type TestDb } from '../setup/servers';

describe('the MongoDB-protocol server', () => {
  let t: TestDb;
  before(async () => (t = await openTestDb('mongo')));
  after(async () => t.close());

  it('stores and reads back a document, and a unique index refuses a duplicate', async () => {
    const cards = t.db.collection<{ _id: string; personKey: string; status: string }>('cards');
    await cards.createIndex({ personKey: 1, status: 1 }, { unique: true });
    await cards.insertOne({ _id: 'c1', personKey: 'p1', status: 'active' });
    assert.deepEqual(await cards.findOne({ _id: 'c1' }), { _id: 'c1', personKey: 'p1', status: 'active' });
    await assert.rejects(
      cards.insertOne({ _id: 'c2', personKey: 'p1', status: 'active' }),
      (error: unknown) => error instanceof MongoServerError && error.code === 11000,
    );
    assert.equal(await cards.countDocuments({}), 1);
  });
});
