import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { prepareNamespace } from '../../client/setup-temporal';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createDevServerEnv } from '../setup/servers';

describe('preparing a Temporal namespace for sscard (npm run setup:temporal)', () => {
  let env: TestWorkflowEnvironment;
  before(async function () {
    this.timeout(120_000);
    // A server that knows none of sscard's search attributes, as a fresh cluster.
    env = await createDevServerEnv();
  });
  after(async () => env?.teardown());

  it('registers every search attribute and the retention once; a second run changes nothing', async () => {
    const namespace = env.namespace ?? 'default';
    const first = await prepareNamespace(env.connection, namespace, 45);
    assert.deepEqual(first.added.sort(), ALL_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const listed = await env.connection.operatorService.listSearchAttributes({ namespace });
    for (const key of ALL_SEARCH_ATTRIBUTES) assert.ok(key.name in (listed.customAttributes ?? {}), key.name);
    const described = await env.connection.workflowService.describeNamespace({ namespace });
    assert.equal(Number(described.config?.workflowExecutionRetentionTtl?.seconds), 45 * 86_400);

    const second = await prepareNamespace(env.connection, namespace, 45);
    assert.deepEqual(second.added, []);
    assert.equal(second.present.length, ALL_SEARCH_ATTRIBUTES.length);
    assert.deepEqual(second.retentionDays, { before: 45, after: 45 });
  });
});
