// The online lane over HTTP: the person's two calls, and the courier's signed reports. What a caller may not do is
// refused with a code, and nothing is written.
import assert from 'node:assert/strict';
import { signCallback } from '../../api/signatures';
import { eventually } from '../support/flow';
import { UNIT } from '../support/world';
import { apiWorldForSuite, PARTNER_SECRETS } from './support';

describe('online applications over HTTP', () => {
  const t = apiWorldForSuite();

  it('lets an administrator register a counter with a printer, and a clerk apply there at once', async () => {
    const body = { name: '滨江区服务大厅 3 号窗口', region: '330108', kind: 'service_hall', printer: true };
    const clerk = await t.call('clerk', 'PUT', '/v1/admin/counters/330108-HALL-03', { body });
    assert.equal(clerk.status, 403);
    const elsewhere = await t.call('admin', 'PUT', '/v1/admin/counters/330100-HALL-03', { body });
    assert.equal(elsewhere.body.error?.code, 'VALIDATION_FAILED', 'the ID names another region');
    const put = await t.call<{ _id: string; status: string }>(
      'admin',
      'PUT',
      '/v1/admin/counters/330108-HALL-03',
      {
        body,
      },
    );
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.equal(put.body.status, 'open');
    const person = t.world.people[6]!;
    const submitted = await t.call<{ lane?: string }>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: person, instant: { counterId: '330108-HALL-03' } },
      idempotencyKey: `counter-${Date.now()}`,
    });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    assert.equal(submitted.body.lane, 'instant');
    // Closed: refused from then on.
    await t.call('admin', 'PUT', '/v1/admin/counters/330108-HALL-03', {
      body: { ...body, status: 'closed' },
    });
    const closed = await t.call('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: t.world.people[7]!, instant: { counterId: '330108-HALL-03' } },
      idempotencyKey: `counter-closed-${Date.now()}`,
    });
    assert.equal(closed.body.error?.code, 'COUNTER_CLOSED');
  });

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
    // The body signed is the body sent (each report carries its own time).
    const body = report('A0000000000-D1');
    const unknown = await t.call(null, 'POST', '/v1/partners/courier/reports', {
      raw: body,
      headers: { 'Content-Type': 'application/json', ...signCallback(PARTNER_SECRETS.courier[0]!, body) },
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
