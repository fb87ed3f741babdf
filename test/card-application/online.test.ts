// The online lane on the real servers: a person applies for themselves with the code sent to the phone the
// population registry holds, the agency's ID-card photo is used, the card goes out by courier and is handed over for
// the code of an SMS; three failed deliveries bring it back to a counter, where it is collected.
import assert from 'node:assert/strict';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import { registerCollection } from '../../domain/actions/applications';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { OnlineApplication } from '../../domain/online';
import type { SyntheticPerson } from '../../integrations/simulators/people';
import { samplePhoto } from '../../scripts/tools/sample-photo';
import { assertRefused, eventually, waitForStage } from '../support/flow';
import { COUNTER, ONLINE_DESK, oneServerPerSuite, OPERATOR, type World } from '../support/world';

/** The code the SMS to a phone carried last, for a template. */
async function lastCode(world: World, phone: string, template: string): Promise<string> {
  const sent = await eventually(
    () => world.sims.notifier.messages.find({ to: phone, template }).sort({ sentAt: -1 }).limit(1).toArray(),
    (found) => found.length === 1,
    `an SMS ${template}`,
  );
  return sent[0]!.params.code!;
}

/** "Where is my card?", as the person asks it: a code to their phone, then the view. */
async function whereIsMyCard(world: World, person: SyntheticPerson) {
  await world.client.tracking.requestCode({ residentId: person.residentId });
  const code = await lastCode(world, person.phone!, 'tracking_code');
  return world.client.tracking.track({ residentId: person.residentId, code });
}

function addressOf(person: SyntheticPerson): OnlineApplication['address'] {
  return {
    region: '330106',
    line: '文三路 90 号 3 幢 502 室',
    recipientName: person.name,
    recipientPhone: person.phone!,
  };
}

/** The person asks for a code, reads it from their SMS and applies with it. */
async function applyOnline(world: World, person: SyntheticPerson, extra: Partial<OnlineApplication> = {}) {
  await world.client.online.requestCode({ residentId: person.residentId });
  const code = await lastCode(world, person.phone!, 'online_code');
  return world.client.online.apply({
    residentId: person.residentId,
    code,
    address: addressOf(person),
    ...extra,
  });
}

