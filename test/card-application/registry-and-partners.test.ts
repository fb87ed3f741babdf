import { orderReprint } from '../../domain/actions/applications';
import assert from 'node:assert/strict';

import { earlierCards, skipUntil, submitApplication, waitForStage } from '../support/flow';
import { oneServerPerSuite } from '../support/world';

describe('card registry, manufacturer and bank', () => {
  const world = oneServerPerSuite();

  async function personKeyOf(applicationId: string): Promise<string> {
    return (await world.stores.applications.get(applicationId))!.personKey;
  }

  it('cancels an existing active card, naming its successor, before the new print order is placed', async () => {
    const person = world.people[0]!;
    const key = await earlierCards(world, person, {
      _id: 'COLD-CARD-1',
      status: 'issued',
      cardNumber: 'A11111111',
      at: new Date('2018-05-01'),
    });
    const applicationId = await submitApplication(world, person);
    const status = await waitForStage(world, applicationId, 'awaiting_collection');

    const cards = await world.stores.cards.cardsOf(key);
    const old = cards.find((c) => c._id === 'COLD-CARD-1')!;
    const fresh = cards.find((c) => c.applicationId === applicationId)!;
    assert.equal(old.status, 'replaced');
    assert.equal(old.cancellation?.reason, 'REPLACED_BY_NEW_CARD');
    assert.equal(old.cancellation?.successorCardId, fresh._id);
    assert.equal(fresh.status, 'awaiting_collection');
    const order = (await world.stores.printOrders.get(`${applicationId}-P1`))!;
    assert.ok(old.cancellation.at.getTime() <= order.placedAt.getTime(), 'cancelled before the print order');
    const cancelledStep = status.history.find((h) => h.action === 'previous_card_cancelled')!;
    const printingStep = status.history.find((h) => h.stage === 'printing')!;
    assert.ok(cancelledStep.seq < printingStep.seq);
  });

  it('a lost card is cancelled as lost-and-replaced; an already cancelled one is left alone', async () => {
    const person = world.people[1]!;
    const key = await earlierCards(
      world,
      person,
      { _id: 'CLOST-1', status: 'lost', at: new Date('2020-01-01') },
      { _id: 'CGONE-1', status: 'cancelled', at: new Date('2015-01-01') },
    );
    const applicationId = await submitApplication(world, person);
    await waitForStage(world, applicationId, 'awaiting_collection');
    const cards = await world.stores.cards.cardsOf(key);
    const lost = cards.find((c) => c._id === 'CLOST-1');
    assert.equal(lost?.status, 'replaced');
    assert.equal(lost?.cancellation?.reason, 'LOST_AND_REPLACED');
    assert.equal(cards.find((c) => c.applicationId === applicationId)?.predecessorCardId, 'CLOST-1');
    assert.equal(cards.find((c) => c._id === 'CGONE-1')?.cancellation, undefined);
  });

  it('a failed print is reprinted and the card records both orders', async () => {
    const person = world.people[2]!;
    world.sims.manufacturer.failPrintsFor(person.residentId, 1);
    const applicationId = await submitApplication(world, person);
    const status = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(status.printAttempts, 2);
    const card = (await world.stores.cards.cardsOf(await personKeyOf(applicationId)))[0]!;
    assert.equal(card.status, 'awaiting_collection');
    const orders = await world.stores.printOrders.forCard(card._id);
    assert.deepEqual(
      orders.map((o) => [o._id, o.status]),
      [
        [`${applicationId}-P1`, 'failed'],
        [`${applicationId}-P2`, 'printed'],
      ],
    );
  });

  it('after three failed prints a person must order the next attempt', async () => {
    const person = world.people[3]!;
    world.sims.manufacturer.failPrintsFor(person.residentId, 3);
    const applicationId = await submitApplication(world, person);
    const stuck = await waitForStage(world, applicationId, 'print_failed');
    assert.equal(stuck.awaiting, 'reprint_order');
    assert.ok(stuck.escalations.some((e) => e.kind === 'print_failed'));
    await world.client.applications.act(
      orderReprint,
      applicationId,
      { note: 'photo re-scanned' },
      { role: 'supervisor', id: 'sup-9' },
    );
    const done = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(done.printAttempts, 4);
  });

  it('a bank outage is retried until the bank answers, and one account is opened', async () => {
    const person = world.people[4]!;
    world.sims.bank.behaviour.failNext(4, 'openAccount');
    const applicationId = await submitApplication(world, person);
    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '30 seconds');
    assert.equal(world.sims.bank.behaviour.requests('openAccount'), 5);
    assert.equal(await world.sims.bank.accountsOpened(), 1);
  });
});
