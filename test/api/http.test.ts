import assert from 'node:assert/strict';
import { consoleDomainModule } from '../../api/console-domain';
import { ERROR_CATALOGUE, ERROR_CODES } from '../../domain/errors';
import { ALL_ACTIONS } from '../../domain/actions';
import { UNIT } from '../support/world';
import { waitForStage } from '../support/flow';
import {
  type Answer,
  type ApiWorld,
  flaggedApplication,
  startApiWorld,
  SUSPENDED_UNIT,
  tokenOf,
  uniqueKey,
} from './support';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
};
type Operation = {
  operationId: string;
  security: Record<string, string[]>[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
  parameters?: { name: string; in: string }[];
  responses: Record<string, unknown>;
};
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>> };

/** A refusal in the envelope, with a catalogued code, and never a server error. */
function assertRefusal(answer: Answer, what: string): void {
  assert.ok(answer.status < 500, `${what}: answered ${answer.status} ${JSON.stringify(answer.body)}`);
  if (answer.status >= 400) {
    const code = answer.body.error?.code;
    assert.ok(
      code && ERROR_CODES.includes(code as never),
      `${what}: no catalogued code in ${JSON.stringify(answer.body)}`,
    );
    assert.equal(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status, answer.status, what);
    assert.equal(typeof answer.body.error?.message, 'string');
  }
}

const WRONG_VALUES: unknown[] = [null, 12345, -1.5, 'text', true, [], {}, ['a', 1], 'x'.repeat(100_000)];

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Bodies that break the schema one way each: every required field missing, every field of a wrong type. */
function brokenBodies(schema: JsonSchema, valid: Record<string, unknown>): { what: string; body: unknown }[] {
  const out: { what: string; body: unknown }[] = [
    { what: 'empty object', body: {} },
    { what: 'array', body: [valid] },
    { what: 'string', body: 'approve' },
    { what: 'number', body: 42 },
    { what: 'null', body: null },
  ];
  const variants = schema.oneOf ?? schema.anyOf ?? [schema];
  for (const variant of variants) {
    for (const field of variant.required ?? []) {
      const { [field]: _gone, ...rest } = valid;
      out.push({ what: `without ${field}`, body: rest });
    }
    for (const [field, property] of Object.entries(variant.properties ?? {})) {
      const types = [property.type ?? []].flat();
      for (const value of WRONG_VALUES) {
        if (types.includes(typeOf(value)) && typeOf(value) !== 'string') continue;
        if (typeOf(value) === 'integer' && types.includes('number')) continue;
        out.push({
          what: `${field} = ${JSON.stringify(value).slice(0, 20)}`,
          body: { ...valid, [field]: value },
        });
      }
      const nested = property.properties;
      if (nested && typeof valid[field] === 'object' && valid[field] !== null) {
        for (const inner of Object.keys(nested)) {
          for (const value of [null, 7, [], 'y'.repeat(5000)]) {
            out.push({
              what: `${field}.${inner} = ${JSON.stringify(value).slice(0, 20)}`,
              body: { ...valid, [field]: { ...valid[field], [inner]: value } },
            });
          }
        }
      }
    }
  }
  return out;
}

