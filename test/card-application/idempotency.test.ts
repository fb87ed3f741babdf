import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { countRequests } from '../../integrations/simulators/behaviour';
import { createTimeSkippingEnv } from '../setup/servers';
import { skipUntil } from '../support/flow';
import { CLERK, createWorld, UNIT, type World } from '../support/world';

describe('side effects under retries', () => {
  let env: TestWorkflowEnvironment;
  let world: World;
  before(async () => (env = await createTimeSkippingEnv()));
  after(async () => env?.teardown());
  beforeEach(async () => (world = await createWorld(env)));
  afterEach(async () => world?.close());

  it('lost replies and retried calls still give one card, one account and one notification of each kind', async () => {
    const person = world.people[0]!;
    // Every party does the work and then loses the reply, more than once: the activity retries each time.
    world.sims.bank.behaviour.loseRepliesNext(2, 'compareIdentity');
    world.sims.bank.behaviour.loseRepliesNext(3, 'openAccount');
    world.sims.manufacturer.behaviour.loseRepliesNext(2, 'placeOrder');
    world.sims.notifier.behaviour.loseRepliesNext(3, 'send');
    const { applicationId } = await world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK);
    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '30 seconds');

    const requests = {
      compare: await countRequests(world.sims.db, 'bank', 'compareIdentity'),
      account: await countRequests(world.sims.db, 'bank', 'openAccount'),
      print: await countRequests(world.sims.db, 'manufacturer', 'placeOrder'),
      send: await countRequests(world.sims.db, 'notifier', 'send'),
    };
    assert.deepEqual(requests, { compare: 3, account: 4, print: 3, send: 5 });

    const doc = (await world.stores.applications.get(applicationId))!;
    assert.equal((await world.stores.cards.cardsOf(doc.personKey)).length, 1);
    assert.equal(await world.sims.bank.accountsOpened(), 1);
    assert.equal(await world.sims.db.collection('mfr_orders').countDocuments({}), 1);
    const messages = await world.sims.notifier.messages.find({}).toArray();
    assert.deepEqual(messages.map((m) => `${m.template}:${m.channel}`).sort(), ['issuance_ready:portal', 'issuance_ready:sms']);
    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.equal(notices.length, 2);
  });
});

describe('side effects under overlapping attempts', () => {
  let env: TestWorkflowEnvironment;
  let world: World;
  before(async () => (env = await createTimeSkippingEnv()));
  after(async () => env?.teardown());
  beforeEach(async () => (world = await createWorld(env)));
  afterEach(async () => world?.close());

  it('a slow bank whose attempts time out and overlap still opens one account', async () => {
    const person = world.people[1]!;
    // Each bank call takes 2 s of real time, while workflow time jumps past the 1-minute attempt timeout: a new
    // attempt starts while the first one is still at the bank.
    world.sims.bank.behaviour.settings = { latencyMs: [2000, 2000], failureRate: 0 };
    const { applicationId } = await world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK);
    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '2 minutes', 60);
    const attempts = await countRequests(world.sims.db, 'bank', 'openAccount');
    assert.ok(attempts >= 2, `expected overlapping attempts, the bank saw ${attempts}`);
    assert.equal(await world.sims.bank.accountsOpened(), 1);
    const doc = (await world.stores.applications.get(applicationId))!;
    const card = (await world.stores.cards.cardsOf(doc.personKey))[0]!;
    assert.equal(card.status, 'awaiting_collection');
    assert.match(card.bank?.accountRef ?? '', /^6217 \*{4} \*{4} \d{4}$/);
  });
});
