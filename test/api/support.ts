// An sscard with its HTTP API for API tests: the dev server (visibility queries work there), a world with a
// worker, a second and a suspended unit, an API key per role, and a small fetch helper that never throws on
// an HTTP status.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Actor } from '../../domain/actors';
import { seedApiKeys } from '../../api/auth';
import { createApiServer, type ApiServer } from '../../api/server';
import type { Limits } from '../../api/limits';
import type { LogEntry } from '../../domain/log-entry';
import { signCallback } from '../../api/signatures';
import type { Tracing } from '../../observability/tracing';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createDevServerEnv } from '../setup/servers';
import {
  CLERK,
  createWorld,
  MANUFACTURER,
  ofTheRunningTest,
  OPERATOR,
  SUPERVISOR,
  UNIT,
  type World,
} from '../support/world';

export const OTHER_UNIT = {
  _id: '91330100OTHER7',
  name: 'Other Works',
  region: '330100',
  status: 'active' as const,
  contact: 'portal:unit:91330100OTHER7',
};
export const SUSPENDED_UNIT = {
  _id: '91330100SUSP01',
  name: 'Suspended Works',
  region: '330100',
  status: 'suspended' as const,
  contact: 'portal:unit:91330100SUSP01',
};

export const ACTORS = {
  clerk: CLERK,
  otherClerk: { role: 'unit_clerk', id: 'clerk-77', unitId: OTHER_UNIT._id },
  operator: OPERATOR,
  supervisor: SUPERVISOR,
  admin: { role: 'admin', id: 'admin-01' },
  partner: { role: 'partner', id: 'cooperative-bank' },
} as const satisfies Record<string, Actor>;
export type As = keyof typeof ACTORS;

/** One secret per partner in the two forms the configuration takes: Standard Webhooks' whsec_, and raw. */
export const PARTNER_SECRETS = {
  [MANUFACTURER.id]: [`whsec_${Buffer.from('test-manufacturer-secret-0123456789').toString('base64')}`],
  'cooperative-bank': ['test-bank-secret-0123456789'],
  'population-registry': ['test-population-secret-0123456789'],
  courier: ['test-courier-secret-0123456789'],
  'card-terminals': ['test-terminals-secret-0123456789'],
  'payment-provider': ['test-payment-secret-0123456789'],
};

export const tokenOf = (as: As): string => `test-token-${as}-0123456789abcdef`;

/** The error envelope, present when the API refused. */
export type Refusal = { error?: { code: string; message: string; details?: unknown } };
export type Body = Record<string, unknown>;

export interface Answer<T = Body> {
  status: number;
  body: T & Refusal;
  headers: Headers;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is, instead of JSON of `body`. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  idempotencyKey?: string;
}

export interface ApiWorld {
  world: World;
  env: TestWorkflowEnvironment;
  api: ApiServer;
  url: string;
  consoleDir: string;
  /** What the API logged. */
  logs: LogEntry[];
  /** Calls the API as one of ACTORS (or unauthenticated with `null`). */
  call<T = Body>(as: As | null, method: string, path: string, options?: CallOptions): Promise<Answer<T>>;
  /** Sends a signed partner callback. */
  callback<T = Body>(path: string, body: string, headers?: Record<string, string>): Promise<Answer<T>>;
  close(): Promise<void>;
}

export async function startApiWorld(
  options: { now?: () => Date; limits?: Partial<Limits>; tracing?: Tracing } = {},
): Promise<ApiWorld> {
  const env = await createDevServerEnv({ server: { searchAttributes: ALL_SEARCH_ATTRIBUTES } });
  const world = await createWorld(env, options.tracing ? { tracing: options.tracing } : {});
  await world.stores.units.upsert(OTHER_UNIT);
  await world.stores.units.upsert(SUSPENDED_UNIT);
  await seedApiKeys(
    world.stores,
    Object.entries(ACTORS).map(([as, actor]) => ({ name: as, actor, token: tokenOf(as as As) })),
  );
  const consoleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-console-'));
  fs.mkdirSync(path.join(consoleDir, 'console', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(consoleDir, 'console', 'index.html'), '<!doctype html><title>sscard</title>');
  fs.writeFileSync(path.join(consoleDir, 'console', 'assets', 'app.js'), 'console.log("sscard");');
  fs.writeFileSync(path.join(consoleDir, 'console', '.env'), 'SECRET=1');
  fs.writeFileSync(path.join(consoleDir, 'secret.txt'), 'outside the console');
  const logs: LogEntry[] = [];
  const api = createApiServer({
    client: world.client,
    stores: world.stores,
    temporal: world.temporal,
    config: {
      partnerSecrets: PARTNER_SECRETS,
      consoleDir: path.join(consoleDir, 'console'),
      log: (line) => logs.push(line),
      ...(options.now ? { now: options.now } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.tracing ? { tracer: options.tracing.tracer } : {}),
    },
  });
  const url = await api.listen(0);

  async function send<T>(method: string, target: string, init: RequestInit): Promise<Answer<T>> {
    const response = await fetch(`${url}${target}`, { method, redirect: 'manual', ...init });
    const text = await response.text();
    let body: unknown = text;
    if (response.headers.get('content-type')?.startsWith('application/json')) body = JSON.parse(text);
    return { status: response.status, body: body as T & Refusal, headers: response.headers };
  }

  return {
    world,
    env,
    api,
    url,
    consoleDir,
    logs,
    call: (as, method, target, call = {}) => {
      const payload = call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
      return send(method, target, {
        headers: {
          ...(as ? { Authorization: `Bearer ${tokenOf(as)}` } : {}),
          ...(payload !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...(call.idempotencyKey ? { 'Idempotency-Key': call.idempotencyKey } : {}),
          ...call.headers,
        },
        ...(payload !== undefined ? { body: payload } : {}),
      });
    },
    callback: (target, body, headers) =>
      send('POST', target, {
        headers: {
          'Content-Type': 'application/json',
          ...signCallback(PARTNER_SECRETS[MANUFACTURER.id][0]!, body),
          ...headers,
        },
        body,
      }),
    close: async () => {
      await api.close();
      await world.close();
      await env.teardown();
      fs.rmSync(consoleDir, { recursive: true, force: true });
    },
  };
}

/**
 * One API world for a whole suite: started before its first test, closed after its last. Named once by the suite:
 * `const t = apiWorldForSuite()`.
 */
export function apiWorldForSuite(options: Parameters<typeof startApiWorld>[0] = {}): ApiWorld {
  let t: ApiWorld | undefined;
  before(async function () {
    this.timeout(180_000);
    t = await startApiWorld(options);
  });
  after(async function () {
    this.timeout(60_000);
    await t?.close();
    t = undefined;
  });
  return ofTheRunningTest(() => t);
}

/** Applies for a person without a phone number: the audit flags it and it waits for an operator's review. */
export async function flaggedApplication(
  t: ApiWorld,
  index: number,
  unitId: string = UNIT._id,
): Promise<string> {
  const { phone: _phone, ...applicant } = t.world.people[index]!;
  const { applicationId } = await t.world.client.applications.submit({ unitId, applicant }, OPERATOR);
  return applicationId;
}

export const uniqueKey = (): string => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;
