// Photo intake through the API on the dev server: a unit uploads a person's JPEG, checked against the card photo
// specification of its region with a code for each way it misses; the photo is kept encrypted, shown to operators
// only, used only by an application for the same person, and fetched by the manufacturer through the signed,
// short-lived link of the print order.
import assert from 'node:assert/strict';
import { DEFAULT_POLICIES } from '../../domain/deadline-policy';
import { NATIONAL_PHOTO_SPEC } from '../../domain/photos';
import type { StoredPhoto } from '../../client/photos';
import type { ApplicationStatus } from '../../domain/status';
import type { CardLookup } from '../../domain/cards';
import { waitForStage } from '../support/flow';
import { samplePhoto as jpegOf } from '../../scripts/tools/sample-photo';
import { CLERK, UNIT } from '../support/world';
import { apiWorldForSuite, tokenOf } from './support';

describe('photo intake', () => {
  const t = apiWorldForSuite();

  const upload = (residentId: string, file: Buffer, as: 'clerk' | 'operator' = 'clerk') =>
    t.call<StoredPhoto>(as, 'POST', '/v1/photos', {
      body: { unitId: UNIT._id, residentId, jpegBase64: file.toString('base64') },
    });

  it('keeps a photo to the specification, encrypted, and shows it to operators only', async () => {
    const person = t.world.people[0]!;
    const file = await jpegOf();
    assert.ok(file.length > 9 * 1024 && file.length < 20 * 1024, `the fixture is ${file.length} bytes`);
    const stored = await upload(person.residentId, file);
    assert.equal(stored.status, 201, JSON.stringify(stored.body));
    assert.match(stored.body.photoId, /^P[0-9a-f]{24}$/);
    assert.deepEqual([stored.body.width, stored.body.height, stored.body.bytes], [358, 441, file.length]);

    const doc = (await t.world.stores.photos.get(stored.body.photoId))!;
    const kept = Buffer.from(doc.sealed.buffer);
    assert.equal(kept.indexOf(file.subarray(0, 64)), -1, 'not kept in the clear');
    assert.notEqual(kept.subarray(0, 2).toString('hex'), 'ffd8', 'no JPEG header in the database');

    const seen = await fetch(`${t.url}/v1/photos/${stored.body.photoId}`, {
      headers: { Authorization: `Bearer ${tokenOf('operator')}` },
    });
    assert.equal(seen.status, 200);
    assert.equal(seen.headers.get('content-type'), 'image/jpeg');
    assert.ok(Buffer.from(await seen.arrayBuffer()).equals(file), 'the operator sees the very file');
    assert.equal((await t.call('clerk', 'GET', `/v1/photos/${stored.body.photoId}`)).status, 403);
  });

  it('refuses a photo that misses the specification, with a code for each way it misses', async () => {
    const person = t.world.people[1]!;
    const codes = async (file: Buffer) => {
      const answer = await upload(person.residentId, file);
      assert.equal(answer.status, 422, JSON.stringify(answer.body));
      const details = answer.body.error?.details as { problems?: { code: string }[] } | undefined;
      return [answer.body.error?.code, ...(details?.problems ?? []).map((p) => p.code)];
    };
    assert.deepEqual(await codes(await jpegOf(400, 500, { quality: 80 })), [
      'PHOTO_NOT_TO_SPEC',
      'PHOTO_DIMENSIONS',
      'PHOTO_FILE_TOO_LARGE',
    ]);
    assert.deepEqual(await codes(await jpegOf(358, 441, { grey: true, quality: 50 })), [
      'PHOTO_NOT_TO_SPEC',
      'PHOTO_NOT_COLOUR',
    ]);
    assert.deepEqual(await codes(await jpegOf(358, 441, { quality: 2 })), [
      'PHOTO_NOT_TO_SPEC',
      'PHOTO_FILE_TOO_SMALL',
    ]);
    assert.deepEqual((await codes(await jpegOf(358, 441, { format: 'png' })))[0], 'PHOTO_NOT_TO_SPEC');
    const truncated = (await jpegOf()).subarray(0, 4000);
    assert.deepEqual(await codes(Buffer.from('not an image at all')), ['PHOTO_UNREADABLE']);
    assert.deepEqual(await codes(truncated), ['PHOTO_UNREADABLE']);

    // A locality that sets another file size range: the same photo passes there.
    const national = DEFAULT_POLICIES.find((p) => p.id === 'national-sporadic-2019')!;
    await t.world.stores.policies.upsert({
      ...national,
      id: 'unit-region-photos',
      region: UNIT.region,
      photoSpec: { width: 358, height: 441, minKB: 1, maxKB: 40 },
    });
    try {
      assert.equal((await upload(person.residentId, await jpegOf(358, 441, { quality: 2 }))).status, 201);
    } finally {
      await t.world.stores.policies.upsert({
        ...national,
        id: 'unit-region-photos',
        region: UNIT.region,
        photoSpec: NATIONAL_PHOTO_SPEC,
      });
    }
  });

  it("an application uses its own person's photo only; the print order's signed link gives the factory the photo", async function () {
    this.timeout(120_000);
    const person = t.world.people[2]!;
    const other = t.world.people[3]!;
    const file = await jpegOf();
    const { photoId } = (await upload(person.residentId, file)).body;

    // Another person's photo cannot be printed on this person's card.
    const borrowed = await t.call<{ applicationId: string }>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: { ...other, photoId } },
      idempotencyKey: `photo-${Date.now()}`,
    });
    assert.equal(borrowed.status, 201, JSON.stringify(borrowed.body));
    const flagged = await waitForStage(t.world, borrowed.body.applicationId, 'awaiting_review', 60_000);
    assert.ok(flagged.auditFlags.includes('PHOTO_UNUSABLE'), flagged.auditFlags.join(', '));

    const own = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: { ...person, photoId } },
      CLERK,
    );
    const status: ApplicationStatus = await waitForStage(
      t.world,
      own.applicationId,
      'awaiting_collection',
      60_000,
    );
    assert.deepEqual(status.auditFlags, []);
    const order = (await t.world.sims.db
      .collection<{ _id: string; photoUrl?: string }>('mfr_orders')
      .findOne({ _id: `${own.applicationId}-P1` }))!;
    assert.ok(order.photoUrl, 'the order carries a link to the photo');
    const link = new URL(order.photoUrl);
    const fetched = await fetch(`${t.url}${link.pathname}`);
    assert.equal(fetched.status, 200);
    assert.ok(Buffer.from(await fetched.arrayBuffer()).equals(file));
    const altered = link.pathname.replace(/\.(\d+)\./, (_, s: string) => `.${Number(s) + 3600}.`);
    assert.equal((await fetch(`${t.url}${altered}`)).status, 403, 'a link cannot be extended');
    assert.ok(!JSON.stringify(order).includes(file.toString('base64').slice(0, 40)), 'no photo in the order');

    // At the counter, staff see the photo on the person's card; the unit's clerk does not.
    const lookup = (as: 'operator' | 'clerk') =>
      t.call<CardLookup>(as, 'POST', '/v1/cards/lookup', { body: { residentId: person.residentId } });
    assert.equal((await lookup('operator')).body.current?.photoId, photoId);
    assert.equal((await lookup('clerk')).body.current?.photoId, undefined);
  });
});
