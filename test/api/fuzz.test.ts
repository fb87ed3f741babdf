import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ERROR_CATALOGUE } from '../../domain/errors';
import { type Answer, type ApiWorld, apiWorldForSuite, uniqueKey } from './support';

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema };
type Operation = {
  'x-sscard-roles'?: string[];
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/** Path and query values: impossible dates, odd IDs, paths that climb, encodings, anything. */
const parameterValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0000-00-00',
    '2026-13-01',
    '2026-02-30',
    '9999-12-31',
    '2026-12-06',
    'A0000000000000000000',
    '..',
    '%',
    '%00',
    ' ',
    '-1',
    '1e400',
    'NaN',
    'true',
    '[]',
    '{}',
    '$where',
    '11010519491231002X',
    'x'.repeat(300),
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
);

/** The role that may call an operation, so the fuzzing reaches its validation. */
const callerFor = (operation: Operation): 'admin' | 'supervisor' =>
  operation['x-sscard-roles']?.includes('admin') && !operation['x-sscard-roles'].includes('supervisor')
    ? 'admin'
    : 'supervisor';

/** Bodies shaped like the operation's schema (its field names, nested once), holding anything at all. */
function bodies(schema: Schema | undefined): fc.Arbitrary<unknown> {
  const fields = Object.entries(schema?.properties ?? {});
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '0', '-1', '1e400', 'null', '$where', '2026-02-30', '11010519491231002X'),
  );
  if (fields.length === 0) return fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    fc.record(
      Object.fromEntries(fields.map(([name, field]) => [name, field.properties ? bodies(field) : value])),
      {
        requiredKeys: [],
      },
    ),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

/** A success, or a refusal under a code of the catalogue: never a server error. */
function assertCatalogued(answer: Answer, what: string): void {
  assert.ok(answer.status < 500, `${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  if (answer.status >= 400) assert.ok(answer.body.error?.code && answer.body.error.code in ERROR_CATALOGUE);
}

function assertNoInternalFailure(t: ApiWorld): void {
  assert.deepEqual(
    t.logs.filter((entry) => entry.level === 'error'),
    [],
    'nothing the fuzzing sent was an internal failure',
  );
}

/** The operations of the API's own OpenAPI document that take a bearer token, with their path and method. */
async function bearerOperations(
  t: ApiWorld,
): Promise<{ template: string; method: string; operation: Operation }[]> {
  const doc = (
    await t.call<{ paths: Record<string, Record<string, Operation>> }>(null, 'GET', '/openapi.json')
  ).body;
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => operation.security?.some((s) => 'bearer' in s))
      .map(([method, operation]) => ({ template, method, operation })),
  );
}

describe('the API under schema-driven fuzzing (a bounded budget)', () => {
  const t = apiWorldForSuite({
    limits: {
      perKey: { burst: 100_000, perSecond: 100_000 },
      perAddress: { burst: 100_000, perSecond: 100_000 },
    },
  });

  it('answers every body of every operation with a catalogued refusal or success, never a server error', async function () {
    this.timeout(300_000);
    let sent = 0;
    for (const { template, method, operation } of await bearerOperations(t)) {
      if (method !== 'post' && method !== 'put') continue;
      const target = template.replace(/\{[^}]+\}/g, 'A0000000000000000000');
      const as = callerFor(operation);
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      await fc.assert(
        fc.asyncProperty(bodies(schema), async (body) => {
          sent += 1;
          const answer = await t.call(as, method.toUpperCase(), target, {
            body,
            idempotencyKey: uniqueKey(),
          });
          assertCatalogued(answer, `${method} ${template} ${JSON.stringify(body)}`);
        }),
        { numRuns: 25, seed: 20261202 },
      );
    }
    assert.ok(sent >= 200, `${sent} bodies sent`);
    assertNoInternalFailure(t);
  });

  it('answers every path parameter and query string of every operation without a server error', async function () {
    this.timeout(300_000);
    let sent = 0;
    for (const { template, method, operation } of await bearerOperations(t)) {
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const query = fc.record(
        Object.fromEntries([...names, 'unexpected'].map((name) => [name, parameterValue])),
        { requiredKeys: [] },
      );
      const pathValues = fc.array(parameterValue, { minLength: 4, maxLength: 4 });
      await fc.assert(
        fc.asyncProperty(pathValues, query, async (values, params) => {
          sent += 1;
          let n = 0;
          const target = template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[n++]!));
          const search = new URLSearchParams(params as Record<string, string>).toString();
          const answer = await t.call(callerFor(operation), method.toUpperCase(), `${target}?${search}`, {
            ...(method === 'post' || method === 'put' ? { body: {} } : {}),
            idempotencyKey: uniqueKey(),
          });
          assertCatalogued(answer, `${method} ${target}?${search}`);
        }),
        { numRuns: 15, seed: 20261206 },
      );
    }
    assert.ok(sent >= 300, `${sent} requests sent`);
    assertNoInternalFailure(t);
  });
});
