import assert from 'node:assert/strict';
import type { CardLookup } from '../../domain/cards';
import { waitForStage } from '../support/flow';
import { CLERK, UNIT } from '../support/world';
import { type ApiWorld, apiWorldForSuite } from './support';

describe('looking up a person’s cards', () => {
  let t: ApiWorld;
  const suite = apiWorldForSuite();
  before(() => (t = suite()));

  it('shows the card in force and its lifecycle, to operators and the unit that applied only', async function () {
    this.timeout(120_000);
    const person = t.world.people[0]!;
    const { applicationId } = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: person },
      CLERK,
    );
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);

    const body = { residentId: person.residentId };
    const seen = await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', { body });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.cards.length, 1);
    assert.equal(seen.body.current?.applicationId, applicationId);
    assert.equal(seen.body.current?.status, 'awaiting_collection');
    assert.deepEqual(
      seen.body.current?.history.map((h) => h.status),
      ['pending_print', 'printed', 'bank_activated', 'awaiting_collection'],
    );
    assert.match(seen.body.current?.bank?.accountRef ?? '', /\*/, 'the account number masked');

    assert.equal(
      (await t.call<CardLookup>('clerk', 'POST', '/v1/cards/lookup', { body })).body.cards.length,
      1,
    );
    const other = await t.call<CardLookup>('otherClerk', 'POST', '/v1/cards/lookup', { body });
    assert.deepEqual(other.body, { cards: [] }, 'another unit learns nothing');
    assert.equal((await t.call('partner', 'POST', '/v1/cards/lookup', { body })).status, 403);
    const mistyped = await t.call('operator', 'POST', '/v1/cards/lookup', {
      body: { residentId: `${person.residentId.slice(0, 17)}${person.residentId.endsWith('1') ? '2' : '1'}` },
    });
    assert.equal(mistyped.body.error?.code, 'RID_CHECKSUM');
    assert.ok(!JSON.stringify(t.logs).includes(person.residentId), 'the number stays out of the log');
  });
});
