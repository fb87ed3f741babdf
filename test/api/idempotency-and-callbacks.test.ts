import { expedite, resubmit, review } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { callerScope, fingerprint, requestIdOf } from '../../api/idempotency';
import { signCallback } from '../../api/signatures';
import { type ApiKeyDoc, hashToken } from '../../store/api-keys';
import type { ApplicationStatus } from '../../domain/status';
import type { ActionDescriptor } from '../../domain/actions/define';
import type { z } from 'zod';
import { submitApplication, waitFor, waitForStage } from '../support/flow';
import { MANUFACTURER, OPERATOR, UNIT } from '../support/world';
import {
  ACTORS,
  apiWorldForSuite,
  flaggedApplication,
  OTHER_UNIT,
  PARTNER_SECRETS,
  SUSPENDED_UNIT,
  uniqueKey,
} from './support';

const REPORTS = '/v1/partners/manufacturer/print-reports';

describe('retried requests and signed partner callbacks', () => {
  const t = apiWorldForSuite();
  before(() => {
    // The simulated factory takes an hour, so the reports in these tests are the ones the tests send.
    t.world.sims.manufacturer.settings.printMs = 3_600_000;
  });

  describe('Idempotency-Key', () => {
    /** The unit's clerk submits an application through the API, with an Idempotency-Key. */
    const clerkSubmits = (body: object, idempotencyKey: string) =>
      t.call<ApplicationStatus>('clerk', 'POST', '/v1/applications', { body, idempotencyKey });

    it('the same key and body get the same answer, and the application is created once', async () => {
      const key = uniqueKey();
      const body = { unitId: UNIT._id, applicant: t.world.people[0] };
      const first = await clerkSubmits(body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      // The same request written differently (key order, spacing) is the same request.
      const reordered = `{ "applicant": ${JSON.stringify(t.world.people[0])},   "unitId": "${UNIT._id}" }`;
      const retry = await t.call<ApplicationStatus>('clerk', 'POST', '/v1/applications', {
        raw: reordered,
        idempotencyKey: key,
      });
      assert.equal(retry.status, 201);
      assert.equal(retry.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(retry.body, first.body);
      assert.equal(await t.world.db.collection('applications').countDocuments({}), 1);

      const other = await t.call('clerk', 'POST', '/v1/applications', {
        body: { unitId: UNIT._id, applicant: t.world.people[1] },
        idempotencyKey: key,
      });
      assert.equal(other.status, 422);
      assert.equal(other.body.error?.code, 'IDEMPOTENCY_KEY_REUSED');
      assert.equal(
        await t.world.db.collection('applications').countDocuments({}),
        1,
        'the other body did nothing',
      );

      // Keys belong to their caller: an operator's same key is a new request (here refused: already in flight).
      const operators = await t.call('operator', 'POST', '/v1/applications', { body, idempotencyKey: key });
      assert.equal(operators.body.error?.code, 'APPLICATION_IN_FLIGHT');
    });

    it('an answer is replayed only to the caller it was given to, never to the same account in another unit', async () => {
      // Today a second key for one account in another unit is refused...
      const twin = { role: 'unit_clerk' as const, id: ACTORS.clerk.id, unitId: OTHER_UNIT._id };
      const refused = await t.call('admin', 'POST', '/v1/admin/keys', {
        body: { name: 'the same account elsewhere', actor: twin },
        idempotencyKey: uniqueKey(),
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error?.code, 'ACCOUNT_IN_OTHER_UNIT');
      // ...but a key may predate that rule.
      const twinToken = 'test-token-twin-clerk-0123456789abcdef';
      await t.world.db.collection<ApiKeyDoc>('api_keys').insertOne({
        _id: hashToken(twinToken),
        keyId: 'key_twin',
        name: 'issued before the rule',
        actor: twin,
        createdAt: new Date(),
        createdBy: 'admin-01',
      });

      const key = uniqueKey();
      const body = { unitId: UNIT._id, applicant: t.world.people[9] };
      const first = await clerkSubmits(body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const resent = await t.call('clerk', 'POST', '/v1/applications', {
        body,
        idempotencyKey: key,
        headers: { Authorization: `Bearer ${twinToken}` },
      });
      assert.equal(resent.headers.get('idempotent-replayed'), null);
      assert.equal(resent.status, 403, JSON.stringify(resent.body));
      assert.equal(resent.body.error?.code, 'NOT_YOUR_UNIT');
      assert.ok(!JSON.stringify(resent.body).includes(first.body.applicationId));
    });

    it('a request still in flight is refused with 409, and then answered once it is done', async () => {
      const key = uniqueKey();
      const body = { unitId: UNIT._id, applicant: t.world.people[2] };
      // The first request, on another API process, has claimed the key and not answered yet.
      await t.world.stores.idempotency.claim(
        callerScope(ACTORS.clerk),
        key,
        fingerprint('POST', '/v1/applications', body),
        'another-api-process',
      );
      const meanwhile = await clerkSubmits(body, key);
      assert.equal(meanwhile.status, 409);
      assert.equal(meanwhile.body.error?.code, 'IDEMPOTENCY_IN_FLIGHT');
      // By ID number: the synthetic people's names may repeat.
      const stored = () =>
        t.world.db
          .collection('applications')
          .countDocuments({ 'applicant.residentId': body.applicant!.residentId });
      assert.equal(await stored(), 0);

      // Real concurrent retries of one request: one creates, the others wait their turn or get its answer.
      const concurrentKey = uniqueKey();
      const answers = await Promise.all(Array.from({ length: 4 }, () => clerkSubmits(body, concurrentKey)));
      const statuses = answers.map((a) => (a.status === 201 ? 201 : a.body.error?.code));
      assert.ok(
        statuses.every((s) => s === 201 || s === 'IDEMPOTENCY_IN_FLIGHT'),
        JSON.stringify(statuses),
      );
      const created = answers.filter((a) => a.status === 201).map((a) => a.body.applicationId);
      assert.ok(created.length >= 1 && new Set(created).size === 1, 'one application, whoever answered');
      const finally_ = await clerkSubmits(body, concurrentKey);
      assert.equal(finally_.body.applicationId, created[0]);
      assert.equal(await stored(), 1);
    });

    it('a refusal is an answer too: replayed for the same key; creating requests without a key are refused', async () => {
      const key = uniqueKey();
      const body = { unitId: SUSPENDED_UNIT._id, applicant: t.world.people[3] };
      const refused = await t.call('operator', 'POST', '/v1/applications', { body, idempotencyKey: key });
      assert.equal(refused.body.error?.code, 'UNIT_NOT_ACTIVE');
      const again = await t.call('operator', 'POST', '/v1/applications', { body, idempotencyKey: key });
      assert.deepEqual(again.body, refused.body);
      assert.equal(again.headers.get('idempotent-replayed'), 'true');

      const missing = await t.call('operator', 'POST', '/v1/applications', { body });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.error?.code, 'IDEMPOTENCY_KEY_MISSING');
      const batchMissing = await t.call('operator', 'POST', '/v1/batches', {
        body: { unitId: UNIT._id, applicants: [{}] },
      });
      assert.equal(batchMissing.body.error?.code, 'IDEMPOTENCY_KEY_MISSING');
      const malformed = await t.call('operator', 'POST', '/v1/applications', {
        body,
        headers: { 'Idempotency-Key': 'has spaces in it' },
      });
      assert.equal(malformed.body.error?.code, 'VALIDATION_FAILED');
    });

    it('an action retried with its key is answered again instead of being refused as done', async () => {
      const applicationId = await flaggedApplication(t, 4);
      await waitForStage(t.world, applicationId, 'awaiting_review');
      const key = uniqueKey();
      const target = `/v1/applications/${applicationId}/expedite`;
      const first = await t.call<ApplicationStatus>('operator', 'POST', target, {
        body: { reason: 'urgent' },
        idempotencyKey: key,
      });
      assert.equal(first.body.expedited, true);
      const retried = await t.call<ApplicationStatus>('operator', 'POST', target, {
        body: { reason: 'urgent' },
        idempotencyKey: key,
      });
      assert.equal(retried.status, 200);
      assert.deepEqual(retried.body, first.body);
      const withoutKey = await t.call('operator', 'POST', target, { body: { reason: 'urgent' } });
      assert.equal(withoutKey.body.error?.code, 'ALREADY_EXPEDITED');
    });

    /**
     * Sends the action through the client as the API sends it, with the request ID of a new Idempotency-Key, and
     * returns the key with the workflow's answer: the answer the API lost in the cases below.
     */
    async function takenWithItsAnswerLost<Body extends z.ZodObject>(
      action: ActionDescriptor<Body>,
      applicationId: string,
      body: z.input<Body>,
      as: 'operator' | 'clerk',
    ): Promise<{ key: string; answer: ApplicationStatus }> {
      const key = uniqueKey();
      const requestId = requestIdOf(callerScope(ACTORS[as]), key);
      const answer = await t.world.client.applications.act(action, applicationId, body, ACTORS[as], {
        requestId,
      });
      return { key, answer };
    }

    // The fault run's case: the workflow took the action, but the API failed before it could keep the answer
    // (Temporal timed the update out while a worker restarted), so the key was given back and the retry runs anew.
    // The first attempt is sent here through the client as the API sends it, with the request's ID.
    it('an action the workflow took while its answer was lost gets that answer when sent again with its key', async () => {
      const applicationId = await flaggedApplication(t, 7);
      await waitForStage(t.world, applicationId, 'awaiting_review');
      const { key, answer: taken } = await takenWithItsAnswerLost(
        expedite,
        applicationId,
        { reason: 'urgent' },
        'operator',
      );
      assert.equal(taken.expedited, true);
      const retried = await t.call<ApplicationStatus>(
        'operator',
        'POST',
        `/v1/applications/${applicationId}/expedite`,
        {
          body: { reason: 'urgent' },
          idempotencyKey: key,
        },
      );
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.equal(retried.body.expedited, true);
      assert.equal(retried.body.history.filter((s) => s.action === 'expedited').length, 1);
    });

    it('a rejection the workflow took while its answer was lost gets that answer, not ALREADY_CLOSED', async () => {
      const applicationId = await flaggedApplication(t, 10);
      await waitForStage(t.world, applicationId, 'awaiting_review');
      const body = { decision: 'reject' as const, note: 'no phone number' };
      const { key, answer: first } = await takenWithItsAnswerLost(review, applicationId, body, 'operator');
      await waitFor(t.world, applicationId, (s) => s.outcome === 'rejected', 'the rejection');
      const target = `/v1/applications/${applicationId}/review`;
      const retried = await t.call<ApplicationStatus>('operator', 'POST', target, {
        body,
        idempotencyKey: key,
      });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.deepEqual(retried.body, first);
      const fresh = await t.call('operator', 'POST', target, { body });
      assert.equal(fresh.body.error?.code, 'ALREADY_CLOSED');
      const freshKey = await t.call('operator', 'POST', target, { body, idempotencyKey: uniqueKey() });
      assert.equal(freshKey.body.error?.code, 'ALREADY_CLOSED', 'a new request with a key is refused too');
    });

    it('a correction the workflow took while its answer was lost gets that answer, and no second revision', async () => {
      const person = t.world.people[8]!;
      const applicationId = await submitApplication(t.world, { ...person, name: `${person.name}子` });
      await waitForStage(t.world, applicationId, 'returned');
      const { key, answer: first } = await takenWithItsAnswerLost(
        resubmit,
        applicationId,
        { applicant: person },
        'clerk',
      );
      const moved = await waitFor(
        t.world,
        applicationId,
        (s) => s.history.some((step) => step.action === 'resubmitted'),
        'the correction taken',
      );
      const target = `/v1/applications/${applicationId}/resubmit`;
      const retried = await t.call<ApplicationStatus>('clerk', 'POST', target, {
        body: { applicant: person },
        idempotencyKey: key,
      });
      assert.equal(retried.status, 200, JSON.stringify(retried.body));
      assert.deepEqual(retried.body, first);
      assert.equal(moved.history.filter((step) => step.action === 'resubmitted').length, 1);
      assert.equal((await t.world.stores.applications.revisionsOf(applicationId)).length, 1);
      // Without the key it is a new correction, refused as the application no longer waits for one.
      const fresh = await t.call('clerk', 'POST', target, { body: { applicant: person } });
      assert.equal(fresh.body.error?.code, 'NOT_RETURNED');
    });
  });

  describe('signed callbacks', () => {
    let applicationId: string;
    let orderId: string;
    before(async function () {
      this.timeout(60_000);
      ({ applicationId } = await t.world.client.applications.submit(
        { unitId: UNIT._id, applicant: t.world.people[5] },
        OPERATOR,
      ));
      await waitForStage(t.world, applicationId, 'printing');
      orderId = `${applicationId}-P1`;
      // The stage moves to printing before the order is placed.
      for (let i = 0; i < 100 && !(await t.world.stores.printOrders.get(orderId)); i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal((await t.world.stores.printOrders.get(orderId))?.status, 'placed');
    });

    const printed = () =>
      JSON.stringify({
        orderId,
        outcome: 'printed',
        cardNumber: 'A12345678',
        chipId: '0123456789ABCDEF',
        at: new Date().toISOString(),
      });

    async function unchanged(): Promise<void> {
      assert.equal((await t.world.stores.printOrders.get(orderId))?.status, 'placed');
      assert.equal((await t.world.client.applications.status(applicationId, OPERATOR)).stage, 'printing');
    }

    it('refuses unsigned, tampered, wrongly keyed, unknown and stale callbacks, and they change nothing', async () => {
      const body = printed();
      const secret = PARTNER_SECRETS[MANUFACTURER.id][0]!;
      const cases: [string, Record<string, string>, string, string][] = [
        [
          'unsigned',
          { 'webhook-id': '', 'webhook-timestamp': '', 'webhook-signature': '' },
          body,
          'SIGNATURE_INVALID',
        ],
        ['tampered', signCallback(secret, body), body.replace('A12345678', 'B12345678'), 'SIGNATURE_INVALID'],
        [
          'signed with another secret',
          signCallback('not-the-secret-0123456789', body),
          body,
          'SIGNATURE_INVALID',
        ],
        [
          'signed with a secret of its own, in whsec_ form',
          signCallback(`whsec_${Buffer.from('someone-else-s-secret-0123').toString('base64')}`, body),
          body,
          'SIGNATURE_INVALID',
        ],
        [
          'malformed signature',
          { ...signCallback(secret, body), 'webhook-signature': 'v2,abc' },
          body,
          'SIGNATURE_INVALID',
        ],
        [
          'six minutes old',
          signCallback(secret, body, { now: new Date(Date.now() - 360_000) }),
          body,
          'SIGNATURE_STALE',
        ],
        [
          'six minutes ahead',
          signCallback(secret, body, { now: new Date(Date.now() + 360_000) }),
          body,
          'SIGNATURE_STALE',
        ],
      ];
      for (const [what, headers, sent, code] of cases) {
        const answer = await t.callback(REPORTS, sent, headers);
        assert.equal(answer.status, 401, `${what}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.body.error?.code, code, what);
      }
      // A bearer token is no signature, whoever holds it.
      const bearer = await t.call('partner', 'POST', REPORTS, { body: JSON.parse(body) });
      assert.equal(bearer.body.error?.code, 'SIGNATURE_INVALID');
      // The bank signs correctly, but the order is the manufacturer's.
      const bank = await t.callback(
        REPORTS,
        body,
        signCallback(PARTNER_SECRETS['cooperative-bank'][0]!, body),
      );
      assert.equal(bank.status, 404);
      assert.equal(bank.body.error?.code, 'ORDER_UNKNOWN');
      await unchanged();
    });

    it('accepts a valid report once: the application moves on, a resend and a second report are refused', async () => {
      const body = printed();
      const headers = signCallback(PARTNER_SECRETS[MANUFACTURER.id][0]!, body);
      // A second report sent right after the first, before the workflow settled the order, meets the refusal a
      // report meets after it.
      const signatures = [headers, signCallback(PARTNER_SECRETS[MANUFACTURER.id][0]!, body)];
      const answers = await Promise.all(signatures.map((signed) => t.callback(REPORTS, body, signed)));
      const first = answers.findIndex((a) => a.status === 200);
      const [accepted, meanwhile] = [answers[first], answers[1 - first]];
      assert.ok(accepted && meanwhile, JSON.stringify(answers.map((a) => a.body)));
      assert.deepEqual(accepted.body, { accepted: true, applicationId });
      assert.equal(meanwhile.status, 409, JSON.stringify(meanwhile.body));
      assert.equal(meanwhile.body.error?.code, 'ORDER_ALREADY_REPORTED');
      await waitFor(t.world, applicationId, (s) => s.stage !== 'printing', 'the report applied');

      const replay = await t.callback(REPORTS, body, signatures[first]);
      assert.equal(replay.status, 401);
      assert.equal(replay.body.error?.code, 'SIGNATURE_REPLAYED');
      // Standard Webhooks: a resend keeps its webhook-id, signed afresh; it is the same message.
      const resent = await t.callback(
        REPORTS,
        body,
        signCallback(PARTNER_SECRETS[MANUFACTURER.id][0]!, body, {
          id: signatures[first]!['webhook-id'],
          now: new Date(Date.now() + 1000),
        }),
      );
      assert.equal(resent.body.error?.code, 'SIGNATURE_REPLAYED');
      const resigned = await t.callback(
        REPORTS,
        body,
        signCallback(PARTNER_SECRETS[MANUFACTURER.id][0]!, body),
      );
      assert.equal(resigned.status, 409);
      assert.equal(resigned.body.error?.code, 'ORDER_ALREADY_REPORTED');
      assert.equal((await t.world.stores.printOrders.get(orderId))?.status, 'printed');
    });
  });
});
