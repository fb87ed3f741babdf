// One person, one card, nationwide: a card another province issued is cancelled there before anything is printed
// here; a province that does not confirm in time is escalated, and the step waits on.

import assert from 'node:assert/strict';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPrintingActivities } from '../../activities/printing';
import { cardIdFor } from '../../domain/documents/cards';
import {
  skipTime,
  skipUntil,
  submitApplication,
  submitUntilWaiting,
  waitForStage,
  withdrawApplication,
} from '../support/flow';
import { oneServerPerSuite, SUPERVISOR } from '../support/world';

// The world's unit is in Zhejiang (33); Shanghai (31) issued the other card.
const SHANGHAI = '31';

describe('the national card registry', () => {
  const world = oneServerPerSuite();

  it('has a card another province issued cancelled there before the print order, once', async () => {
    const person = world.people[0]!;
    await world.sims.national.holdsCard(person.residentId, { province: SHANGHAI, cardNumber: 'S31000001' });
    // A card of this province is the provincial registry's business, not the national one's.
    await world.sims.national.holdsCard(person.residentId, { province: '33', cardNumber: 'Z33000001' });
    const applicationId = await submitApplication(world, person);
    await waitForStage(world, applicationId, 'awaiting_collection');
    const cards = await world.sims.national.cardsOf(person.residentId);
    assert.deepEqual(cards.map((c) => [c.cardNumber, c.status]).sort(), [
      ['S31000001', 'cancelled'],
      ['Z33000001', 'valid'],
    ]);
    assert.deepEqual(await world.sims.national.requestsFor('S31000001'), [
      `${applicationId}:national-cancel:S31000001`,
    ]);
  });

  it('escalates a province that does not confirm, prints nothing meanwhile, and goes on once it does', async () => {
    const person = world.people[1]!;
    await world.sims.national.holdsCard(person.residentId, { province: SHANGHAI, cardNumber: 'S31000002' });
    world.sims.national.silence(SHANGHAI);
    const applicationId = await submitUntilWaiting(world, person, 'printing', 'CARD_IN_OTHER_PROVINCE');
    await skipTime(world, '3 days');
    await skipTime(world, '2 hours');
    assert.deepEqual(
      (await world.stores.escalations.forApplication(applicationId)).map((e) => [e.kind, e.occurrence]),
      [['other_province_overdue', 1]],
    );
    assert.deepEqual(
      (await world.client.applications.status(applicationId, SUPERVISOR)).escalations.map((e) => e.kind),
      ['other_province_overdue'],
    );
    assert.equal(
      await world.stores.printOrders.get(`${applicationId}-P1`),
      null,
      'nothing printed meanwhile',
    );
    assert.equal(world.sims.manufacturer.behaviour.requests('placeOrder'), 0);

    await world.sims.national.confirm(SHANGHAI);
    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '20 minutes', 10);
    assert.equal(world.sims.national.behaviour.requests('requestCancellation'), 1, 'asked once');
  });

  it('a withdrawal while the step waits on another province places and cancels no order', async () => {
    const person = world.people[2]!;
    await world.sims.national.holdsCard(person.residentId, { province: SHANGHAI, cardNumber: 'S31000003' });
    world.sims.national.silence(SHANGHAI);
    const applicationId = await submitUntilWaiting(world, person, 'printing', 'CARD_IN_OTHER_PROVINCE');
    // At once, not when the other province answers.
    const withdrawn = await withdrawApplication(
      world,
      applicationId,
      'the person moved back to Shanghai',
      SUPERVISOR,
    );
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal(world.sims.manufacturer.behaviour.requests('cancelOrder'), 0);
    // The order is written cancelled: an attempt to place it that was still running places nothing (the fault
    // run found one that did, on a worker that had not heard of the withdrawal).
    const orderId = `${applicationId}-P1`;
    assert.equal((await world.stores.printOrders.get(orderId))?.status, 'cancelled');
    const printing = createPrintingActivities({
      stores: world.stores,
      manufacturer: world.sims.manufacturer,
      national: world.sims.national,
      notifier: world.sims.notifier,
    });
    await world.sims.national.confirm(SHANGHAI);
    await assert.rejects(
      new MockActivityEnvironment().run((input) => printing.placePrintOrder(input), {
        applicationId,
        cardId: cardIdFor(applicationId),
        orderId,
        express: false,
        at: new Date().toISOString(),
      }),
      (error: Error & { type?: string }) => error.type === 'ALREADY_CLOSED',
    );
    assert.equal(
      world.sims.manufacturer.behaviour.requests('placeOrder'),
      0,
      'nothing placed with the factory',
    );
    // Nothing was placed, so the trail names no cancelled order.
    const actions = withdrawn.history.map((h) => h.action ?? h.stage);
    assert.ok(!actions.includes('print_order_cancelled'), actions.join(', '));
    assert.equal(actions.at(-1), 'withdrawn');
  });
});
