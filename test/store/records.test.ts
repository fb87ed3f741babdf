import assert from 'node:assert/strict';
import { SYSTEM } from '../../domain/actors';
import type { Stage } from '../../domain/stages';
import { prepareDatabase } from '../../store';
import type { RecordWrite } from '../../domain/documents/records';
import { databasePerTest } from '../support/world';

const APP = 'A0000000000000000001';

/** A write of the first `steps` stages of a path, as the workflow would make it at history length `fence`. */
function write(fence: number, path: Stage[], from = 1): RecordWrite {
  const at = (seq: number) => new Date(Date.UTC(2026, 10, 16, 2, seq)).toISOString();
  return {
    applicationId: APP,
    fence,
    trailLength: path.length,
    entries: path.slice(from - 1).map((stage, i) => ({
      seq: from + i,
      from: from + i === 1 ? null : path[from + i - 2]!,
      to: stage,
      actor: SYSTEM,
      at: at(from + i),
    })),
    fields: {
      workflowId: 'card-x',
      runId: 'run-1',
      unitId: 'U1',
      mode: 'sporadic',
      revision: 1,
      stage: path.at(-1)!,
      returnCount: 0,
      expedited: false,
      updatedAt: at(path.length),
    },
  };
}

describe('the application record', () => {
  const t = databasePerTest('records', async (db) => ({ stores: await prepareDatabase(db) }));

  it('is written whole by each write: the first inserts it, later ones add their steps', async () => {
    assert.equal(await t.stores.records.write(write(5, ['accepted', 'auditing', 'comparing'])), 'written');
    assert.equal(
      await t.stores.records.write(
        write(11, ['accepted', 'auditing', 'comparing', 'registering', 'printing'], 4),
      ),
      'written',
    );
    const record = await t.stores.records.get(APP);
    assert.equal(record?.stage, 'printing');
    assert.deepEqual(
      (await t.stores.records.trail(APP)).map((e) => [e.seq, e.from, e.to]),
      [
        [1, null, 'accepted'],
        [2, 'accepted', 'auditing'],
        [3, 'auditing', 'comparing'],
        [4, 'comparing', 'registering'],
        [5, 'registering', 'printing'],
      ],
    );
  });

  it('the committed path overwrites what a task that never completed left, however far it got', async () => {
    await t.stores.records.write(write(5, ['accepted', 'auditing', 'comparing']));
    // A task on a worker that was then killed got as far as printing and the bank...
    await t.stores.records.write(
      write(11, ['accepted', 'auditing', 'comparing', 'registering', 'printing', 'bank_account'], 4),
    );
    // ...but the task that completed instead took the withdrawal (a later task: a longer history).
    assert.equal(
      await t.stores.records.write(write(14, ['accepted', 'auditing', 'comparing', 'withdrawn'], 4)),
      'written',
    );
    assert.equal((await t.stores.records.get(APP))?.stage, 'withdrawn');
    assert.deepEqual(
      (await t.stores.records.trail(APP)).map((e) => e.to),
      ['accepted', 'auditing', 'comparing', 'withdrawn'],
      'no step of the abandoned path shows',
    );
  });

  it('refuses a stale write (a retry overtaken by a later write) and keeps what is there', async () => {
    await t.stores.records.write(write(5, ['accepted', 'auditing', 'comparing']));
    await t.stores.records.write(write(14, ['accepted', 'auditing', 'comparing', 'returned'], 4));
    assert.equal(
      await t.stores.records.write(write(11, ['accepted', 'auditing', 'comparing', 'registering'], 4)),
      'stale',
    );
    assert.equal(await t.stores.records.write(write(3, ['accepted'])), 'stale', 'nor a late first write');
    assert.equal((await t.stores.records.get(APP))?.stage, 'returned');
    assert.deepEqual(
      (await t.stores.records.trail(APP)).map((e) => e.to),
      ['accepted', 'auditing', 'comparing', 'returned'],
    );
  });

  /** A write of `app` in batch B1, as `write` makes it. */
  const inBatch = (
    app: string,
    w: RecordWrite,
    fields: Partial<RecordWrite['fields']> = {},
  ): RecordWrite => ({
    ...w,
    applicationId: app,
    fields: { ...w.fields, batchId: 'B1', mode: 'batch', ...fields },
  });
  const PRINTED: Stage[] = ['accepted', 'auditing', 'comparing', 'registering', 'printing'];
  const NOTIFIED: Stage[] = [...PRINTED, 'bank_account', 'notifying', 'awaiting_collection'];

  it("counts a batch from its applications' standings, which follow each write and not a stale one", async () => {
    const { records } = t.stores;
    await records.write(inBatch('A1', write(5, PRINTED.slice(0, 2))));
    await records.write(inBatch('A1', write(11, PRINTED, 3)));
    assert.equal(await records.write(inBatch('A1', write(8, PRINTED.slice(0, 3), 3))), 'stale');
    await records.write(inBatch('A2', write(5, NOTIFIED)));
    await records.write(inBatch('A3', write(5, ['accepted', 'returned']), { returnCount: 1, sla: 'paused' }));
    await records.write(write(5, PRINTED)); // not in the batch

    const counts = await records.countsForBatch('B1', 4);
    assert.deepEqual(counts.byStage, { printing: 1, awaiting_collection: 1, returned: 1, submitted: 1 });
    assert.equal(counts.total, 4);
    assert.equal(counts.done, 1);
    assert.equal(counts.returned, 1);
    assert.deepEqual(await records.laggardsOf('B1', 5), { total: 2, sample: ['A1', 'A3'] });
    assert.equal(await t.db.collection('batch_standings').countDocuments({}), 3);
  });

  it("brings a batch's standings up to its records once (records from 0.9.1), then counts from standings", async () => {
    const { records } = t.stores;
    await records.write(inBatch('A1', write(5, PRINTED)));
    await records.write(inBatch('A2', write(5, NOTIFIED)));
    // As 0.9.1 left them, records only; and one standing left behind its record.
    await t.db.collection('batch_standings').deleteOne({ _id: 'A2' as never });
    await t.db
      .collection('batch_standings')
      .updateOne({ _id: 'A1' as never }, { $set: { stage: 'accepted', fence: 1 } });
    assert.deepEqual((await records.countsForBatch('B1', 2)).byStage, {
      printing: 1,
      awaiting_collection: 1,
    });

    // From now on the standings alone count: a record changed behind their back is not seen, a write is.
    await t.db
      .collection('application_records')
      .updateOne({ _id: 'A2' as never }, { $set: { stage: 'issued' } });
    await records.write(inBatch('A1', write(20, NOTIFIED, 6)));
    assert.deepEqual((await records.countsForBatch('B1', 2)).byStage, { awaiting_collection: 2 });
  });

  it('checks the last few applications on their way against their records, so a batch left behind still ends', async () => {
    const { records } = t.stores;
    await records.write(inBatch('A1', write(5, NOTIFIED)));
    await records.write(inBatch('A2', write(5, PRINTED)));
    assert.equal((await records.countsForBatch('B1', 2)).done, 1);
    // A1's standing left behind (as a 0.9.1 worker writing during a roll would leave it), after the backfill.
    await t.db
      .collection('batch_standings')
      .updateOne({ _id: 'A1' as never }, { $set: { stage: 'printing', fence: 1 } });
    const counts = await records.countsForBatch('B1', 2);
    assert.deepEqual(counts.byStage, { awaiting_collection: 1, printing: 1 });
    assert.equal(counts.done, 1);
  });

  it('the same write twice (a retried local activity) leaves the same record', async () => {
    const first = write(5, ['accepted', 'auditing']);
    await t.stores.records.write(first);
    const before = await t.stores.records.get(APP);
    assert.equal(await t.stores.records.write(first), 'written');
    assert.deepEqual(await t.stores.records.get(APP), before);
  });
});

