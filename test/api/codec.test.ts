import assert from 'node:assert/strict';
import { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import type { ApiSettings } from '../../api/deps';
import { seedApiKeys } from '../../api/auth';
import { createApiServer, type ApiServer } from '../../api/server';
import { createSscardClient } from '../../client';
import { dataConverterFor } from '../../crypto/data-converter';
import { generateKeyring } from '../../crypto/keyring';
import { createStores } from '../../store';
import { openTestDb, type TestDb } from '../setup/servers';
import { TEST_KEYRING } from '../support/world';
import { ACTORS, type As, PARTNER_SECRETS, tokenOf } from './support';

const UI_ORIGIN = 'http://127.0.0.1:8233';

type PayloadJson = { metadata?: Record<string, string>; data?: string };
type CodecAnswer = {
  status: number;
  headers: Headers;
  body: { payloads?: PayloadJson[]; error?: { code: string } };
};

const asJson = (payload: Payload): PayloadJson => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

const fromJson = (payload: PayloadJson): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});

/** What a worker hands to Temporal: JSON, then encrypted by sscard's codec (under another keyring if given). */
async function seal(value: unknown, keyring = TEST_KEYRING): Promise<PayloadJson> {
  let payloads: Payload[] = [defaultPayloadConverter.toPayload(value)];
  for (const codec of dataConverterFor(keyring).payloadCodecs!) payloads = await codec.encode(payloads);
  return asJson(payloads[0]!);
}

const textOf = (payload: PayloadJson): string => Buffer.from(payload.data ?? '', 'base64').toString('utf8');

