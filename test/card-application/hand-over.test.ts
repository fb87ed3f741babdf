import assert from 'node:assert/strict';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import { cardIdFor } from '../../domain/documents/cards';
import { assertRefused, skipTime, skipUntil, submitUntilWaiting, withdrawApplication } from '../support/flow';
import { CLERK, oneServerPerSuite, SUPERVISOR } from '../support/world';

describe('the hand-over of printed cards from the manufacturer to the bank', () => {
  const world = oneServerPerSuite();

  it('binds the account only once the bank confirmed receipt, and escalates a shipment that does not arrive', async () => {
    const person = world.people[0]!;
    world.sims.manufacturer.loseShipmentsFor(person.residentId);
    const applicationId = await submitUntilWaiting(world, person, 'bank_account', 'CARD_NOT_AT_BANK');
    const cardId = cardIdFor(applicationId);
    assert.equal((await world.stores.cards.get(cardId))!.status, 'printed');
    assert.equal(
      world.sims.bank.behaviour.requests('openAccount'),
      0,
      'the bank binds no card it has not got',
    );

    await skipTime(world, '3 days');
    await skipTime(world, '2 hours');
    const escalations = await world.stores.escalations.forApplication(applicationId);
    assert.deepEqual(
      escalations.map((e) => [e.kind, e.occurrence]),
      [['shipment_overdue', 1]],
    );
    assert.equal(
      await world.sims.notifier.messages.countDocuments({ template: 'shipment_overdue' }),
      1,
      'the supervisors are told once',
    );
    const waiting = await world.client.applications.status(applicationId, CLERK);
    assert.equal(waiting.stage, 'bank_account');
    assert.deepEqual(
      waiting.escalations.map((e) => e.kind),
      ['shipment_overdue'],
      'the workflow shows the escalation its step raised, as it shows its own',
    );

    // The bank confirms receipt: only the bank, only chips.
    const { chipId } = (await world.stores.cards.get(cardId))!;
    const receipt = { shipmentId: 'SHIP-1', chipIds: [chipId!], receivedAt: new Date().toISOString() };
    await assertRefused(
      world.client.handOver.receiveAtBank(receipt, PARTNER_ACCOUNTS.manufacturer),
      'ROLE_NOT_ALLOWED',
    );
    await assertRefused(
      world.client.handOver.receiveAtBank({ ...receipt, chipIds: ['not a chip'] }, PARTNER_ACCOUNTS.bank),
      'VALIDATION_FAILED',
    );
    await assertRefused(
      world.client.handOver.receiveAtBank({ ...receipt, chipIds: [] }, PARTNER_ACCOUNTS.bank),
      'VALIDATION_FAILED',
    );
    assert.equal(await world.stores.bankReceipts.get(chipId!), null, 'nothing recorded by a refusal');
    assert.deepEqual(await world.client.handOver.receiveAtBank(receipt, PARTNER_ACCOUNTS.bank), {
      shipmentId: 'SHIP-1',
      recorded: 1,
      alreadyRecorded: 0,
    });
    assert.deepEqual(await world.client.handOver.receiveAtBank(receipt, PARTNER_ACCOUNTS.bank), {
      shipmentId: 'SHIP-1',
      recorded: 0,
      alreadyRecorded: 1,
    });

    await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '20 minutes', 10);
    const card = (await world.stores.cards.get(cardId))!;
    assert.deepEqual(
      card.history.map((h) => h.status),
      ['pending_print', 'printed', 'at_bank', 'bank_activated', 'awaiting_collection'],
    );
    assert.equal(world.sims.bank.behaviour.requests('openAccount'), 1);
    assert.equal((await world.stores.escalations.forApplication(applicationId)).length, 1);
    const done = await world.client.applications.status(applicationId, CLERK);
    assert.equal(done.escalations.length, 1, 'each occurrence once, however many checks came after it');
  });

  it('a withdrawal while step 6 waits for the card to reach the bank ends the wait at once', async () => {
    const person = world.people[1]!;
    world.sims.manufacturer.loseShipmentsFor(person.residentId);
    const applicationId = await submitUntilWaiting(world, person, 'bank_account', 'CARD_NOT_AT_BANK');
    const withdrawn = await withdrawApplication(world, applicationId, 'the person moved away', SUPERVISOR);
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal(world.sims.bank.behaviour.requests('openAccount'), 0);
    assert.equal(world.sims.bank.behaviour.requests('closeAccount'), 0, 'nothing was opened to close');
    assert.equal((await world.stores.cards.get(cardIdFor(applicationId)))?.status, 'cancelled');
  });
});
