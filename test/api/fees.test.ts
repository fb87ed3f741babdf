// Fees over HTTP: an administrator's fee policies, an operator's waiver, and the payment provider's signed reports.
// What a caller may not do is refused with a code, and nothing is written.
import assert from 'node:assert/strict';
import { signCallback } from '../../api/signatures';
import type { ApplicationStatus } from '../../domain/status';
import { waitFor } from '../support/flow';
import { UNIT } from '../support/world';
import { apiWorldForSuite, PARTNER_SECRETS } from './support';

const POLICY = {
  region: '3301',
  effectiveFrom: '2020-01-01',
  fees: {
    first_card: 1500,
    loss_replacement: 2000,
    damage_replacement: 2000,
    renewal: 0,
    generation_switch: 0,
  },
  exemptions: ['DISABLED'],
};

describe('fees over HTTP', () => {
  const t = apiWorldForSuite();

  it('keeps fee policies, charges by them, and takes the provider’s report only signed with its secret', async () => {
    const invalid = await t.call('admin', 'PUT', '/v1/admin/fee-policies/hangzhou-fees', {
      body: { ...POLICY, fees: { ...POLICY.fees, loss_replacement: 19.99 } },
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error?.code, 'FEE_POLICY_INVALID');
    assert.equal((await t.call('clerk', 'GET', '/v1/admin/fee-policies')).status, 403);
    const put = await t.call('admin', 'PUT', '/v1/admin/fee-policies/hangzhou-fees', { body: POLICY });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const listed = await t.call<{ items: { id: string }[] }>('admin', 'GET', '/v1/admin/fee-policies');
    assert.deepEqual(listed.body.items.map((p) => p.id).sort(), ['hangzhou-fees', 'national-fees-2019']);

    t.world.sims.payment.payerOf('*', 'waits');
    const submitted = await t.call<{ applicationId: string }>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: t.world.people[3]! },
      idempotencyKey: `fee-${Date.now()}`,
    });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const { applicationId } = submitted.body;
    await waitFor(t.world, applicationId, (s) => s.awaiting === 'payment', 'the wait for the fee');
    const shown = await t.call<ApplicationStatus>('operator', 'GET', `/v1/applications/${applicationId}`);
    assert.equal(shown.body.fee?.dueFen, 1500);

    // An operator's waiver for an exemption the region does not grant: refused, the fee still due.
    const waiver = await t.call('operator', 'POST', `/v1/applications/${applicationId}/fee-waiver`, {
      body: { exemption: 'LOW_INCOME', note: 'certificate seen' },
      idempotencyKey: `waiver-${Date.now()}`,
    });
    assert.equal(waiver.status, 422, JSON.stringify(waiver.body));
    assert.equal(waiver.body.error?.code, 'FEE_EXEMPTION_NOT_IN_EFFECT');

    const chargeId = `${applicationId}-F1`;
    const report = (id: string, amountFen = 1500) =>
      JSON.stringify({ chargeId: id, event: 'paid', amountFen, at: new Date().toISOString() });
    const signedBy = (secret: string, body: string) => ({
      raw: body,
      headers: { 'Content-Type': 'application/json', ...signCallback(secret, body) },
    });
    const payment = PARTNER_SECRETS['payment-provider'][0]!;
    const unknownBody = report('A0000000000-F1');
    const unknown = await t.call(
      null,
      'POST',
      '/v1/partners/payment/reports',
      signedBy(payment, unknownBody),
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, 'PAYMENT_CHARGE_UNKNOWN');
    // The courier's signature is not the provider's, and learns nothing of the charge.
    const forgedBody = report(chargeId);
    const forged = await t.call(
      null,
      'POST',
      '/v1/partners/payment/reports',
      signedBy(PARTNER_SECRETS.courier[0]!, forgedBody),
    );
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error?.code, 'PAYMENT_CHARGE_UNKNOWN');
    // Another amount than the charge's pays for nothing.
    const short = await t.call(
      null,
      'POST',
      '/v1/partners/payment/reports',
      signedBy(payment, report(chargeId, 100)),
    );
    assert.equal(short.status, 422, JSON.stringify(short.body));
    assert.equal(short.body.error?.code, 'PAYMENT_AMOUNT_MISMATCH');
    assert.equal((await t.world.stores.charges.get(chargeId))?.status, 'open', 'nothing noted');

    const body = report(chargeId);
    const paid = await t.call(null, 'POST', '/v1/partners/payment/reports', signedBy(payment, body));
    assert.equal(paid.status, 200, JSON.stringify(paid.body));
    const printed = await waitFor(t.world, applicationId, (s) => s.printAttempts > 0, 'the print order');
    assert.equal(printed.fee?.payment?.status, 'paid');
  });
});
