import assert from 'node:assert/strict';
import { Client, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { submitFlagged } from '../support/flow';
import { oneServerPerSuite, OPERATOR, SUPERVISOR, UNIT } from '../support/world';

const refusedInClear = (error: unknown): boolean =>
  (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowFailedError) &&
  error.cause instanceof ApplicationFailure &&
  error.cause.type === 'PAYLOAD_NOT_ENCRYPTED';

describe('requests that did not come through sscard (payloads in clear)', () => {
  const world = oneServerPerSuite();

  it('are refused as updates, ignored as reports, fail as a start, and change nothing', async () => {
    const applicationId = await submitFlagged(world, 0);
    const { workflowId } = (await world.stores.applications.get(applicationId))!;

    // Someone who reaches the Temporal frontend, without sscard's codec key.
    const outsider = new Client({
      connection: world.env.connection,
      namespace: world.env.namespace ?? 'default',
    });
    const handle = outsider.workflow.getHandle(workflowId);
    await assert.rejects(
      handle.executeUpdate('expedite', {
        args: [{ actor: { role: 'supervisor', id: 'made-up' }, reason: 'in clear' }],
      }),
      refusedInClear,
    );
    await assert.rejects(
      handle.executeUpdate('review', { args: [{ decision: 'approve', actor: OPERATOR }] }),
      refusedInClear,
    );
    await handle.signal('printReport', {
      orderId: `${applicationId}-P1`,
      outcome: 'printed',
      by: SUPERVISOR,
    });
    await assert.rejects(handle.query('status'), 'a status in clear is not given out either');

    const status = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(status.stage, 'awaiting_review');
    assert.equal(status.expedited, false);
    assert.deepEqual(
      status.history.filter((h) => h.action).map((h) => h.action),
      [],
      'no action was taken',
    );

    const forged = await outsider.workflow.start('cardApplication', {
      taskQueue: world.taskQueue,
      workflowId: `card-forged-${applicationId}`,
      args: [{ applicationId, unitId: UNIT._id, mode: 'sporadic' }],
    });
    await assert.rejects(forged.result(), refusedInClear);
  });
});
