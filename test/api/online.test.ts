// The online lane over HTTP: the person's two calls, and the courier's signed reports. What a caller may not do is
// refused with a code, and nothing is written.
import assert from 'node:assert/strict';
import { signCallback } from '../../api/signatures';
import { eventually } from '../support/flow';
import { apiWorldForSuite, PARTNER_SECRETS } from './support';

describe('online applications over HTTP', () => {
  const t = apiWorldForSuite();

  it('files a person’s own application for the code of their SMS, and refuses a bad address or code first', async () => {
    const person = t.world.people[5]!;
    await t.world.sims.photoSource.sharePhotoOf(person.residentId);
    const sent = await t.call(null, 'POST', '/v1/online/code', { body: { residentId: person.residentId } });
    assert.equal(sent.status, 202);
    const [sms] = await eventually(
      () => t.world.sims.notifier.messages.find({ to: person.phone, template: 'online_code' }).toArray(),
      (m) => m.length === 1,
      'the code by SMS',
    );
    const address = {
      region: '330106',
      line: '文三路 90 号 3 幢',
      recipientName: person.name,
      recipientPhone: person.phone,
    };
    const before = await t.world.db.collection('applications').countDocuments();
    const badAddress = await t.call(null, 'POST', '/v1/online/applications', {
      body: { residentId: person.residentId, code: sms!.params.code, address: { ...address, region: '12' } },
    });
    assert.equal(badAddress.status, 400);
    assert.equal(badAddress.body.error?.code, 'VALIDATION_FAILED');
    const wrongCode = await t.call(null, 'POST', '/v1/online/applications', {
      body: {
        residentId: person.residentId,
        code: sms!.params.code === '000000' ? '111111' : '000000',
        address,
      },
    });
    assert.equal(wrongCode.body.error?.code, 'ONLINE_CODE_INVALID');
    assert.equal(await t.world.db.collection('applications').countDocuments(), before);

    const filed = await t.call<{ applicationId: string; photo: string }>(
      null,
      'POST',
      '/v1/online/applications',
      {
        body: { residentId: person.residentId, code: sms!.params.code, address },
      },
    );
    assert.equal(filed.status, 201);
    assert.equal(filed.body.photo, 'agency');
    assert.match(filed.body.applicationId, /^A/);
  });

  it('takes the courier’s reports only signed with the courier’s secret, and only on its parcels', async () => {
    const report = (parcelId: string) =>
      JSON.stringify({ parcelId, event: 'picked_up', at: new Date().toISOString() });
    const unknown = await t.call(null, 'POST', '/v1/partners/courier/reports', {
      raw: report('A0000000000-D1'),
      headers: {
        'Content-Type': 'application/json',
        ...signCallback(PARTNER_SECRETS.courier[0]!, report('A0000000000-D1')),
      },
    });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'PARCEL_UNKNOWN');

    // A parcel on its way: the manufacturer's signature is not the courier's, and learns nothing of it.
    const parcel = await eventually(
      () => t.world.db.collection<{ _id: string }>('parcels').findOne({}),
      (p) => p !== null,
      'a parcel booked',
      30_000,
    );
    const forged = await t.callback('/v1/partners/courier/reports', report(parcel!._id));
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error?.code, 'PARCEL_UNKNOWN');
    // Not signed at all: refused before anything is read.
    const unsigned = await t.call(null, 'POST', '/v1/partners/courier/reports', {
      raw: report(parcel!._id),
      headers: { 'Content-Type': 'application/json' },
    });
    assert.equal(unsigned.status, 401);
  });
});
