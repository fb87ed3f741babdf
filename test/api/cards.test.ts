import { registerCollection } from '../../domain/actions/applications';
import { liftLoss } from '../../domain/actions/cards';
import assert from 'node:assert/strict';
import type { CardLifeStatus } from '../../domain/card-life';
import type { CardLookup } from '../../domain/cards';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { submitApplication, waitForStage } from '../support/flow';
import { signCallback } from '../../api/signatures';
import { callerScope, requestIdOf } from '../../api/idempotency';
import { ACTORS, apiWorldForSuite, PARTNER_SECRETS } from './support';

describe('looking up a person’s cards', () => {
  const t = apiWorldForSuite();

  it('shows the card in force and its lifecycle, to operators and the unit that applied only', async function () {
    this.timeout(120_000);
    const person = t.world.people[0]!;
    const applicationId = await submitApplication(t.world, person);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);

    const body = { residentId: person.residentId };
    const seen = await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', { body });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.cards.length, 1);
    assert.equal(seen.body.current?.applicationId, applicationId);
    assert.equal(seen.body.current?.status, 'awaiting_collection');
    assert.deepEqual(
      seen.body.current?.history.map((h) => h.status),
      ['pending_print', 'printed', 'at_bank', 'bank_activated', 'awaiting_collection'],
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

  it('takes a loss report on an issued card and lifts it, through the API', async function () {
    this.timeout(120_000);
    const person = t.world.people[1]!;
    const applicationId = await submitApplication(t.world, person);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    // The registration is taken while its answer is lost (sent through the client, as the API sends it): sent
    // again with its key, it gets that answer, and the person's collector is kept once.
    const collection = {
      collectedBy: person.name,
      relation: 'self' as const,
      receivedOn: shanghaiDate(new Date()),
      place: 'hall',
    };
    const collectionKey = `collection-${applicationId}`;
    const registered = await t.world.client.applications.act(
      registerCollection,
      applicationId,
      collection,
      ACTORS.operator,
      { requestId: requestIdOf(callerScope(ACTORS.operator), collectionKey) },
    );
    const collected = await t.call('operator', 'POST', `/v1/applications/${applicationId}/collection`, {
      body: collection,
      idempotencyKey: collectionKey,
    });
    assert.equal(collected.status, 200, JSON.stringify(collected.body));
    assert.deepEqual(collected.body, registered);
    assert.equal(await t.world.db.collection('collectors').countDocuments({ applicationId }), 1);
    const lookup = await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', {
      body: { residentId: person.residentId },
    });
    const cardId = lookup.body.current!.cardId;
    const path = `/v1/cards/${cardId}/loss-report`;

    const clerk = await t.call('clerk', 'POST', path, { body: { kind: 'temporary', channel: 'phone' } });
    assert.equal(clerk.status, 403);
    const byPhone = await t.call('operator', 'POST', path, { body: { kind: 'formal', channel: 'phone' } });
    assert.equal(byPhone.body.error?.code, 'VALIDATION_FAILED');
    const reported = await t.call<CardLifeStatus>('operator', 'POST', path, {
      body: { kind: 'temporary', channel: 'phone' },
      idempotencyKey: `loss-${cardId}`,
    });
    assert.equal(reported.status, 200, JSON.stringify(reported.body));
    assert.equal(reported.body.status, 'suspended');
    const again = await t.call<CardLifeStatus>('operator', 'POST', path, {
      body: { kind: 'temporary', channel: 'phone' },
      idempotencyKey: `loss-${cardId}`,
    });
    assert.deepEqual(again.body, reported.body, 'a retry with its key gets the same answer');
    const second = await t.call('operator', 'POST', path, { body: { kind: 'temporary', channel: 'online' } });
    assert.equal(second.status, 409);
    assert.equal(second.body.error?.code, 'LOSS_ALREADY_REPORTED');

    // The lift is taken while its answer is lost (sent through the client, as the API sends it, with the
    // request's ID): sent again with its key, it gets that answer instead of NO_LOSS_REPORTED.
    const liftKey = `lift-${cardId}`;
    const first = await t.world.client.cards.act(liftLoss, cardId, {}, ACTORS.supervisor, {
      requestId: requestIdOf(callerScope(ACTORS.supervisor), liftKey),
    });
    const lifted = await t.call<CardLifeStatus>('supervisor', 'POST', `${path}/lift`, {
      body: {},
      idempotencyKey: liftKey,
    });
    assert.equal(lifted.status, 200, JSON.stringify(lifted.body));
    assert.deepEqual(lifted.body, first);
    assert.equal(lifted.body.status, 'issued');
    const none = await t.call('operator', 'POST', `${path}/lift`, { body: {} });
    assert.equal(none.body.error?.code, 'NO_LOSS_REPORTED');
    const unknown = await t.call('operator', 'POST', '/v1/cards/C-nothing/loss-report', {
      body: { kind: 'temporary', channel: 'phone' },
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'CARD_NOT_FOUND');
  });

  it("takes the population registry's signed death notice: the person's card is cancelled, once", async function () {
    this.timeout(120_000);
    const person = t.world.people[1]!; // holds the card issued in the test above
    const lookup = await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', {
      body: { residentId: person.residentId },
    });
    const cardId = lookup.body.current!.cardId;
    const path = '/v1/partners/population/death-notices';
    const body = JSON.stringify({
      noticeId: 'GA-2026-1',
      residentId: person.residentId,
      diedOn: '2026-11-30',
    });

    const byFactory = await t.callback(path, body);
    assert.equal(byFactory.status, 403, JSON.stringify(byFactory.body));
    const signed = signCallback(PARTNER_SECRETS['population-registry'][0]!, body);
    const answer = await t.callback<{ cardsCancelled: string[] }>(path, body, signed);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.cardsCancelled, [cardId]);
    const resent = await t.callback(path, body, signed);
    assert.equal(resent.body.error?.code, 'SIGNATURE_REPLAYED');
    const after = await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', {
      body: { residentId: person.residentId },
    });
    assert.equal(after.body.cards[0]?.cancellation?.reason, 'HOLDER_DECEASED');
    assert.equal(after.body.current, undefined, 'no card in force');
    assert.ok(!JSON.stringify(t.logs).includes(person.residentId), 'the number stays out of the log');
  });

  it('renews a card through the API once its window opened, and refuses it before, naming the day', async function () {
    this.timeout(120_000);
    const person = t.world.people[13]!;
    const applicationId = await submitApplication(t.world, person);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    await t.world.client.applications.act(
      registerCollection,
      applicationId,
      { collectedBy: person.name, relation: 'self', receivedOn: shanghaiDate(new Date()), place: 'hall' },
      ACTORS.operator,
    );
    const lookup = async () =>
      (
        await t.call<CardLookup>('operator', 'POST', '/v1/cards/lookup', {
          body: { residentId: person.residentId },
        })
      ).body.current!;
    const { cardId, validity } = await lookup();
    const path = `/v1/cards/${cardId}/renewal`;

    const early = await t.call('clerk', 'POST', path, { body: {} });
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.equal(early.body.error?.code, 'RENEWAL_NOT_OPEN');
    assert.deepEqual(early.body.error?.details, {
      expiresOn: validity?.expiresOn,
      renewableFrom: validity?.renewableFrom,
    });
    assert.match(early.body.error?.message ?? '', new RegExp(`from ${validity?.renewableFrom}`));

    // Ten years on, less a month: the window opened.
    const opened = shanghaiDate(new Date(Date.now() - 86_400_000));
    await t.world.db
      .collection<{ _id: string }>('cards')
      .updateOne({ _id: cardId }, { $set: { 'validity.renewableFrom': opened } });
    assert.equal((await t.call('otherClerk', 'POST', path, { body: {} })).body.error?.code, 'NOT_YOUR_UNIT');
    const bad = await t.call('clerk', 'POST', path, { body: { changes: { phone: '12' } } });
    assert.equal(bad.body.error?.code, 'VALIDATION_FAILED');
    const renewed = await t.call<{ applicationId: string; predecessorCardId: string; expiresOn: string }>(
      'clerk',
      'POST',
      path,
      { body: { changes: { phone: '13900000013' } } },
    );
    assert.equal(renewed.status, 201, JSON.stringify(renewed.body));
    assert.deepEqual(
      { predecessorCardId: renewed.body.predecessorCardId, expiresOn: renewed.body.expiresOn },
      { predecessorCardId: cardId, expiresOn: validity?.expiresOn },
    );
    assert.equal((await lookup()).cardId, cardId, 'the old card stays in force');
  });

  it('takes the bank’s signed receipt of shipped cards, and no one else’s', async () => {
    const path = '/v1/partners/bank/card-receipts';
    const chipId = '00112233445566AA';
    const body = JSON.stringify({
      shipmentId: 'SHIP-API-1',
      chipIds: [chipId],
      receivedAt: new Date().toISOString(),
    });
    const byFactory = await t.callback(path, body);
    assert.equal(byFactory.status, 403, JSON.stringify(byFactory.body));
    assert.equal(byFactory.body.error?.code, 'ROLE_NOT_ALLOWED');
    assert.equal(await t.world.stores.bankReceipts.get(chipId), null);
    const answer = await t.callback(path, body, signCallback(PARTNER_SECRETS['cooperative-bank'][0]!, body));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.deepEqual(answer.body, { shipmentId: 'SHIP-API-1', recorded: 1, alreadyRecorded: 0 });
    assert.equal((await t.world.stores.bankReceipts.get(chipId))?.shipmentId, 'SHIP-API-1');
  });
});