describe('online application with delivery by courier', () => {
  const world = oneServerPerSuite();

  it('files the person’s own application with the agency’s photo, and hands the card over for the SMS code', async () => {
    const person = world.people[0]!;
    await world.sims.photoSource.sharePhotoOf(person.residentId);
    const receipt = await applyOnline(world, person);
    assert.equal(receipt.photo, 'agency');

    const issued = await waitForStage(world, receipt.applicationId, 'issued');
    assert.equal(issued.mode, 'online');
    assert.equal(issued.unitId, ONLINE_DESK._id);
    assert.equal(issued.deadline?.workingDaysTotal, 15);
    assert.equal(issued.deadline?.sla, 'met', 'the clock stopped at dispatch');
    assert.equal(issued.delivery?.status, 'delivered');
    assert.match(issued.delivery?.trackingNumber ?? '', /^SF\d{12}$/);
    const actions = issued.history.map((h) => h.action ?? h.stage);
    for (const step of ['in_delivery', 'dispatched', 'parcel_picked_up', 'delivered', 'issued'])
      assert.ok(actions.includes(step), `${step} in ${actions.join()}`);
    assert.ok(!actions.includes('notifying'), 'the dispatch is the notice');

    // The registry: made from the agency's photo reference, delivered to the person; no address anywhere but sealed.
    const doc = (await world.stores.applications.get(receipt.applicationId))!;
    assert.match(doc.applicant.photoId ?? '', /^GA-/);
    assert.equal(doc.applicant.name, person.name, "the registry's name");
    assert.ok(doc.delivery?.sealed, 'the address is kept sealed');
    assert.ok(!JSON.stringify(doc).includes('文三路'), 'never in clear');
    const [card] = await eventually(
      () => world.stores.cards.cardsOf(doc.personKey),
      (cards) => cards[0]?.status === 'issued',
      'the card registered collected',
    );
    assert.equal(card?.collection?.registeredBy.id, PARTNER_ACCOUNTS.courier.id);
    // "Where is my card?" shows the courier's tracking.
    const tracked = await whereIsMyCard(world, person);
    assert.equal(tracked.delivery?.trackingNumber, issued.delivery?.trackingNumber);
    assert.equal(tracked.delivery?.status, 'delivered');
    const { events } = await world.temporal.workflow.getHandle(doc.workflowId).fetchHistory();
    assert.ok(!JSON.stringify(events).includes('文三路'), 'no address in the workflow history');
  });

  it('brings the card back to its counter after three failed attempts, where the person collects it', async () => {
    const person = world.people[1]!;
    await world.sims.photoSource.sharePhotoOf(person.residentId);
    world.sims.courier.recipientAt(person.phone!, 'absent');
    const { applicationId } = await applyOnline(world, person);

    const back = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(back.delivery?.failedAttempts, 3);
    assert.equal(back.delivery?.status, 'returned');
    assert.equal(back.delivery?.returnedTo, COUNTER._id);
    assert.equal(back.history.filter((h) => h.action === 'delivery_failed').length, 3);
    const told = await eventually(
      () => world.sims.notifier.messages.find({ _id: `${applicationId}:parcel_returned:person` }).toArray(),
      (m) => m.length === 1,
      'the person told where to collect',
    );
    assert.equal(told[0]!.params.collectAt, COUNTER.name);
    // "Where is my card?" sends the person to that counter, not to the online desk.
    const tracked = await whereIsMyCard(world, person);
    assert.equal(tracked.application?.collectAt, COUNTER.name);
    assert.equal(tracked.delivery?.returnedTo, COUNTER.name);

    const issued = await world.client.applications.act(
      registerCollection,
      applicationId,
      {
        collectedBy: person.name,
        relation: 'self',
        receivedOn: shanghaiDate(new Date(await world.env.currentTimeMs())),
        place: COUNTER.name,
      },
      OPERATOR,
    );
    assert.equal(issued.stage, 'issued');
  });

  it('refuses a wrong code at the door: the courier keeps the card and tries again', async () => {
    const person = world.people[2]!;
    await world.sims.photoSource.sharePhotoOf(person.residentId);
    world.sims.courier.recipientAt(person.phone!, 'wrong_code');
    const { applicationId } = await applyOnline(world, person);
    const back = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.ok(!back.history.some((h) => h.action === 'delivered'));
    assert.equal(back.delivery?.failedAttempts, 3);
  });

  it('refuses bad input, and writes nothing', async () => {
    const person = world.people[3]!;
    const before = await world.db.collection('applications').countDocuments();
    // A code never sent, or used already.
    await assertRefused(
      world.client.online.apply({
        residentId: person.residentId,
        code: '000000',
        address: addressOf(person),
      }),
      'ONLINE_CODE_INVALID',
    );
    // An address that fails its schema.
    await world.client.online.requestCode({ residentId: person.residentId });
    const code = await lastCode(world, person.phone!, 'online_code');
    await assertRefused(
      world.client.online.apply({
        residentId: person.residentId,
        code,
        address: { ...addressOf(person), region: '999999', recipientPhone: '123' },
      }),
      'VALIDATION_FAILED',
    );
    // No photo to share and none sent.
    await world.sims.photoSource.withholdPhotoOf(person.residentId);
    await assertRefused(applyOnline(world, person), 'PHOTO_REQUIRED');
    // A region without an online policy.
    await world.sims.photoSource.sharePhotoOf(person.residentId);
    await assertRefused(
      applyOnline(world, person, { address: { ...addressOf(person), region: '440106' } }),
      'ONLINE_NOT_OFFERED',
    );
    assert.equal(await world.db.collection('applications').countDocuments(), before);

    // A courier's report on a parcel sscard never sent, or from another partner's account.
    const report = { parcelId: 'A0000000000-D1', event: 'picked_up', at: new Date().toISOString() };
    await assertRefused(
      world.client.deliveries.reportParcel(report, PARTNER_ACCOUNTS.courier),
      'PARCEL_UNKNOWN',
    );
  });

  it('keeps the person’s code through a refusal on the way: a photo not to spec, then the same code files once', async () => {
    const person = world.people[6]!;
    await world.sims.photoSource.withholdPhotoOf(person.residentId);
    await world.client.online.requestCode({ residentId: person.residentId });
    const code = await lastCode(world, person.phone!, 'online_code');
    const apply = (photoJpegBase64: string) =>
      world.client.online.apply({
        residentId: person.residentId,
        code,
        address: addressOf(person),
        photoJpegBase64,
      });
    const notAPhoto = await apply(Buffer.from('not a photo').toString('base64')).then(
      () => assert.fail('a photo not to spec was taken'),
      (error: unknown) => error as { code?: string },
    );
    assert.match(String(notAPhoto.code), /^PHOTO_/);
    const filed = await apply((await samplePhoto()).toString('base64'));
    assert.equal(filed.photo, 'uploaded');
    await assertRefused(apply((await samplePhoto()).toString('base64')), 'ONLINE_CODE_INVALID');
  });

  it('refuses a delivery code after it expired, and one for another parcel', async () => {
    const person = world.people[4]!;
    await world.sims.photoSource.sharePhotoOf(person.residentId);
    // Not at home: the parcel stays with the courier while the codes are tried by hand.
    world.sims.courier.recipientAt(person.phone!, 'absent');
    const { applicationId } = await applyOnline(world, person);
    const parcelId = `${applicationId}-D1`;
    await eventually(
      () => world.stores.parcels.get(parcelId),
      (p) => p?.trackingNumber !== undefined,
      'dispatch',
    );
    const code = await lastCode(world, person.phone!, 'delivery_code');
    const late = new Date(Date.now() + 15 * 86_400_000).toISOString();
    const deliver = (fields: { code: string; at: string }) =>
      world.client.deliveries.reportParcel(
        { parcelId, event: 'delivered', attempt: 1, ...fields },
        PARTNER_ACCOUNTS.courier,
      );
    await assertRefused(deliver({ code, at: late }), 'DELIVERY_CODE_EXPIRED');
    const wrong = code === '123456' ? '654321' : '123456';
    await assertRefused(deliver({ code: wrong, at: new Date().toISOString() }), 'DELIVERY_CODE_INVALID');
    // Another partner reporting on the courier's parcel learns nothing of it.
    await assertRefused(
      world.client.deliveries.reportParcel(
        { parcelId, event: 'picked_up', at: new Date().toISOString() },
        PARTNER_ACCOUNTS.manufacturer,
      ),
      'PARCEL_UNKNOWN',
    );
    const status = await world.client.applications.status(applicationId, OPERATOR);
    assert.ok(!status.history.some((h) => h.action === 'delivered'));
  });
});
