// Each partner's calls run on its own task queue, where the Temporal server keeps the partner's quota across all
// workers. The rate limit is the matching service's, so this runs on the dev server (the time-skipping test
// server does not limit task queues).
import assert from 'node:assert/strict';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { partnerTaskQueue } from '../../domain/partner-queues';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { createDevServerEnv } from '../setup/servers';
import { waitForStage } from '../support/flow';
import { CLERK, createWorld, UNIT, type World } from '../support/world';

describe("partner calls on each partner's own task queue, at the partner's rate", () => {
  let env: TestWorkflowEnvironment;
  let world: World;
  before(async () => {
    env = await createDevServerEnv({ server: { searchAttributes: ALL_SEARCH_ATTRIBUTES } });
    world = await createWorld(env, { people: 6, partnerRates: { bank: 1 } });
  });
  after(async () => {
    await world?.close();
    await env?.teardown();
  });

  it('sends six comparisons to the bank no faster than one a second, from the bank’s task queue', async () => {
    const ids = await Promise.all(
      world.people.map(
        async (person) =>
          (await world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK))
            .applicationId,
      ),
    );
    for (const id of ids) await waitForStage(world, id, 'awaiting_collection');

    const arrivals = world.sims.bank.behaviour.arrivals('compareIdentity');
    assert.equal(arrivals.length, 6);
    const span = arrivals.at(-1)! - arrivals[0]!;
    // Six at once would arrive within a few hundred milliseconds; at one a second (the server may let a first
    // pair through together) they spread over about four seconds, less the limiter's jitter (a clean-clone CI run
    // measured 3,997 ms).
    assert.ok(span >= 3500, `six comparisons within ${span} ms`);

    const doc = (await world.stores.records.get(ids[0]!))!;
    const history = await world.temporal.workflow.getHandle(doc.workflowId, doc.runId).fetchHistory();
    const queues = new Map<string, string>();
    for (const event of history.events ?? []) {
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name && scheduled.taskQueue?.name)
        queues.set(scheduled.activityType.name, scheduled.taskQueue.name);
    }
    assert.equal(queues.get('compareIdentity'), partnerTaskQueue(world.taskQueue, 'bank'));
    assert.equal(queues.get('placePrintOrder'), partnerTaskQueue(world.taskQueue, 'manufacturer'));
    assert.equal(queues.get('openBankAccount'), partnerTaskQueue(world.taskQueue, 'bank'));
    assert.equal(queues.get('notifyIssuance'), partnerTaskQueue(world.taskQueue, 'notifier'));
  });
});
