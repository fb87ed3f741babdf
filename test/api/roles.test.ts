import assert from 'node:assert/strict';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { ApplicationListItem } from '../../domain/lists';
import type { ApplicationStatus } from '../../domain/status';
import { eventually, waitForStage } from '../support/flow';
import { COUNTER, COUNTER_WITHOUT_PRINTER, INSTANT_POLICY, OPERATOR, UNIT } from '../support/world';
import {
  ACTORS,
  type ApiWorld,
  type As,
  flaggedApplication,
  OTHER_UNIT,
  startApiWorld,
  uniqueKey,
} from './support';

const ROLES = Object.keys(ACTORS) as As[];
type Expected = Partial<Record<As, number | string>>;

/** Asserts each role's answer: a status for success, an error code for a refusal. */
async function expectByRole(
  t: ApiWorld,
  method: string,
  target: string,
  expected: Expected,
  body?: unknown,
): Promise<void> {
  for (const as of ROLES) {
    const want = expected[as];
    if (want === undefined) continue;
    const answer = await t.call(as, method, target, {
      ...(body !== undefined ? { body } : {}),
      idempotencyKey: uniqueKey(),
    });
    const got = answer.status < 300 ? answer.status : answer.body.error?.code;
    assert.equal(got, want, `${as} ${method} ${target}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

const onlyAdmin = (success: number): Expected => ({
  clerk: 'ROLE_NOT_ALLOWED',
  otherClerk: 'ROLE_NOT_ALLOWED',
  operator: 'ROLE_NOT_ALLOWED',
  supervisor: 'ROLE_NOT_ALLOWED',
  partner: 'ROLE_NOT_ALLOWED',
  admin: success,
});

describe('the HTTP API by role, on own and foreign data', () => {
  let t: ApiWorld;
  let own: string;
  let foreign: string;
  before(async function () {
    this.timeout(180_000);
    t = await startApiWorld();
    own = await flaggedApplication(t, 0);
    foreign = await flaggedApplication(t, 1, OTHER_UNIT._id);
    await waitForStage(t.world, own, 'awaiting_review');
    await waitForStage(t.world, foreign, 'awaiting_review');
  });
  after(async function () {
    this.timeout(60_000);
    await t?.close();
  });

  it("each role reads what it may: a clerk their own unit's, staff everything, partners nothing", async () => {
    await expectByRole(t, 'GET', '/v1/me', Object.fromEntries(ROLES.map((as) => [as, 200])));
    await expectByRole(t, 'GET', `/v1/applications/${own}`, {
      clerk: 200,
      otherClerk: 'NOT_YOUR_UNIT',
      operator: 200,
      supervisor: 200,
      admin: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    await expectByRole(t, 'GET', `/v1/applications/${foreign}`, { clerk: 'NOT_YOUR_UNIT', otherClerk: 200 });
    await expectByRole(t, 'GET', `/v1/applications?unitId=${UNIT._id}`, {
      clerk: 200,
      otherClerk: 'NOT_YOUR_UNIT',
      operator: 200,
      admin: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    await expectByRole(t, 'GET', '/v1/queues', {
      clerk: 200,
      supervisor: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    await expectByRole(t, 'GET', '/v1/batches', { clerk: 200, operator: 200, partner: 'ROLE_NOT_ALLOWED' });
    await expectByRole(t, 'GET', `/v1/batches?unitId=${UNIT._id}`, { otherClerk: 'NOT_YOUR_UNIT' });
    await expectByRole(t, 'GET', '/v1/escalations', {
      clerk: 'ROLE_NOT_ALLOWED',
      otherClerk: 'ROLE_NOT_ALLOWED',
      operator: 'ROLE_NOT_ALLOWED',
      supervisor: 200,
      admin: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    for (const target of [
      '/v1/admin/keys',
      '/v1/admin/calendar',
      '/v1/admin/calendar/2025',
      '/v1/admin/policies',
    ])
      await expectByRole(t, 'GET', target, onlyAdmin(200));

    // A clerk's list is their own unit's, whatever they ask for.
    let items: ApplicationListItem[] = [];
    for (let i = 0; i < 50 && !items.some((item) => item.applicationId === foreign); i++) {
      items = (await t.call<{ items: typeof items }>('otherClerk', 'GET', '/v1/applications')).body.items;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const listed = items.find((item) => item.applicationId === foreign);
    assert.ok(listed, "the clerk sees their unit's application");
    assert.ok(items.every((item) => item.unitId === OTHER_UNIT._id));
    const record = await t.world.stores.records.get(foreign);
    assert.equal(listed.updatedAt, record!.updatedAt.toISOString(), 'the time of the last step');
    assert.equal(listed.stage, 'awaiting_review');
  });

  it('every operation the OpenAPI document names refuses every role it does not list, before reading anything', async () => {
    type Operation = { 'x-sscard-roles'?: string[]; security?: Record<string, unknown>[] };
    const doc = (
      await t.call<{ paths: Record<string, Record<string, Operation>> }>(null, 'GET', '/openapi.json')
    ).body;
    const calls: string[] = [];
    for (const [template, operations] of Object.entries(doc.paths)) {
      // Parameters and bodies that no route would take: the refusal must come before they are looked at.
      const target = template.replace(/\{[^}]+\}/g, '%00nonsense');
      for (const [method, operation] of Object.entries(operations)) {
        const allowed = operation['x-sscard-roles'];
        // Bearer operations only: partners' callbacks are signed, not keyed (their own tests forge them).
        if (!allowed || !operation.security?.some((s) => 'bearer' in s)) continue;
        for (const as of ROLES) {
          if (allowed.includes(ACTORS[as].role)) continue;
          const answer = await t.call(as, method.toUpperCase(), target, {
            ...(method === 'post' || method === 'put' ? { raw: '{"not":"a request"' } : {}),
            idempotencyKey: uniqueKey(),
          });
          assert.equal(answer.status, 403, `${as} ${method} ${template}: ${JSON.stringify(answer.body)}`);
          assert.equal(answer.body.error?.code, 'ROLE_NOT_ALLOWED');
          calls.push(`${as} ${method} ${template}`);
        }
      }
    }
    assert.ok(calls.length >= 40, `walked ${calls.length} forbidden calls`);
  });

  it('every action by every role: the unauthorized are refused with a reason, and nothing changes', async () => {
    const snapshot = async () => ({
      own: await t.world.client.applications.status(own, OPERATOR),
      foreign: await t.world.client.applications.status(foreign, OPERATOR),
      applications: await t.world.db.collection('applications').countDocuments({}),
      batches: (await t.world.stores.batches.list()).length,
      keys: (await t.world.stores.apiKeys.list()).length,
      calendar: await t.world.stores.calendar.revisionTag(),
      policies: await t.world.stores.policies.all(),
    });
    const before = await snapshot();
    const person = t.world.people[0]!;
    const today = shanghaiDate(new Date());
    // Roles allowed to act are given a request that passes the permission check and is then refused for its
    // content or the application's stage, which proves the check let them through and changes nothing.
    const actions: [string, unknown, Expected][] = [
      [
        'review',
        { decision: 'return' },
        { clerk: 'ROLE_NOT_ALLOWED', operator: 'VALIDATION_FAILED', supervisor: 'VALIDATION_FAILED' },
      ],
      [
        'resubmit',
        { applicant: person },
        { clerk: 'NOT_RETURNED', operator: 'NOT_RETURNED', supervisor: 'NOT_RETURNED' },
      ],
      [
        'collection',
        { collectedBy: '张三', relation: 'self', receivedOn: today, place: 'hall' },
        {
          clerk: 'NOT_AWAITING_COLLECTION',
          operator: 'NOT_AWAITING_COLLECTION',
          supervisor: 'NOT_AWAITING_COLLECTION',
        },
      ],
      [
        'withdraw',
        { reason: '' },
        { clerk: 'VALIDATION_FAILED', operator: 'VALIDATION_FAILED', supervisor: 'VALIDATION_FAILED' },
      ],
      [
        'expedite',
        { reason: '' },
        { clerk: 'ROLE_NOT_ALLOWED', operator: 'VALIDATION_FAILED', supervisor: 'VALIDATION_FAILED' },
      ],
      [
        'reprint',
        {},
        { clerk: 'ROLE_NOT_ALLOWED', operator: 'NOT_AWAITING_REPRINT', supervisor: 'NOT_AWAITING_REPRINT' },
      ],
    ];
    for (const [name, body, allowed] of actions) {
      const clerkMay = allowed.clerk !== 'ROLE_NOT_ALLOWED';
      await expectByRole(
        t,
        'POST',
        `/v1/applications/${own}/${name}`,
        {
          ...allowed,
          // A body its route's schema refuses is refused before the application is looked at (api/server.ts).
          otherClerk: !clerkMay
            ? 'ROLE_NOT_ALLOWED'
            : allowed.clerk === 'VALIDATION_FAILED'
              ? 'VALIDATION_FAILED'
              : 'NOT_YOUR_UNIT',
          admin: 'ROLE_NOT_ALLOWED',
          partner: 'ROLE_NOT_ALLOWED',
        },
        body,
      );
      await expectByRole(
        t,
        'POST',
        `/v1/applications/${foreign}/${name}`,
        {
          clerk: !clerkMay
            ? 'ROLE_NOT_ALLOWED'
            : allowed.clerk === 'VALIDATION_FAILED'
              ? 'VALIDATION_FAILED'
              : 'NOT_YOUR_UNIT',
        },
        body,
      );
    }
    await expectByRole(
      t,
      'POST',
      '/v1/applications',
      {
        clerk: 'APPLICATION_IN_FLIGHT',
        otherClerk: 'NOT_YOUR_UNIT',
        operator: 'APPLICATION_IN_FLIGHT',
        supervisor: 'APPLICATION_IN_FLIGHT',
        admin: 'ROLE_NOT_ALLOWED',
        partner: 'ROLE_NOT_ALLOWED',
      },
      { unitId: UNIT._id, applicant: person },
    );
    await expectByRole(
      t,
      'POST',
      '/v1/batches',
      { otherClerk: 'NOT_YOUR_UNIT', admin: 'ROLE_NOT_ALLOWED', partner: 'ROLE_NOT_ALLOWED' },
      { unitId: UNIT._id, applicants: [t.world.people[9]] },
    );
    await expectByRole(t, 'POST', '/v1/admin/keys', onlyAdmin(201), {
      name: 'x',
      actor: { role: 'supervisor', id: 'self-promoted' },
    });
    await expectByRole(t, 'PUT', '/v1/admin/calendar/2099', onlyAdmin(200), { holidays: [], workdays: [] });
    await expectByRole(t, 'PUT', '/v1/admin/policies/national-sporadic-2019', onlyAdmin(200), {
      region: '*',
      mode: 'sporadic',
      effectiveFrom: '2019-12-31',
      workingDays: 5,
      warnWorkingDaysBefore: 1,
      returnExpiryWorkingDays: 10,
    });
    const issuedByAdmin = (await t.world.stores.apiKeys.list()).find((k) => k.actor.id === 'self-promoted')!;
    await expectByRole(t, 'DELETE', `/v1/admin/keys/${issuedByAdmin.keyId}`, onlyAdmin(200));

    const after = await snapshot();
    assert.deepEqual(after.own, before.own, 'the own application is as it was');
    assert.deepEqual(after.foreign, before.foreign, 'the foreign application is as it was');
    assert.equal(after.applications, before.applications);
    assert.equal(after.batches, before.batches);
    assert.equal(after.keys, before.keys + 1, 'only the admin issued a key');
    assert.deepEqual(after.policies, before.policies, 'the admin rewrote the same policy');
    assert.notEqual(after.calendar, before.calendar, 'only the admin published 2099');
    assert.equal(after.calendar.replace(/,?2099r\d+/, ''), before.calendar);
  });

  it('the allowed actions succeed and move the application on: review, return and resubmit, collection', async () => {
    const approved = await t.call<ApplicationStatus>('operator', 'POST', `/v1/applications/${own}/review`, {
      body: { decision: 'approve', note: 'phone number taken at the counter' },
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    assert.notEqual(approved.body.stage, 'awaiting_review');
    assert.deepEqual(approved.body.history.find((h) => h.actor.id === OPERATOR.id)?.actor, OPERATOR);
    await waitForStage(t.world, own, 'awaiting_collection');
    const collected = await t.call<ApplicationStatus>(
      'operator',
      'POST',
      `/v1/applications/${own}/collection`,
      {
        body: {
          collectedBy: '王芳',
          relation: 'family',
          agentResidentId: t.world.people[9]!.residentId,
          receivedOn: shanghaiDate(new Date()),
          place: 'Hangzhou hall',
        },
      },
    );
    assert.equal(collected.status, 200, JSON.stringify(collected.body));
    assert.equal(collected.body.stage, 'issued');

    const returned = await t.call<ApplicationStatus>(
      'supervisor',
      'POST',
      `/v1/applications/${foreign}/review`,
      {
        body: { decision: 'return', reasons: ['PHONE_MISSING'] },
      },
    );
    assert.equal(returned.body.stage, 'returned');
    assert.equal(returned.body.returnCount, 1);
    const corrected = await t.call<ApplicationStatus>(
      'otherClerk',
      'POST',
      `/v1/applications/${foreign}/resubmit`,
      {
        body: { applicant: t.world.people[1], note: 'phone number added' },
      },
    );
    assert.equal(corrected.status, 200, JSON.stringify(corrected.body));
    assert.notEqual(corrected.body.stage, 'returned');
  });

  it('a clerk applies and withdraws for their own unit; a supervisor expedites; lists show each to whom they may', async () => {
    const person = t.world.people[2]!;
    const { photoId: _p, ...withoutPhoto } = person;
    const submitted = await t.call<ApplicationStatus>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: withoutPhoto },
      idempotencyKey: uniqueKey(),
    });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    const id = submitted.body.applicationId;
    assert.equal(submitted.headers.get('location'), `/v1/applications/${id}`);
    assert.equal(submitted.body.unitId, UNIT._id);
    assert.ok(!JSON.stringify(submitted.body).includes(person.residentId), 'no personal data in the status');
    await waitForStage(t.world, id, 'awaiting_review');
    const expedited = await t.call<ApplicationStatus>(
      'supervisor',
      'POST',
      `/v1/applications/${id}/expedite`,
      {
        body: { reason: 'urgent medical need' },
      },
    );
    assert.equal(expedited.body.expedited, true);
    const withdrawn = await t.call<ApplicationStatus>('clerk', 'POST', `/v1/applications/${id}/withdraw`, {
      body: { reason: 'employee left' },
    });
    assert.equal(withdrawn.body.outcome, 'withdrawn');
    const again = await t.call('clerk', 'POST', `/v1/applications/${id}/withdraw`, {
      body: { reason: 'again' },
    });
    assert.equal(again.body.error?.code, 'ALREADY_CLOSED');

    const batch = await t.call<{ batchId: string; staged: number; invalid: { rowNo: number }[] }>(
      'clerk',
      'POST',
      '/v1/batches',
      {
        body: { unitId: UNIT._id, applicants: [t.world.people[10], { name: '无号' }, t.world.people[11]] },
        idempotencyKey: uniqueKey(),
      },
    );
    assert.equal(batch.status, 202, JSON.stringify(batch.body));
    assert.equal(batch.body.staged, 2);
    assert.deepEqual(
      batch.body.invalid.map((row) => row.rowNo),
      [2],
    );
    const batchId = batch.body.batchId;
    let progress = await t.call('clerk', 'GET', `/v1/batches/${batchId}`);
    for (let i = 0; i < 100 && progress.status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = await t.call('clerk', 'GET', `/v1/batches/${batchId}`);
    }
    assert.equal(progress.status, 200, JSON.stringify(progress.body));
    assert.equal(progress.body.batchId, batchId);
    await expectByRole(t, 'GET', `/v1/batches/${batchId}`, {
      otherClerk: 'NOT_YOUR_UNIT',
      operator: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    await expectByRole(t, 'GET', `/v1/batches/${batchId}/report`, {
      clerk: 200,
      otherClerk: 'NOT_YOUR_UNIT',
      admin: 200,
      partner: 'ROLE_NOT_ALLOWED',
    });
    const mine = await t.call<{ items: { batchId: string }[] }>('clerk', 'GET', '/v1/batches');
    assert.deepEqual(
      mine.body.items.map((b) => b.batchId),
      [batchId],
    );
    const theirs = await t.call<{ items: unknown[] }>('otherClerk', 'GET', '/v1/batches');
    assert.deepEqual(theirs.body.items, []);
  });

  it('a clerk applies at a counter with a printer for a card made there; a counter without one is refused, nothing written, as the API reference says', async () => {
    const person = t.world.people[12]!;
    const before = await t.world.db.collection('applications').countDocuments({});
    const refused = await t.call('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: person, instant: { counterId: COUNTER_WITHOUT_PRINTER._id } },
      idempotencyKey: uniqueKey(),
    });
    assert.equal(refused.status, 422, JSON.stringify(refused.body));
    assert.equal(refused.body.error?.code, 'COUNTER_HAS_NO_PRINTER');
    assert.equal(await t.world.db.collection('applications').countDocuments({}), before, 'nothing written');

    // The same person, at once, at the counter that has one: nothing of the refusal stands in the way.
    const submitted = await t.call<ApplicationStatus>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: person, instant: { counterId: COUNTER._id } },
      idempotencyKey: uniqueKey(),
    });
    assert.equal(submitted.status, 201, JSON.stringify(submitted.body));
    assert.equal(submitted.body.mode, 'instant');
    assert.equal(submitted.body.lane, 'instant');
    // The lane's target is set at acceptance, which the answer may come before on a busy machine.
    const accepted = await eventually(
      () => t.call<ApplicationStatus>('clerk', 'GET', `/v1/applications/${submitted.body.applicationId}`),
      (answer) => answer.body.instant !== undefined,
      'the instant lane accepted',
    );
    assert.equal(accepted.body.instant?.counterId, COUNTER._id);
    assert.equal(accepted.body.instant?.targetMinutes, INSTANT_POLICY.instant!.targetMinutes);

    // The API reference names each refusal an instant submission may meet.
    const doc = await t.call<{
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>(null, 'GET', '/openapi.json');
    const refusals = JSON.stringify(doc.body.paths['/v1/applications']!.post!.responses['422']);
    for (const code of [
      'COUNTER_UNKNOWN',
      'COUNTER_CLOSED',
      'COUNTER_HAS_NO_PRINTER',
      'INSTANT_NOT_OFFERED',
      'INSTANT_REASON_REQUIRED',
    ])
      assert.ok(refusals.includes(code), `${code} in ${refusals}`);
  });
});