describe('the codec endpoint that lets the Temporal Web UI show payloads', () => {
  // Synthetic, but shaped like what must never be readable without the endpoint.
  const applicant = { name: '林晓雯', residentId: '11010119900307447X', phone: '13800138000' };
  let db: TestDb;
  let temporal: Client;
  const servers: ApiServer[] = [];

  /** An API over the test database; its Temporal client never connects, the codec needs only its codecs. */
  async function serve(settings: Partial<ApiSettings> = {}): Promise<string> {
    const stores = createStores(db.db);
    const client = createSscardClient({ temporal, stores, keyring: TEST_KEYRING, taskQueue: 'codec-test' });
    const api = createApiServer({
      client,
      stores,
      temporal,
      config: { partnerSecrets: PARTNER_SECRETS, uiOrigin: UI_ORIGIN, ...settings },
    });
    servers.push(api);
    return api.listen(0);
  }

  async function call(
    url: string,
    operation: string,
    payloads: PayloadJson[],
    options: { as?: As; headers?: Record<string, string> } = {},
  ): Promise<CodecAnswer> {
    const response = await fetch(`${url}/codec/${operation}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Namespace': 'default',
        ...(options.as ? { Authorization: `Bearer ${tokenOf(options.as)}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ payloads }),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as CodecAnswer['body'],
    };
  }

  let guarded: string;
  let trusting: string;
  before(async () => {
    db = await openTestDb('codec');
    await seedApiKeys(
      createStores(db.db),
      Object.entries(ACTORS).map(([as, actor]) => ({ name: as, actor, token: tokenOf(as as As) })),
    );
    temporal = new Client({ dataConverter: dataConverterFor(TEST_KEYRING) });
    guarded = await serve();
    trusting = await serve({ codecTrustLoopback: true });
  });
  after(async () => {
    for (const api of servers) await api.close();
    await temporal?.connection.close();
    await db?.close();
  });

  it('decodes what the worker encrypted back to the original JSON, for operators, supervisors and admins', async () => {
    const sealed = await seal({ applicationId: 'A1', applicant });
    assert.ok(!textOf(sealed).includes(applicant.residentId), 'encrypted as Temporal stores it');
    const plain = { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: 'MQ==' };
    for (const as of ['operator', 'supervisor', 'admin'] as const) {
      const answer = await call(guarded, 'decode', [sealed, plain], { as });
      assert.equal(answer.status, 200, `${as}: ${JSON.stringify(answer.body)}`);
      const [decoded, untouched] = answer.body.payloads!;
      assert.equal(Buffer.from(decoded!.metadata!.encoding!, 'base64').toString(), 'json/plain');
      assert.deepEqual(JSON.parse(textOf(decoded!)), { applicationId: 'A1', applicant });
      assert.deepEqual(untouched, plain, 'a payload that is not encrypted comes back as it was');
      assert.equal(answer.headers.get('cache-control'), 'no-store');
    }
    // What the Web UI encodes (the input of a signal it sends) is what a worker decrypts.
    const signalInput = asJson(defaultPayloadConverter.toPayload({ note: 'n' }));
    const encoded = await call(guarded, 'encode', [signalInput], { as: 'operator' });
    assert.equal(encoded.status, 200);
    let payloads = encoded.body.payloads!.map(fromJson);
    assert.ok(!textOf(encoded.body.payloads![0]!).includes('note'));
    for (const codec of [...dataConverterFor(TEST_KEYRING).payloadCodecs!].reverse())
      payloads = await codec.decode(payloads);
    assert.deepEqual(defaultPayloadConverter.fromPayload(payloads[0]!), { note: 'n' });
  });

  it('refuses a caller without a token, and clerks and partners, unless trusted locally', async () => {
    const sealed = await seal({ applicant });
    const anonymous = await call(guarded, 'decode', [sealed]);
    assert.equal(anonymous.status, 401, 'from this machine too, without SSCARD_CODEC_TRUST_LOOPBACK');
    assert.equal(anonymous.body.error?.code, 'UNAUTHENTICATED');
    for (const as of ['clerk', 'partner'] as const) {
      const answer = await call(guarded, 'decode', [sealed], { as });
      assert.equal(answer.status, 403, as);
      assert.equal(answer.body.error?.code, 'ROLE_NOT_ALLOWED', as);
      assert.ok(!JSON.stringify(answer.body).includes(applicant.name));
    }
  });

  it('with SSCARD_CODEC_TRUST_LOOPBACK decodes for the Web UI on this machine, not for another site', async () => {
    const sealed = await seal({ applicant });
    for (const headers of [{}, { Origin: UI_ORIGIN }] as Record<string, string>[]) {
      const answer = await call(trusting, 'decode', [sealed], { headers });
      assert.equal(answer.status, 200, JSON.stringify(headers));
      assert.deepEqual(JSON.parse(textOf(answer.body.payloads![0]!)), { applicant });
    }
    const elsewhere = await call(trusting, 'decode', [sealed], {
      headers: { Origin: 'http://evil.example' },
    });
    assert.equal(elsewhere.status, 401, 'a page of another site (or a rebound DNS name) needs a token');
    const clerk = await call(trusting, 'decode', [sealed], { as: 'clerk' });
    assert.equal(clerk.status, 403, 'a token, when sent, is the caller');
  });

  it('names an unknown key or a tampered payload by its code, never a server error', async () => {
    const sealed = await seal({ applicant });
    const data = Buffer.from(sealed.data!, 'base64');
    data[20] = data[20]! ^ 0x01;
    const cases: [string, PayloadJson, string][] = [
      ['a flipped bit', { ...sealed, data: data.toString('base64') }, 'PAYLOAD_TAMPERED'],
      [
        'a truncated payload',
        { ...sealed, data: data.subarray(0, 20).toString('base64') },
        'PAYLOAD_TAMPERED',
      ],
      ['a key this sscard never held', await seal({ x: 1 }, generateKeyring('k-gone')), 'CODEC_KEY_UNKNOWN'],
    ];
    for (const [what, payload, code] of cases) {
      const answer = await call(guarded, 'decode', [payload], { as: 'operator' });
      assert.equal(answer.status, 422, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code, what);
    }
    const malformed = await call(guarded, 'decode', [{ data: 'not base64!' }], { as: 'operator' });
    assert.equal(malformed.body.error?.code, 'VALIDATION_FAILED');
  });

  it('answers the Web UI’s preflight and every answer with the CORS headers of its origin', async () => {
    const preflight = await fetch(`${guarded}/codec/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: UI_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-namespace,authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), UI_ORIGIN);
    assert.equal(
      preflight.headers.get('access-control-allow-headers'),
      'Content-Type, X-Namespace, Authorization',
    );
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    const refused = await call(guarded, 'decode', [], { headers: { Origin: UI_ORIGIN } });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('access-control-allow-origin'), UI_ORIGIN, 'the UI can read why');
    const wrong = await fetch(`${guarded}/codec/decode`, { method: 'GET' });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'POST, OPTIONS');
  });
});
