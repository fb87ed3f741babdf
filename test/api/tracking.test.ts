// "Where is my card?" through the API, on the dev server: a person follows their own application with the link of
// their issuance SMS or a one-time code sent to their phone; the answers tell nobody else anything, a code works
// once and not after 5 wrong tries, a person gets 3 codes an hour, and the routes hold a tight rate per address.
import assert from 'node:assert/strict';
import { personKey } from '../../crypto/person-key';
import type { TrackingView } from '../../domain/tracking';
import { submitApplication, waitForStage } from '../support/flow';
import { CLERK, UNIT } from '../support/world';
import { apiWorldForSuite } from './support';

describe('where is my card?', () => {
  const t = apiWorldForSuite({ limits: { selfService: { burst: 40, perSecond: 0.001 } } });

  /** The SMS the simulated gateway sent to a phone, newest last. */
  const smsTo = async (phone: string) =>
    (await t.world.sims.notifier.messages.find({ to: phone }).sort({ sentAt: 1 }).toArray()).map((m) => ({
      template: m.template,
      params: m.params,
    }));
  const requestCode = (residentId: string) =>
    t.call<{ message: string }>(null, 'POST', '/v1/track/code', { body: { residentId } });
  const track = (residentId: string, code: string) =>
    t.call<TrackingView>(null, 'POST', '/v1/track', { body: { residentId, code } });

  it('the issuance SMS links to the application; a code sent to the phone opens the same view, once', async function () {
    this.timeout(120_000);
    const person = t.world.people[0]!;
    const applicationId = await submitApplication(t.world, person);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);

    const issued = (await smsTo(person.phone!)).find((m) => m.template === 'issuance_ready')!;
    const link = new URL(issued.params.trackUrl!);
    assert.match(link.pathname, /^\/track\/A/);
    assert.ok(!issued.params.trackUrl!.includes(person.residentId));
    const token = link.pathname.slice('/track/'.length);
    const byLink = await t.call<TrackingView>(null, 'GET', `/v1/track/links/${token}`);
    assert.equal(byLink.status, 200, JSON.stringify(byLink.body));
    assert.equal(byLink.body.application?.applicationId, applicationId);
    assert.equal(byLink.body.application?.stage, 'awaiting_collection');
    assert.equal(byLink.body.application?.step, 7);
    assert.equal(byLink.body.application?.collectAt, UNIT.name);
    assert.equal(byLink.body.card?.status, 'awaiting_collection');
    const text = JSON.stringify(byLink.body);
    for (const secret of [person.name, person.residentId, person.phone!])
      assert.ok(!text.includes(secret), 'the view names no one');

    // An altered link, or one from before its last day was changed, opens nothing.
    const altered = token.replace(/\.(\d+)\./, (_, day: string) => `.${Number(day) + 1}.`);
    for (const bad of [altered, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, 'Anothing.1.x'])
      assert.equal(
        (await t.call(null, 'GET', `/v1/track/links/${bad}`)).body.error?.code,
        'TRACKING_LINK_INVALID',
      );

    const receipt = await requestCode(person.residentId);
    assert.equal(receipt.status, 202);
    const code = (await smsTo(person.phone!)).find((m) => m.template === 'tracking_code')!.params.code!;
    assert.match(code, /^\d{6}$/);
    const wrong = code === '000000' ? '000001' : '000000';
    assert.equal((await track(person.residentId, wrong)).body.error?.code, 'TRACKING_CODE_INVALID');
    const opened = await track(person.residentId, code);
    assert.equal(opened.status, 200, JSON.stringify(opened.body));
    assert.deepEqual(opened.body, byLink.body);
    assert.equal(
      (await track(person.residentId, code)).body.error?.code,
      'TRACKING_CODE_INVALID',
      'used once',
    );
    assert.ok(!JSON.stringify(t.logs).includes(code), 'the code stays out of the log');
    assert.ok(!JSON.stringify(t.logs).includes(person.residentId));
  });

  it('answers the same for a person not on record, voids a code tried 5 times wrong, sends 3 codes an hour', async () => {
    const unknown = t.world.people[19]!; // never applied
    const stranger = await requestCode(unknown.residentId);
    const person = t.world.people[1]!;
    await t.world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK);
    const known = await requestCode(person.residentId);
    assert.deepEqual(
      { status: stranger.status, body: stranger.body },
      { status: known.status, body: known.body },
    );
    assert.deepEqual(await smsTo(unknown.phone!), [], 'nothing is sent for a person not on record');
    assert.equal((await track(unknown.residentId, '123456')).body.error?.code, 'TRACKING_CODE_INVALID');

    const code = (await smsTo(person.phone!)).find((m) => m.template === 'tracking_code')!.params.code!;
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) await track(person.residentId, wrong);
    assert.equal(
      (await track(person.residentId, code)).body.error?.code,
      'TRACKING_CODE_INVALID',
      'void after 5 wrong tries',
    );

    await requestCode(person.residentId);
    await requestCode(person.residentId);
    const limited = await requestCode(person.residentId);
    assert.equal(limited.status, 202, 'the answer does not tell either');
    const codes = (await smsTo(person.phone!)).filter((m) => m.template === 'tracking_code');
    assert.equal(codes.length, 3, 'three codes in the hour');
    const doc = await t.world.stores.tracking.useCode(
      personKey(person.residentId, t.world.keyring.personKeySecret),
      'not-a-hash',
      new Date(),
    );
    assert.equal(doc, false);

    const bad = await t.call(null, 'POST', '/v1/track/code', { body: { residentId: '12345' } });
    assert.equal(bad.status, 400);
  });

  it('holds the self-service routes to their own rate per address, not the rest of the API', async () => {
    let refused;
    for (let i = 0; i < 45 && !refused; i++) {
      const answer = await t.call(null, 'POST', '/v1/track', { body: { residentId: 'x', code: '1' } });
      if (answer.status === 429) refused = answer;
    }
    assert.equal(refused?.body.error?.code, 'RATE_LIMITED');
    assert.ok(refused?.headers.get('retry-after'));
    assert.equal((await t.call(null, 'GET', '/healthz')).status, 200);
  });
});
