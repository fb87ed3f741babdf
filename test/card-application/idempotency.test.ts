import assert from 'node:assert/strict';
import { createActivities } from '../../activities';
import { skipUntil, submitApplication, waitForStage } from '../support/flow';
import { oneServerPerSuite } from '../support/world';

describe('side effects under retries', () => {
  const world = oneServerPerSuite();

  it('lost replies and retried calls still give one card, one account and one notification of each kind', async () => {
    const person = world.people[0]!;
    // Every party does the work and then loses the reply, more than once: the activity retries each time.
    world.sims.bank.behaviour.loseRepliesNext(2, 'compareIdentity');
    world.sims.bank.behaviour.loseRepliesNext(3, 'openAccount');
    world.sims.manufacturer.behaviour.loseRepliesNext(2, 'placeOrder');
    world.sims.notifier.behaviour.loseRepliesNext(3, 'send');
    const applicationId = await submitApplication(world, person);
    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '30 seconds');

    const requests = {
      compare: world.sims.bank.behaviour.requests('compareIdentity'),
      account: world.sims.bank.behaviour.requests('openAccount'),
      print: world.sims.manufacturer.behaviour.requests('placeOrder'),
      send: world.sims.notifier.behaviour.requests('send'),
    };
    // Each party was asked again after every lost reply: at least once more than it lost (the unit's and the
    // person's messages go out together, 2 sends an attempt). More when the server's skipped time also timed out an
    // attempt still running on a loaded machine: still one of everything below.
    const atLeast = { compare: 3, account: 4, print: 3, send: 6 };
    for (const [party, least] of Object.entries(atLeast))
      assert.ok(requests[party as keyof typeof requests] >= least, `${party}: ${JSON.stringify(requests)}`);

    const doc = (await world.stores.applications.get(applicationId))!;
    assert.equal((await world.stores.cards.cardsOf(doc.personKey)).length, 1);
    assert.equal(await world.sims.bank.accountsOpened(), 1);
    assert.equal(await world.sims.db.collection('mfr_orders').countDocuments({}), 1);
    const messages = await world.sims.notifier.messages.find({}).toArray();
    assert.deepEqual(messages.map((m) => `${m.template}:${m.channel}`).sort(), [
      'issuance_ready:portal',
      'issuance_ready:sms',
    ]);
    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.equal(notices.length, 2);
  });
});

describe('side effects under overlapping attempts', () => {
  const world = oneServerPerSuite();

  it('two attempts of the same step running at once at a slow bank open one account', async () => {
    // The time-skipping server does not time out an attempt while it runs, so the overlap a timeout causes in
    // production (attempt 1 still at the bank when attempt 2 starts) is produced here by running both at once.
    const person = world.people[1]!;
    const applicationId = await submitApplication(world, person);
    await waitForStage(world, applicationId, 'awaiting_collection');
    const doc = (await world.stores.applications.get(applicationId))!;
    const card = (await world.stores.cards.cardsOf(doc.personKey))[0]!;
    const before = world.sims.bank.behaviour.requests('openAccount');

    const activities = createActivities({ stores: world.stores, partners: world.sims });
    world.sims.bank.behaviour.settings = { latencyMs: [300, 300], failureRate: 0 };
    const attempts = await Promise.all(
      [1, 2, 3].map(() =>
        activities.openBankAccount({ applicationId, cardId: card._id, at: new Date().toISOString() }),
      ),
    );
    assert.equal(world.sims.bank.behaviour.requests('openAccount'), before + 3);
    assert.equal(await world.sims.bank.accountsOpened(), 1);
    assert.deepEqual(
      attempts.map((a) => a.opened),
      ['new', 'new', 'new'],
      'every attempt gets the first answer',
    );
    const after = (await world.stores.cards.cardsOf(doc.personKey))[0]!;
    assert.match(after.bank?.accountRef ?? '', /^6217 \*{4} \*{4} \d{4}$/);
  });
});
