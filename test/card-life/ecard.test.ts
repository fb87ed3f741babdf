// The electronic card follows the physical one: the e-card sync (run here directly; a schedule runs it every
// minute in a deployment) tells the national platform each change of an issued card, once.
import { cancelCard, liftLoss, reportLoss } from '../../domain/actions/cards';
import assert from 'node:assert/strict';

import { issuedCard, legacyCard, runFeedOnce } from './support';
import { oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';

describe('the electronic card', () => {
  const world = oneServerPerSuite();

  const sync = () => runFeedOnce(world, 'ecardSync');
  const platform = (cardNumber: string) => world.sims.ecard.status(cardNumber);

  it('is active once the card is issued, suspended with a loss report, active again when lifted, cancelled with the card', async () => {
    const first = await issuedCard(world, 0);
    const second = await issuedCard(world, 1);
    await legacyCard(world, 'COLD-ECARD', 'A22222222');

    assert.equal((await sync()).told, 2);
    assert.equal(await platform(first.cardNumber!), 'active');
    assert.equal(await platform(second.cardNumber!), 'active');
    assert.equal(await platform('A22222222'), undefined);
    const lookup = await world.client.applications.lookUpCards(
      { residentId: world.people[0]!.residentId },
      OPERATOR,
    );
    assert.equal(lookup.current?.ecard?.status, 'active');

    // Nothing changed: nothing is told again.
    assert.equal((await sync()).told, 0);
    assert.equal(world.sims.ecard.behaviour.requests('setStatus'), 2);

    await world.client.cards.act(reportLoss, first._id, { kind: 'temporary', channel: 'phone' }, OPERATOR);
    assert.equal((await sync()).told, 1);
    assert.equal(await platform(first.cardNumber!), 'suspended');
    assert.equal(await platform(second.cardNumber!), 'active');

    // The platform is down for a while: the sync retries until it answers.
    world.sims.ecard.behaviour.failNext(2, 'setStatus');
    await world.client.cards.act(liftLoss, first._id, {}, OPERATOR);
    await world.client.cards.act(cancelCard, second._id, { reason: 'EMIGRATED' }, SUPERVISOR);
    assert.equal((await sync()).told, 2);
    assert.equal(await platform(first.cardNumber!), 'active');
    assert.equal(await platform(second.cardNumber!), 'cancelled');
    assert.equal((await world.stores.ecards.get(second._id))?.status, 'cancelled');
  });
});
