// One person, one card, nationwide, from this province's side: the national registry feed (run here directly; a
// schedule runs it every minute in a deployment) reports each card issued here, and its end, once per change, so
// that another province's pre-judgment finds it; this province's own pre-judgment never asks to cancel it.
import { cancelCard, reportLoss } from '../../domain/actions/cards';
import assert from 'node:assert/strict';
import { cardIdFor } from '../../domain/documents/cards';

import { waitForStage } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, oneServerPerSuite, OPERATOR, SUPERVISOR, UNIT } from '../support/world';
import { issuedCard, legacyCard, runFeedOnce } from './support';

describe('the national card registry hears of the cards issued here', () => {
  const world = oneServerPerSuite({ startAt: shanghai('2026-12-07 10:00') });

  const sync = () => runFeedOnce(world, 'nationalRegistrySync');
  const registry = (cardNumber: string) => world.sims.national.cardAt(cardNumber);
  const province = UNIT.region.slice(0, 2);

  it('as valid once issued, through a loss report, and as cancelled when it ends; a replacement here asks no one', async () => {
    const first = await issuedCard(world, 0);
    const second = await issuedCard(world, 1);
    await legacyCard(world, 'COLD-NATIONAL', 'A33333333');

    assert.equal((await sync()).told, 2);
    assert.deepEqual(await registry(first.cardNumber!), {
      province,
      cardNumber: first.cardNumber,
      status: 'valid',
      residentId: world.people[0]!.residentId,
    });
    assert.equal((await registry(second.cardNumber!))?.status, 'valid');
    assert.equal(await registry('A33333333'), undefined);
    assert.equal((await sync()).told, 0, 'nothing changed, nothing is reported again');
    assert.equal(world.sims.national.behaviour.requests('reportCard'), 2);

    // A loss report does not end the card: the registry is not told.
    await world.client.cards.act(reportLoss, first._id, { kind: 'formal', channel: 'counter' }, OPERATOR);
    assert.equal((await sync()).told, 0);
    assert.equal((await registry(first.cardNumber!))?.status, 'valid');

    // The registry is down for a while: the feed retries until it answers.
    world.sims.national.behaviour.failNext(2, 'reportCard');
    await world.client.cards.act(cancelCard, second._id, { reason: 'EMIGRATED' }, SUPERVISOR);
    assert.equal((await sync()).told, 1);
    assert.equal((await registry(second.cardNumber!))?.status, 'cancelled');
    assert.equal((await world.stores.nationalReports.get(second._id))?.status, 'cancelled');

    // The lost card is replaced here: the registry lists it as this province's, so no cancellation is asked.
    const started = await world.client.cards.replace(first._id, { reason: 'LOST' }, CLERK);
    await waitForStage(world, started.applicationId, 'awaiting_collection');
    assert.deepEqual(await world.sims.national.requestsFor(first.cardNumber!), []);
    assert.equal(world.sims.national.behaviour.requests('requestCancellation'), 0);
    // Replaced at registration, and the successor is not issued yet: the old card is reported ended.
    assert.equal((await world.stores.cards.get(first._id))?.status, 'replaced');
    assert.equal((await sync()).told, 1);
    assert.equal((await registry(first.cardNumber!))?.status, 'cancelled');
    assert.equal(await world.stores.nationalReports.get(cardIdFor(started.applicationId)), null);
  });
});
