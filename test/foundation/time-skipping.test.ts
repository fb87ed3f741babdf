import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../setup/servers';
import type { thirtyDays } from '../fixtures/timer-workflow';

describe('the time-skipping test server', () => {
  it('runs a 30-day timer in seconds', async () => {
    const env = await createTimeSkippingEnv();
    try {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: 'timer',
        workflowsPath: require.resolve('../fixtures/timer-workflow'),
      });
      const started = Date.now();
      const before = await env.currentTimeMs();
      const result = await worker.runUntil(
        env.client.workflow.execute<typeof thirtyDays>('thirtyDays', {
          workflowId: `timer-${Date.now()}`,
          taskQueue: 'timer',
        }),
      );
      assert.equal(result, 'done');
      assert.ok((await env.currentTimeMs()) - before >= 30 * 86_400_000, 'workflow time moved 30 days');
      assert.ok(Date.now() - started < 20_000, 'in seconds of real time');
    } finally {
      await env.teardown();
    }
  });
});
