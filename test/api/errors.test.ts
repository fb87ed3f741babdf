import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { MongoNetworkError } from 'mongodb';
import { asSscardError } from '../../api/errors';
import { ConfigError, loadConfig } from '../../config';
import { ERROR_CATALOGUE, SscardError } from '../../domain/errors';
import type { LogEntry } from '../../domain/log-entry';
import { sporadicSubmissionSchema } from '../../domain/application';
import { batchSubmissionSchema } from '../../domain/batch';
import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { fromQuery, fromTemporal, validationError } from '../../client/errors';

describe('how the API names failures', () => {
  const lines: LogEntry[] = [];
  const log = (entry: LogEntry) => lines.push(entry);
  beforeEach(() => (lines.length = 0));

  it('keeps a refusal as it is', () => {
    const refusal = new SscardError('NOT_YOUR_UNIT');
    assert.equal(asSscardError(refusal, 'r1', log), refusal);
    assert.deepEqual(lines, []);
  });

  it('calls an unreachable Temporal or database SERVICE_UNAVAILABLE', () => {
    const grpc = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
      details: 'No connection established',
      metadata: { getMap: () => ({}) },
    });
    assert.equal(asSscardError(grpc, 'r2', log).code, 'SERVICE_UNAVAILABLE');
    assert.equal(
      asSscardError(new MongoNetworkError('connection reset'), 'r3', log).code,
      'SERVICE_UNAVAILABLE',
    );
  });

  it('tells the caller to try again when no worker answered in time, instead of failing as INTERNAL_ERROR', () => {
    // Both were answered 500 in a fault run while the worker restarted.
    const update = new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded');
    assert.throws(
      () => fromTemporal(update),
      (e: unknown) =>
        e instanceof SscardError && e.code === 'SERVICE_UNAVAILABLE' && /Idempotency-Key/.test(e.message),
    );
    const query = new ServiceError('Failed to query Workflow', { cause: new Error('2 UNKNOWN: no poller') });
    assert.throws(
      () => fromQuery(query),
      (e: unknown) => e instanceof SscardError && e.code === 'SERVICE_UNAVAILABLE',
    );
    assert.throws(
      () => fromQuery(new WorkflowNotFoundError('gone', 'card-1', undefined)),
      (e: unknown) => e instanceof SscardError && e.code === 'APPLICATION_NOT_FOUND',
    );
  });

  it('maps a Temporal error a route left unmapped as the client library does', () => {
    const timedOut = new WorkflowUpdateRPCTimeoutOrCancelledError('context deadline exceeded');
    assert.equal(asSscardError(timedOut, 'r4', log).code, 'SERVICE_UNAVAILABLE');
    const gone = new WorkflowNotFoundError('gone', 'card-1', undefined);
    assert.equal(asSscardError(gone, 'r5', log).code, 'APPLICATION_NOT_FOUND');
    assert.deepEqual(
      lines.filter((line) => line.level === 'error'),
      [],
    );
  });

  it('calls anything else INTERNAL_ERROR, logs it with the request ID and shows nothing of it', () => {
    const error = asSscardError(new TypeError('cannot read residentId 110101199003074477'), 'r4', log);
    assert.equal(error.code, 'INTERNAL_ERROR');
    assert.ok(error.message.includes('r4'));
    assert.ok(!error.message.includes('110101'), 'the cause is not shown to the caller');
    assert.ok(lines.some((entry) => entry.requestId === 'r4' && entry.level === 'error'));
  });

  it('logs no value a driver or library quoted from its input: names, ID numbers, phones', () => {
    const driver = new Error(
      'nested arrays are not supported: { name: "Zhang Wei", residentId: "11010119900307447X", phone: 13912345678, note: 王小明 }',
    );
    asSscardError(driver, 'r5', log);
    asSscardError(new MongoNetworkError("connection to 'db' lost while writing '李·娜'"), 'r6', log);
    const logged = JSON.stringify(lines);
    for (const canary of ['Zhang Wei', '11010119900307447X', '13912345678', '王小明', '李·娜'])
      assert.ok(!logged.includes(canary), `${canary} in ${logged}`);
    assert.ok(logged.includes('nested arrays are not supported'), 'what broke is still said');
  });
});