describe('print orders, one document each', () => {
  const t = databasePerTest('orders', async (db) => ({ stores: await prepareDatabase(db) }));

  const place = (orderId: string, minute: number) =>
    t.stores.printOrders.place({
      _id: orderId,
      applicationId: APP,
      workflowId: 'card-x',
      cardId: 'C1',
      manufacturer: 'mfr',
      express: false,
      status: 'placed',
      placedAt: new Date(Date.UTC(2026, 10, 16, 2, minute)),
    });

  it('settle once: a repeated report changes nothing, whatever other orders the card has', async () => {
    await place('O-1', 1);
    await place('O-2', 2);
    assert.equal(await t.stores.printOrders.settle('O-1', 'failed', new Date(), 'chip_encoding'), true);
    assert.equal(await t.stores.printOrders.settle('O-2', 'printed', new Date()), true);
    assert.equal(await t.stores.printOrders.settle('O-2', 'printed', new Date()), false, 'the repeat');
    assert.equal(
      await t.stores.printOrders.settle('O-1', 'printed', new Date()),
      false,
      'a late contradiction',
    );
    assert.deepEqual(
      (await t.stores.printOrders.forCard('C1')).map((o) => [o._id, o.status]),
      [
        ['O-1', 'failed'],
        ['O-2', 'printed'],
      ],
    );
  });

  it('a report no application took is kept with its receipt by the API: the order reads settled by it', async () => {
    await place('O-3', 3);
    assert.equal(await t.stores.printOrders.receiveReport('O-3', new Date()), true);
    await t.stores.printOrders.keepUntaken('O-3', {
      status: 'failed',
      reportedAt: new Date(),
      failedAt: 'quality_check',
    });
    const order = await t.stores.printOrders.get('O-3');
    assert.deepEqual([order?.status, order?.failedAt], ['failed', 'quality_check']);
    assert.deepEqual(
      (await t.stores.printOrders.forCard('C1')).map((o) => [o._id, o.status]),
      [['O-3', 'failed']],
    );
    assert.equal(await t.stores.printOrders.receiveReport('O-3', new Date()), false, 'a second report');
    // The order's own document stays its application's: the API wrote nothing there.
    assert.equal((await t.db.collection('print_orders').findOne({ _id: 'O-3' as never }))?.status, 'placed');
  });
});

describe('corrected revisions, one document each', () => {
  const t = databasePerTest('revisions', async (db) => ({ stores: await prepareDatabase(db) }));

  it('two corrections sent at once get two revision numbers, and each keeps its data', async () => {
    const applicant = (name: string) => ({ residentId: '110101199003077777', name });
    const [a, b] = await Promise.all([
      t.stores.applications.addRevision(APP, 1, applicant('王小明'), SYSTEM),
      t.stores.applications.addRevision(APP, 1, applicant('王晓明'), SYSTEM),
    ]);
    assert.deepEqual([a, b].sort(), [2, 3]);
    // Whichever won the race to number 2, each number holds the data sent with it.
    assert.equal((await t.stores.applications.applicant(APP, a))?.name, '王小明');
    assert.equal((await t.stores.applications.applicant(APP, b))?.name, '王晓明');
  });
});
