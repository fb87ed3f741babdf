import assert from 'node:assert/strict';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import { cardIdFor } from '../../store/cards';
import { assertRefused, eventually, skipTime, skipUntil, waitForStage } from '../support/flow';
import { CLERK, eachTestInItsOwnWorld, UNIT, type World } from '../support/world';

describe('the hand-over of printed cards from the manufacturer to the bank', () => {
  let world: World;
  const current = eachTestInItsOwnWorld();
  beforeEach(() => (world = current()));

  /** The last failure of the application's pending activity, as the Web UI shows it. */
  async function pendingFailure(applicationId: string): Promise<string | undefined> {
    const { workflowId } = (await world.stores.records.get(applicationId))!;
    const { raw } = await world.temporal.workflow.getHandle(workflowId).describe();
    return raw.pendingActivities?.[0]?.lastFailure?.applicationFailureInfo?.type ?? undefined;
  }

  it('binds the account only once the bank confirmed receipt, and escalates a shipment that does not arrive', async () => {
    const person = world.people[0]!;
    world.sims.manufacturer.loseShipmentsFor(person.residentId);
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: person },
      CLERK,
    );
    await waitForStage(world, applicationId, 'bank_account');
    await eventually(
      () => pendingFailure(applicationId),
      (type) => type === 'CARD_NOT_AT_BANK',
      'step 6 waits for the receipt',
    );
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
    assert.equal((await world.client.applications.status(applicationId, CLERK)).stage, 'bank_account');

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
  });
});