describe('how a refused request names what is wrong', () => {
  it('names a missing field in words, and keeps its path for programs', () => {
    const parsed = sporadicSubmissionSchema.safeParse({
      unitId: '91330100TEST01',
      applicant: { residentId: '11010519491231002X' },
    });
    assert.ok(!parsed.success);
    const error = validationError(parsed.error);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.match(error.message, /^the applicant's name is missing$/);
    const { issues } = error.details as { issues: { path: string; message: string }[] };
    assert.deepEqual(issues, [{ path: 'applicant.name', message: "the applicant's name is missing" }]);
    const batch = batchSubmissionSchema.safeParse({ applicants: [{}] });
    assert.ok(!batch.success);
    assert.match(validationError(batch.error).message, /the unit code is missing/);
  });

  it('never tells a person to ask their own role', () => {
    for (const [code, entry] of Object.entries(ERROR_CATALOGUE))
      assert.ok(!/ask an operator/i.test(entry.action), `${code}: ${entry.action}`);
  });
});

describe('the Temporal connection setting', () => {
  const key = Buffer.alloc(32, 7).toString('base64');
  const env = { SSCARD_PERSON_KEY: key, SSCARD_CODEC_KEYS: `k1:${key}` };

  it('is the local dev server unless told otherwise', () => {
    assert.deepEqual(loadConfig(env).temporal, {
      connectionOptions: { address: '127.0.0.1:7233' },
      namespace: 'default',
    });
  });

  it('reaches Temporal Cloud with an address, a namespace and an API key (TLS on)', () => {
    const { temporal } = loadConfig({
      ...env,
      TEMPORAL_ADDRESS: 'sscard.a1b2c.tmprl.cloud:7233',
      TEMPORAL_NAMESPACE: 'sscard.a1b2c',
      TEMPORAL_API_KEY: 'an-api-key',
    });
    assert.equal(temporal.namespace, 'sscard.a1b2c');
    assert.equal(temporal.connectionOptions.apiKey, 'an-api-key');
    assert.equal(temporal.connectionOptions.tls, true);
  });

  it('reads a profile of a Temporal config file, and says which setting is wrong', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-temporal-'));
    const file = path.join(dir, 'temporal.toml');
    fs.writeFileSync(
      file,
      '[profile.province]\naddress = "temporal.internal:7233"\nnamespace = "sscard-prod"\n' +
        '[profile.province.tls]\nserver_name = "temporal.internal"\n',
    );
    try {
      const { temporal } = loadConfig({ ...env, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'province' });
      assert.equal(temporal.connectionOptions.address, 'temporal.internal:7233');
      assert.equal(temporal.namespace, 'sscard-prod');
      assert.equal(
        (temporal.connectionOptions.tls as { serverNameOverride?: string }).serverNameOverride,
        'temporal.internal',
      );
      assert.throws(
        () => loadConfig({ ...env, TEMPORAL_CONFIG_FILE: file, TEMPORAL_PROFILE: 'nowhere' }),
        (error: unknown) => error instanceof ConfigError && /Profile 'nowhere' not found/.test(error.message),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the partner secrets setting', () => {
  it("refuses the repository's example secrets when the API listens beyond this machine", () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = { SSCARD_PERSON_KEY: key, SSCARD_CODEC_KEYS: `k1:${key}` };
    assert.ok(loadConfig(env).SSCARD_PARTNER_SECRETS['card-manufacturer'], 'on loopback the examples do');
    assert.throws(
      () => loadConfig({ ...env, SSCARD_API_HOST: '0.0.0.0' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /SSCARD_PARTNER_SECRETS: the repository's example secrets/.test(error.message),
    );
    const own = JSON.stringify({
      'card-manufacturer': 'a-secret-only-we-know-1234',
      'cooperative-bank': 'another-secret-5678',
    });
    assert.equal(
      loadConfig({ ...env, SSCARD_API_HOST: '0.0.0.0', SSCARD_PARTNER_SECRETS: own }).SSCARD_API_HOST,
      '0.0.0.0',
    );
  });

  it('refuses to start with partner secrets it cannot read, naming the variable', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const env = { SSCARD_PERSON_KEY: key, SSCARD_CODEC_KEYS: `k1:${key}` };
    assert.deepEqual(
      loadConfig({ ...env, SSCARD_PARTNER_SECRETS: '{"card-manufacturer":"a-secret-of-twenty-chars"}' })
        .SSCARD_PARTNER_SECRETS,
      { 'card-manufacturer': ['a-secret-of-twenty-chars'] },
    );
    const whsec = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
    assert.deepEqual(
      loadConfig({
        ...env,
        SSCARD_PARTNER_SECRETS: JSON.stringify({
          'card-manufacturer': [whsec, 'the-old-secret-being-rotated'],
        }),
      }).SSCARD_PARTNER_SECRETS,
      { 'card-manufacturer': [whsec, 'the-old-secret-being-rotated'] },
      'two active secrets while one is rotated',
    );
    assert.ok(
      Object.keys(loadConfig(env).SSCARD_PARTNER_SECRETS).includes('card-manufacturer'),
      'a local default',
    );
    for (const wrong of [
      'not json',
      '["a"]',
      '{"card-manufacturer":"short"}',
      '{"card-manufacturer":"whsec_tooShort"}',
      '{"card-manufacturer":[]}',
      // One secret for two partners would make the signer ambiguous.
      '{"card-manufacturer":"the-same-secret-twice","cooperative-bank":["the-same-secret-twice"]}',
    ]) {
      assert.throws(
        () => loadConfig({ ...env, SSCARD_PARTNER_SECRETS: wrong }),
        (error: unknown) => error instanceof ConfigError && error.message.includes('SSCARD_PARTNER_SECRETS'),
        wrong,
      );
    }
  });
});
