import { registerCollection, withdraw } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ScheduleHandle } from '@temporalio/client';
import { ALL_SEARCH_ATTRIBUTES, SA } from '../../workflows/search-attributes';
import { createDevServerEnv } from '../setup/servers';
import {
  comingOfAgeScheduleId,
  ecardSyncScheduleId,
  nationalSyncScheduleId,
  ensureSchedules,
  renewalCampaignScheduleId,
} from '../../client/schedules';
import { issuedCard } from '../card-life/support';
import { eventually, waitForStage } from '../support/flow';
import { CLERK, createWorld, OPERATOR, SUPERVISOR, UNIT, type World } from '../support/world';

/** Every string and every byte string (as UTF-8) anywhere in a protobuf object. */
function readable(value: unknown, out: string[] = []): string[] {
  if (value instanceof Uint8Array) out.push(Buffer.from(value).toString('utf8'));
  else if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => readable(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => readable(v, out));
  return out;
}

describe('end to end on the Temporal dev server and FerretDB', () => {
  let env: TestWorkflowEnvironment;
  let world: World;
  before(async () => {
    env = await createDevServerEnv({ server: { searchAttributes: ALL_SEARCH_ATTRIBUTES } });
    world = await createWorld(env, { partners: 'http' });
  });
  after(async () => {
    await world?.close();
    await env?.teardown();
  });

  it('issues a card, is findable by search attributes, and keeps personal data out of plain history', async () => {
    const person = world.people[0]!;
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: person },
      CLERK,
    );
    await waitForStage(world, applicationId, 'awaiting_collection');
    const today = shanghaiDate(new Date());
    await world.client.applications.act(
      registerCollection,
      applicationId,
      { collectedBy: person.name, relation: 'self', receivedOn: today, place: 'Hangzhou hall' },
      OPERATOR,
    );

    const doc = (await world.stores.records.get(applicationId))!;
    const handle = world.temporal.workflow.getHandle(doc.workflowId, doc.runId);
    await handle.result();
    const description = await handle.describe();
    assert.equal(description.typedSearchAttributes.get(SA.stage), 'issued');
    assert.equal(description.typedSearchAttributes.get(SA.sla), 'met');
    assert.equal(description.typedSearchAttributes.get(SA.unit), UNIT._id);
    assert.equal(description.typedSearchAttributes.get(SA.returnCount), 0);
    assert.ok(description.typedSearchAttributes.get(SA.deadline) instanceof Date);

    let found = 0;
    for (let i = 0; i < 50 && found === 0; i++) {
      for await (const _ of world.temporal.workflow.list({
        query: `SscardApplicationId = '${applicationId}' AND SscardStage = 'issued'`,
      }))
        found += 1;
      if (found === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(found, 1);

    // The raw history, as the server stores it and the Web UI shows it without the codec endpoint.
    const raw = await env.connection.workflowService.getWorkflowExecutionHistory({
      namespace: env.namespace ?? 'default',
      execution: { workflowId: doc.workflowId, runId: doc.runId },
    });
    const text = readable(raw.history).join('\n');
    assert.ok(text.includes(applicationId), 'the scan reads payloads and search attributes');
    assert.ok(text.includes('binary/encrypted'), 'payloads are marked encrypted');
    for (const secret of [person.residentId, person.name, person.phone!]) {
      assert.ok(!text.includes(secret), 'personal data found in plain history');
    }
    assert.ok(!doc.workflowId.includes(person.residentId));
  });

  it('runs the card feeds on schedules of their own, which tell the e-card platform and the national registry over HTTP', async () => {
    const card = await issuedCard(world, 1);
    const ids = [ecardSyncScheduleId(world.taskQueue), nationalSyncScheduleId(world.taskQueue)];
    const daily = comingOfAgeScheduleId(world.taskQueue);
    const created = await ensureSchedules(world.temporal, world.taskQueue);
    assert.deepEqual(
      [...ids, daily].filter((id) => !created.includes(id)),
      [],
    );
    assert.deepEqual(await ensureSchedules(world.temporal, world.taskQueue), [], 'created once');
    const [ecard, national, comingOfAge] = [...ids, daily].map((id) =>
      world.temporal.schedule.getHandle(id),
    ) as [ScheduleHandle, ScheduleHandle, ScheduleHandle];
    try {
      // The coming-of-age hand-over runs once a day, early in the morning in Shanghai.
      const handOver = await comingOfAge.describe();
      assert.equal(handOver.action.type === 'startWorkflow' && handOver.action.workflowType, 'comingOfAge');
      assert.equal(handOver.spec.timezone, 'Asia/Shanghai');
      assert.deepEqual(
        handOver.spec.calendars?.map((c) => [c.hour, c.minute]),
        [[[{ start: 0, end: 0, step: 1 }], [{ start: 30, end: 30, step: 1 }]]],
      );
      const described = await ecard.describe();
      assert.equal(described.action.type, 'startWorkflow');
      assert.equal(described.action.type === 'startWorkflow' && described.action.workflowType, 'ecardSync');
      assert.deepEqual(
        described.spec.intervals?.map((i) => i.every),
        [60_000],
      );
      const nationally = await national.describe();
      assert.equal(
        nationally.action.type === 'startWorkflow' && nationally.action.workflowType,
        'nationalRegistrySync',
      );
      await ecard.trigger();
      await national.trigger();
      await eventually(
        () => world.sims.ecard.status(card.cardNumber!),
        (status) => status === 'active',
        'the platform hears of the issued card',
        60_000,
      );
      await eventually(
        async () => (await world.sims.national.cardAt(card.cardNumber!))?.status,
        (status) => status === 'valid',
        'the national registry hears of the issued card',
        60_000,
      );
      // The parties hear first; each feed then records what it told.
      await eventually(
        async () => [
          (await world.stores.ecards.get(card._id))?.status,
          (await world.stores.nationalReports.get(card._id))?.status,
        ],
        (told) => told[0] === 'active' && told[1] === 'valid',
        'the feeds record what they told',
        10_000,
      );
    } finally {
      await ecard.delete();
      await national.delete();
      await comingOfAge.delete();
    }
  });

  it("runs the renewal campaign daily on its schedule: the holder whose card's window opened is told by SMS", async () => {
    const card = await issuedCard(world, 2);
    // Ten years on, less a month: the card's renewal window opened yesterday.
    const opened = shanghaiDate(new Date(Date.now() - 86_400_000));
    await world.db
      .collection<{ _id: string }>('cards')
      .updateOne({ _id: card._id }, { $set: { 'validity.renewableFrom': opened } });
    await ensureSchedules(world.temporal, world.taskQueue);
    const campaign = world.temporal.schedule.getHandle(renewalCampaignScheduleId(world.taskQueue));
    try {
      const described = await campaign.describe();
      assert.equal(
        described.action.type === 'startWorkflow' && described.action.workflowType,
        'renewalCampaign',
      );
      assert.equal(described.spec.timezone, 'Asia/Shanghai');
      assert.deepEqual(
        described.spec.calendars?.map((c) => [c.hour, c.minute]),
        [[[{ start: 1, end: 1, step: 1 }], [{ start: 0, end: 0, step: 1 }]]],
      );
      await campaign.trigger();
      const sent = await eventually(
        () =>
          world.sims.notifier.messages.findOne({
            _id: `${card._id}:renewal_due:${card.validity!.expiresOn}`,
          }),
        (message) => message !== null,
        'the holder told',
        60_000,
      );
      assert.equal(sent?.to, world.people[2]!.phone);
      await eventually(
        async () => (await world.stores.cards.get(card._id))?.validity?.renewalNoticeAt,
        (at) => at !== undefined,
        'the notice kept on the card',
        10_000,
      );
    } finally {
      await campaign.delete();
    }
  });

  // The fault run's failed workflow (patch stopped-party-wait-ends-in-withdrawal). The server does not retry an
  // attempt that fails after its cancellation was asked for; the time-skipping test server does, so this runs here.
  it('ends withdrawn when the withdrawal stops the wait on the bank and the attempt in flight then fails', async () => {
    const bank = world.sims.bank.behaviour;
    // Every call to the bank takes three seconds, and its first account opening then fails as an outage.
    bank.settings = { latencyMs: [3000, 3000], failureRate: 0 };
    bank.failNext(1, 'openAccount');
    const asked = bank.requests('openAccount');
    try {
      const { applicationId } = await world.client.applications.submit(
        { unitId: UNIT._id, applicant: world.people[2]! },
        CLERK,
      );
      await eventually(
        () => Promise.resolve(bank.requests('openAccount')),
        (n) => n > asked,
        'the bank asked to open the account',
        60_000,
      );
      await world.client.applications.act(
        withdraw,
        applicationId,
        { reason: 'the person moved to another province', supervisorConfirmed: true },
        SUPERVISOR,
      );
      // The answer may leave before the undoing ends (the bank takes 3 s a call; the caller waits 4 s at most).
      const withdrawn = await eventually(
        () => world.client.applications.status(applicationId, SUPERVISOR),
        (s) => s.outcome !== undefined,
        'the withdrawal to end',
        30_000,
      );
      assert.equal(withdrawn.outcome, 'withdrawn', JSON.stringify(withdrawn.history.map((s) => s.stage)));
      // It ends, not fails: in a moment, since the answer leaves before the workflow's last task.
      const doc = (await world.stores.applications.get(applicationId))!;
      await eventually(
        async () => (await world.temporal.workflow.getHandle(doc.workflowId).describe()).status.name,
        (status) => status !== 'RUNNING',
        'the workflow to end',
        15_000,
      );
      const described = await world.temporal.workflow.getHandle(doc.workflowId).describe();
      assert.equal(described.status.name, 'COMPLETED');
    } finally {
      bank.settings = { latencyMs: [0, 0], failureRate: 0 };
    }
  });
});
