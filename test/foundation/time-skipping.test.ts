import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../setup/servers';
import { shanghai } from '../support/time';
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

  it('starts at the instant a test chooses, in the past as in the future, and skips time from there', async () => {
    for (const startAt of [shanghai('2025-09-30 23:55'), shanghai('2031-01-06 12:00')]) {
      const env = await createTimeSkippingEnv({ startAt });
      try {
        const now = await env.currentTimeMs();
        assert.ok(
          now >= startAt.getTime() && now - startAt.getTime() < 60_000,
          `started at ${new Date(now).toISOString()}`,
        );
        await env.sleep('2 days');
        assert.ok((await env.currentTimeMs()) - now >= 2 * 86_400_000, 'workflow time moved 2 days');
      } finally {
        await env.teardown();
      }
    }
  });
});
