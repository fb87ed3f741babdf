// The recorder (workflows/card-application/recorder.ts), with the parties stubbed: what it writes, and when.
import assert from 'node:assert/strict';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { RELEASE } from '../../client/release';
import { dataConverterFor } from '../../crypto/data-converter';
import type { RecordWrite } from '../../domain/documents/records';
import { expediteUpdate } from '../../workflows/card-application/messages';
import { agreeingParties, stubbedActivitiesPerSuite, type StubbedWorld, until } from '../support/stubbed';
import { OPERATOR, TEST_KEYRING, workflowBundle } from '../support/world';

describe('the record keeping (parties stubbed)', () => {
  const withStubs = stubbedActivitiesPerSuite();

  it('a request that waited for the first task is written after the acceptance, and the run replays', async () => {
    // An update sent with the start reaches the worker in the task that starts the workflow, as one that waited
    // while no worker held the workflow does: it is taken before the steps begin, with the record dirty and no
    // step holding it. Up to 0.9.1 the recorder wrote at once, while `acceptApplication` was under way; a replay
    // that got the update in a later task did not, and failed (test/histories-failing).
    const world: StubbedWorld = await withStubs(agreeingParties(() => world.temporal));
    const input = await world.applicationInput({ startedOn: RELEASE });
    const start = new WithStartWorkflowOperation('cardApplication', {
      workflowId: `card-${input.applicationId}`,
      taskQueue: world.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [input],
    });
    const expedited = await world.temporal.workflow.executeUpdateWithStart(expediteUpdate, {
      args: [{ actor: OPERATOR, reason: 'urgent medical need' }],
      startWorkflowOperation: start,
    });
    assert.equal(expedited.expedited, true);
    const handle = await start.workflowHandle();
    await until(handle, (s) => s.stage === 'awaiting_collection', 'the notice');

    const writes = world.calls
      .filter((call) => call.name === 'keepRecord')
      .map((call) => (call.input as { write: RecordWrite }).write);
    const first = writes[0]!;
    assert.ok(first.fields.acceptedAt, 'the first write follows the acceptance: it carries its time');
    assert.equal(first.fields.expedited, true);
    assert.deepEqual(
      first.entries.slice(0, 2).map((entry) => entry.action ?? entry.to),
      ['expedited', 'accepted'],
      'the first write holds the request, then the acceptance',
    );
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle(), dataConverter: dataConverterFor(TEST_KEYRING, 'worker') },
      await handle.fetchHistory(),
    );
  });
});