describe('the HTTP API at its edges', () => {
  let t: ApiWorld;
  let closed: string;
  before(async function () {
    this.timeout(180_000);
    // The self-service routes' own rate is tried in tracking.test.ts; here every broken body must reach its route.
    t = await startApiWorld({ limits: { selfService: { burst: 1000, perSecond: 100 } } });
    closed = await flaggedApplication(t, 0);
    await waitForStage(t.world, closed, 'awaiting_review');
    const withdrawn = await t.call('supervisor', 'POST', `/v1/applications/${closed}/withdraw`, {
      body: { reason: 'closed for the edge tests' },
    });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
  });
  after(async function () {
    this.timeout(60_000);
    await t?.close();
  });

  it('knows its caller by API key, and refuses a missing, malformed, unknown or revoked key', async () => {
    const me = await t.call('clerk', 'GET', '/v1/me');
    assert.equal(me.status, 200);
    assert.deepEqual((me.body as { actor: unknown }).actor, {
      role: 'unit_clerk',
      id: 'clerk-01',
      unitId: UNIT._id,
    });

    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Basic dXNlcjpwYXNz' },
      { Authorization: 'Bearer short' },
      { Authorization: `Bearer ${tokenOf('clerk')}x` },
      { Authorization: `Bearer ${'a'.repeat(600)}` },
    ]) {
      const refused = await t.call(null, 'GET', '/v1/me', { headers });
      assert.equal(refused.status, 401, JSON.stringify(headers));
      assert.equal(refused.body.error?.code, 'UNAUTHENTICATED');
    }

    const issued = await t.call<{ token: string; key: { keyId: string } }>(
      'admin',
      'POST',
      '/v1/admin/keys',
      {
        body: { name: 'short-lived', actor: { role: 'operator', id: 'op-temp' } },
        idempotencyKey: uniqueKey(),
      },
    );
    assert.equal(issued.status, 201);
    const asTemp = { Authorization: `Bearer ${issued.body.token}` };
    assert.equal((await t.call(null, 'GET', '/v1/me', { headers: asTemp })).status, 200);
    const revoked = await t.call('admin', 'DELETE', `/v1/admin/keys/${issued.body.key.keyId}`);
    assert.equal(revoked.status, 200);
    assert.ok((revoked.body as { revokedAt?: string }).revokedAt);
    const after = await t.call(null, 'GET', '/v1/me', { headers: asTemp });
    assert.equal(after.status, 401);
    assert.equal(after.body.error?.code, 'UNAUTHENTICATED');
    const listed = await t.call<{ items: Record<string, unknown>[] }>('admin', 'GET', '/v1/admin/keys');
    assert.ok(listed.body.items.length >= 7);
    assert.ok(
      listed.body.items.every((k) => !('token' in k) && !('_id' in k)),
      'keys are listed without secrets',
    );
    assert.equal(
      (await t.call('admin', 'DELETE', '/v1/admin/keys/key_0000000000000000')).body.error?.code,
      'KEY_NOT_FOUND',
    );
  });

  it('names an unknown path NOT_FOUND, a wrong method METHOD_NOT_ALLOWED (with Allow), a missing year or bad policy', async () => {
    const missing = await t.call('operator', 'GET', '/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error?.code, 'NOT_FOUND');
    const wrong = await t.call('operator', 'DELETE', `/v1/applications/${closed}`);
    assert.equal(wrong.status, 405);
    assert.equal(wrong.body.error?.code, 'METHOD_NOT_ALLOWED');
    assert.equal(wrong.headers.get('allow'), 'GET');
    assert.ok(wrong.headers.get('x-request-id'));
    const unpublished = await t.call('admin', 'GET', '/v1/admin/calendar/2090');
    assert.equal(unpublished.status, 404);
    assert.equal(unpublished.body.error?.code, 'CALENDAR_YEAR_NOT_FOUND');
    const policy = await t.call('admin', 'PUT', '/v1/admin/policies/too-short', {
      body: {
        region: '33',
        mode: 'batch',
        effectiveFrom: '2026-01-01',
        workingDays: 3,
        warnWorkingDaysBefore: 5,
      },
    });
    assert.equal(policy.status, 400);
    assert.equal(policy.body.error?.code, 'POLICY_INVALID');
  });

  it('serves the console with its content types, sends / there, and serves nothing outside it', async () => {
    const root = await t.call(null, 'GET', '/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/console/');
    const index = await t.call(null, 'GET', '/console/');
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(index.body as unknown as string, /<title>sscard<\/title>/);
    const script = await t.call(null, 'GET', '/console/assets/app.js');
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    // The domain's lists and words, made from domain/ whatever the folder holds, served as the console's scripts.
    const domain = await t.call(null, 'GET', '/console/domain.js');
    assert.equal(domain.status, 200);
    assert.equal(domain.headers.get('content-type'), 'text/javascript; charset=utf-8');
    const policy = domain.headers.get('content-security-policy');
    assert.match(policy ?? '', /script-src 'self';/);
    assert.equal(policy, script.headers.get('content-security-policy'));
    assert.equal(domain.body, consoleDomainModule());
    assert.match(domain.body, /^export const QUEUES = \["awaiting_review",/m);
    for (const target of [
      '/console/../secret.txt',
      '/console/%2e%2e/secret.txt',
      '/console/..%2fsecret.txt',
      '/console/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/console/.env',
      '/console/assets/',
      '/console/%zz',
      '/console/missing.js',
      '/console/index.html%00.js',
    ]) {
      const answer = await t.call(null, 'GET', target);
      assert.equal(answer.status, 404, target);
      assert.equal(answer.body.error?.code, 'NOT_FOUND', target);
    }
    assert.equal((await t.call(null, 'POST', '/console/', { body: {} })).status, 405);
  });

  it('describes itself in OpenAPI 3.1 generated from its schemas, every answer documented', async () => {
    const answer = await t.call<OpenApi>(null, 'GET', '/openapi.json');
    assert.equal(answer.status, 200);
    const doc = answer.body;
    assert.equal(doc.openapi, '3.1.0');
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p));
    assert.equal(operations.length, t.api.routes.length);
    const submit = doc.paths['/v1/applications']!.post!;
    const body = submit.requestBody!.content['application/json'].schema;
    assert.deepEqual(body.required, ['unitId', 'applicant']);
    assert.ok(submit.parameters!.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'));
    assert.ok(submit.responses['201'] && submit.responses['409'] && submit.responses['401']);
    const review = doc.paths['/v1/applications/{id}/review']!.post!;
    assert.ok(
      !('actor' in review.requestBody!.content['application/json'].schema.properties!),
      'the actor is the caller',
    );
    assert.deepEqual(review.security, [{ bearer: [] }]);
    assert.deepEqual(doc.paths['/v1/partners/manufacturer/print-reports']!.post!.security, [
      { partnerSignature: [] },
    ]);
  });

  it('reports whether it reaches its database and Temporal', async () => {
    const health = await t.call(null, 'GET', '/healthz');
    assert.equal(health.status, 200);
    assert.deepEqual(health.body, { status: 'ok', checks: { mongo: 'ok', temporal: 'ok' } });
  });

  it('refuses bodies that are not JSON, not UTF-8, too large or nested too deep, each with its code', async () => {
    const target = `/v1/applications/${closed}/expedite`;
    const cases: [string, Parameters<ApiWorld['call']>[3], number, string][] = [
      ['invalid JSON', { raw: '{"reason": "urgent"' }, 400, 'INVALID_JSON'],
      ['invalid UTF-8', { raw: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) }, 400, 'INVALID_JSON'],
      [
        'text/plain',
        { raw: '{"reason":"x"}', headers: { 'Content-Type': 'text/plain' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'form data',
        { raw: 'reason=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'latin-1 JSON',
        { raw: '{"reason":"x"}', headers: { 'Content-Type': 'application/json; charset=latin1' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'no content type',
        { raw: '{"reason":"x"}', headers: { 'Content-Type': '' } },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      ['over 1 MB', { body: { reason: 'x'.repeat(1024 * 1024) } }, 413, 'PAYLOAD_TOO_LARGE'],
      ['nested 40 deep', { raw: `${'['.repeat(40)}${']'.repeat(40)}` }, 400, 'VALIDATION_FAILED'],
      [
        'nested 100000 deep',
        { raw: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
        400,
        'VALIDATION_FAILED',
      ],
    ];
    for (const [what, options, status, code] of cases) {
      const answer = await t.call('operator', 'POST', target, options);
      assert.equal(answer.status, status, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code, what);
    }
    // Field names and numbers no sscard request has, and the database would refuse to store.
    for (const row of [
      '{"$where":1}',
      '{"a.b":1}',
      '{"residentId":{"$ne":null}}',
      '{"x\\u0000y":1}',
      '{"n":1e400}',
      // A list or an object where a value belongs: FerretDB cannot store nested arrays at all.
      '{"name":[["王小明"]],"residentId":"11010119900307447X"}',
      '{"name":{"given":"王小明"}}',
      '{"phone":[13912345678]}',
    ]) {
      const answer = await t.call('operator', 'POST', '/v1/batches', {
        raw: `{"unitId":"${UNIT._id}","applicants":[${row}]}`,
        idempotencyKey: uniqueKey(),
      });
      assert.equal(answer.status, 400, `${row}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, 'VALIDATION_FAILED', row);
    }
    assert.equal((await t.world.stores.batches.list()).length, 0, 'nothing was staged');
    assert.equal(await t.world.db.collection('batch_rows').countDocuments({}), 0);
    assert.equal(await t.world.db.collection('applications').countDocuments({ mode: 'batch' }), 0);
    for (const canary of ['王小明', '11010119900307447X', '13912345678'])
      assert.ok(!JSON.stringify(t.logs).includes(canary), `${canary} reached the API log`);
    // A batch may be larger, up to 16 MB, and no more.
    const huge = await t.call('operator', 'POST', '/v1/batches', {
      raw: `{"unitId":"${UNIT._id}","applicants":[${'{"a":1},'.repeat(2_200_000)}{}]}`,
      idempotencyKey: uniqueKey(),
    });
    assert.equal(huge.status, 413);
    assert.equal(huge.body.error?.code, 'PAYLOAD_TOO_LARGE');
  });

  it('never answers a malformed body with a server error: every field missing or of a wrong type', async function () {
    this.timeout(300_000);
    const doc = (await t.call<OpenApi>(null, 'GET', '/openapi.json')).body;
    const person = t.world.people[1]!;
    // Valid examples that still change nothing: a closed application, a suspended unit, an unknown order.
    const examples: Record<
      string,
      { as: 'supervisor' | 'admin' | 'partner'; path: string; body: Record<string, unknown> }
    > = {
      reportPrint: {
        as: 'partner',
        path: '/v1/partners/manufacturer/print-reports',
        body: {
          orderId: 'A0000000000000000-P1',
          outcome: 'failed',
          stage: 'packaging',
          reason: 'r',
          at: new Date().toISOString(),
        },
      },
      submitApplication: {
        as: 'supervisor',
        path: '/v1/applications',
        body: { unitId: SUSPENDED_UNIT._id, applicant: person },
      },
      uploadPhoto: {
        as: 'supervisor',
        path: '/v1/photos',
        body: { unitId: SUSPENDED_UNIT._id, residentId: person.residentId, jpegBase64: 'bm90IGFuIGltYWdl' },
      },
      requestOnlineCode: {
        as: 'supervisor',
        path: '/v1/online/code',
        body: { residentId: person.residentId },
      },
      applyOnline: {
        as: 'supervisor',
        path: '/v1/online/applications',
        body: {
          residentId: person.residentId,
          code: '123456',
          address: {
            region: '330106',
            line: '文三路 90 号',
            recipientName: '王芳',
            recipientPhone: '13800138000',
          },
        },
      },
      reportParcel: {
        as: 'partner',
        path: '/v1/partners/courier/reports',
        body: { parcelId: 'A0000000000-D1', event: 'picked_up', at: new Date().toISOString() },
      },
      reportPayment: {
        as: 'partner',
        path: '/v1/partners/payment/reports',
        body: { chargeId: 'A0000000000-F1', event: 'paid', amountFen: 2000, at: new Date().toISOString() },
      },
      putFeePolicy: {
        as: 'admin',
        path: '/v1/admin/fee-policies/negative-test',
        // Two fees beyond any tariff (¥1000.01): refused whatever one field of the body holds.
        body: {
          region: '*',
          effectiveFrom: '2099-01-01',
          fees: {
            first_card: 0,
            loss_replacement: 100_001,
            damage_replacement: 100_001,
            renewal: 0,
            generation_switch: 0,
          },
          exemptions: ['LOW_INCOME'],
        },
      },
      reportCardUse: {
        as: 'partner',
        path: '/v1/partners/card-use/reports',
        body: {
          chipId: '00000000DEADBEEF',
          event: 'pin_failed',
          where: 'terminal',
          at: new Date().toISOString(),
        },
      },
      requestTrackingCode: {
        as: 'supervisor',
        path: '/v1/track/code',
        body: { residentId: person.residentId },
      },
      track: {
        as: 'supervisor',
        path: '/v1/track',
        body: { residentId: person.residentId, code: '123456' },
      },
      registerBatchCollections: {
        as: 'supervisor',
        path: '/v1/batches/Bnothing1/collections',
        body: {
          collectedBy: '王芳',
          agentResidentId: person.residentId,
          receivedOn: '2026-12-01',
          place: 'office',
        },
      },
      replaceCard: {
        as: 'supervisor',
        path: '/v1/cards/C-nothing/replacement',
        body: { reason: 'DAMAGED', changes: { phone: '13800138000' } },
      },
      renewCard: {
        as: 'supervisor',
        path: '/v1/cards/C-nothing/renewal',
        body: { changes: { phone: '13800138000' } },
      },
      receiveCardsAtBank: {
        as: 'partner',
        path: '/v1/partners/bank/card-receipts',
        body: { shipmentId: 'S-1', chipIds: ['0123456789ABCDEF'], receivedAt: new Date().toISOString() },
      },
      reportDeath: {
        as: 'partner',
        path: '/v1/partners/population/death-notices',
        body: { noticeId: 'n-1', residentId: person.residentId, diedOn: '2026-01-02' },
      },
      submitBatch: {
        as: 'supervisor',
        path: '/v1/batches',
        body: { unitId: SUSPENDED_UNIT._id, applicants: [person] },
      },
      issueApiKey: {
        as: 'admin',
        path: '/v1/admin/keys',
        body: { name: 'n', actor: { role: 'unit_clerk', id: 'c1', unitId: 'NOSUCHUNIT1' } },
      },
      publishCalendarYear: {
        as: 'admin',
        path: '/v1/admin/calendar/2099',
        body: { year: 2099, holidays: ['2099-01-01'], workdays: [] },
      },
      lookUpCards: { as: 'supervisor', path: '/v1/cards/lookup', body: { residentId: person.residentId } },
      putCounter: {
        as: 'admin',
        path: '/v1/admin/counters/330100-NEGATIVE-TEST',
        body: { name: 'n', region: '440100', kind: 'service_hall', printer: true },
      },
      putPolicy: {
        as: 'admin',
        path: '/v1/admin/policies/negative-test',
        body: {
          region: '*',
          mode: 'sporadic',
          effectiveFrom: '2099-01-01',
          workingDays: 5,
          warnWorkingDaysBefore: 9,
          returnExpiryWorkingDays: 10,
        },
      },
    };
    // The actions send their descriptions' samples: to the closed application, or to a card nobody has (refused
    // as CARD_NOT_FOUND after the body was checked).
    for (const action of ALL_ACTIONS) {
      const target = action.target === 'application' ? `applications/${closed}` : 'cards/C-nothing';
      examples[action.operationId] = {
        as: 'supervisor',
        path: `/v1/${target}/${action.path}`,
        body: action.sample,
      };
    }
    const before = await t.world.client.applications.status(closed, { role: 'operator', id: 'op-01' });
    let sent = 0;
    for (const [pathName, methods] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (!operation.requestBody) continue;
        const example = examples[operation.operationId];
        assert.ok(example, `no example for ${operation.operationId} (${pathName})`);
        const schema = operation.requestBody.content['application/json'].schema;
        for (const { what, body } of brokenBodies(schema, example.body)) {
          const answer =
            example.as === 'partner'
              ? await t.callback(example.path, JSON.stringify(body))
              : await t.call(example.as, method.toUpperCase(), example.path, {
                  body,
                  idempotencyKey: uniqueKey(),
                });
          assertRefusal(answer, `${operation.operationId} ${what}`);
          assert.ok(answer.status >= 400, `${operation.operationId} ${what} was accepted`);
          sent += 1;
        }
      }
    }
    assert.ok(sent > 200, `only ${sent} broken bodies`);
    assert.deepEqual(
      await t.world.client.applications.status(closed, { role: 'operator', id: 'op-01' }),
      before,
    );
    assert.equal(
      await t.world.db.collection('applications').countDocuments({}),
      1,
      'no application was created',
    );
    assert.equal((await t.world.stores.batches.list()).length, 0, 'no batch was staged');
  });

  it('exposes Prometheus metrics to supervisors: requests by route template and status, latency, queues', async () => {
    await t.call('operator', 'GET', `/v1/applications/${closed}`);
    assert.equal((await t.call('clerk', 'GET', '/metrics')).status, 403);
    const scraped = await t.call('supervisor', 'GET', '/metrics');
    assert.equal(scraped.status, 200);
    assert.match(scraped.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = scraped.body as unknown as string;
    assert.match(
      text,
      /^sscard_api_requests_total\{method="GET",route="\/v1\/applications\/:id",status="200"\} [1-9]/m,
    );
    assert.match(
      text,
      /^sscard_api_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/v1\/applications\/:id"\} \d+/m,
    );
    assert.match(text, /^sscard_api_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/m);
    assert.match(text, /^sscard_queue_applications\{queue="awaiting_review"\} \d+/m);
    assert.match(text, /^sscard_applications_by_sla\{sla="on_track"\} \d+/m);
    assert.match(text, /^sscard_api_process_resident_memory_bytes \d+/m);
    assert.ok(!text.includes(closed), 'one series per route, never per application');
  });

  it('logs no personal data of all the requests above, valid, malformed or refused', () => {
    const logged = JSON.stringify(t.logs);
    assert.ok(t.logs.length > 100, `${t.logs.length} lines logged`);
    for (const person of t.world.people)
      for (const canary of [person.name, person.residentId, person.phone].filter(Boolean))
        assert.ok(!logged.includes(canary!), 'a name, resident ID number or phone reached the API log');
  });

  it('never answers malformed parameters with a server error', async () => {
    const targets = [
      '/v1/applications?pageSize=abc',
      '/v1/applications?pageSize=-1',
      '/v1/applications?pageSize=100000',
      '/v1/applications?queue=everything',
      `/v1/applications?unitId=${encodeURIComponent("X' OR SscardUnit != '")}`,
      '/v1/applications?stage=bogus',
      '/v1/applications?pageToken=not-a-token',
      `/v1/applications?pageToken=${'A'.repeat(3000)}`,
      '/v1/applications?batchId=B%00',
      '/v1/queues?unitId=%27',
      '/v1/batches?pageToken=%7B%7D',
      '/v1/batches?pageToken=eyJ4IjoxfQ',
      '/v1/escalations?pageSize=0',
      '/v1/applications/x',
      `/v1/applications/A${'9'.repeat(5000)}`,
      '/v1/applications/%E0%A4%A',
      '/v1/applications/A000000000000000000000',
      '/v1/batches/nope',
      '/v1/batches/B0000000000000000',
      '/v1/batches/B0000000000000000/report',
      '/v1/admin/calendar/1999',
      '/v1/admin/calendar/twenty',
      '/v1/admin/calendar/2150',
    ];
    for (const target of targets) {
      const as =
        target.startsWith('/v1/escalations') || target.startsWith('/v1/admin') ? 'admin' : 'operator';
      const answer = await t.call(as, 'GET', target);
      assertRefusal(answer, target);
      assert.ok(answer.status >= 400 && answer.status < 500, `${target}: ${answer.status}`);
    }
  });
});
