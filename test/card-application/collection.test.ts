// Registering who collected a card: the holder or an agent with their resident ID number, one card at a counter or
// all the ready cards of a batch by the unit's agent. Who collected is kept in MongoDB only (the agent's number as a
// keyed hash and a mask); the workflow and the card registry carry a reference.
import { registerCollection } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import type { Payload } from '@temporalio/common';
import { EncryptionCodec } from '../../crypto/codec';
import { personKey } from '../../crypto/person-key';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { cardIdFor } from '../../domain/documents/cards';
import { maskResidentId } from '../../domain/documents/collectors';
import { assertRefused, submitApplication, waitForStage } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, oneServerPerSuite, OPERATOR, UNIT, type World } from '../support/world';

/** Every payload of a workflow's history, decrypted, as text. */
async function historyText(world: World, workflowId: string, runId?: string): Promise<string> {
  const history = await world.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
  const payloads: Payload[] = [];
  const walk = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    const candidate = value as { metadata?: unknown; data?: unknown };
    if (candidate.metadata && candidate.data instanceof Uint8Array) payloads.push(candidate as Payload);
    else for (const child of Object.values(value)) walk(child);
  };
  walk(history.events);
  const decoded = await new EncryptionCodec(world.keyring).decode(payloads);
  return decoded.map((p) => Buffer.from(p.data ?? []).toString('utf8')).join('\n');
}

describe('collection of a card', () => {
  const world = oneServerPerSuite({ startAt: shanghai('2026-12-07 10:00') });

  const today = async () => shanghaiDate(new Date(await world.env.currentTimeMs()));
  const ready = async (index: number) => {
    const applicationId = await submitApplication(world, world.people[index]!);
    await waitForStage(world, applicationId, 'awaiting_collection');
    return applicationId;
  };

  it('an agent collects: kept hashed and masked in MongoDB, nothing of them in the workflow or the card', async () => {
    const applicationId = await ready(0);
    const agent = world.people[9]!;
    // (An agent without their number is refused at the edge: test/api/actions.test.ts.)
    const status = await world.client.applications.act(
      registerCollection,
      applicationId,
      {
        collectedBy: agent.name,
        relation: 'family',
        agentResidentId: agent.residentId,
        receivedOn: await today(),
        place: 'Hangzhou service hall',
      },
      OPERATOR,
    );
    assert.equal(status.stage, 'issued');

    const card = (await world.stores.cards.get(cardIdFor(applicationId)))!;
    assert.equal(card.status, 'issued');
    assert.equal(card.collection?.relation, 'family');
    assert.equal(card.collection?.collectedBy, undefined);
    const collector = (await world.stores.collectors.get(card.collection.collectorRef!))!;
    assert.equal(collector.name, agent.name);
    assert.equal(collector.applicationId, applicationId);
    assert.equal(collector.agent?.ridHash, personKey(agent.residentId, world.keyring.personKeySecret));
    assert.equal(collector.agent?.ridMask, maskResidentId(agent.residentId));
    assert.match(collector.agent.ridMask, /^\d{6}\*{8}[\dX]{4}$/);
    assert.ok(!JSON.stringify(collector).includes(agent.residentId), 'the number is never kept whole');

    const doc = (await world.stores.applications.get(applicationId))!;
    const text = await historyText(world, doc.workflowId);
    assert.ok(
      text.includes(card.collection.collectorRef!),
      'the history was decoded and holds the reference',
    );
    for (const secret of [agent.name, agent.residentId, maskResidentId(agent.residentId)])
      assert.ok(!text.includes(secret), 'nothing of the agent in any payload of the workflow');

    // A second registration is refused (the application closed with the first) and leaves no collector behind.
    await assertRefused(
      world.client.applications.act(
        registerCollection,
        applicationId,
        { collectedBy: '张三', relation: 'self', receivedOn: await today(), place: 'hall' },
        OPERATOR,
      ),
      'ALREADY_CLOSED',
    );
    assert.equal(await world.db.collection('collectors').countDocuments({ applicationId }), 1);
  });

  it("the unit's agent collects every ready card of a batch at once; clerks of the unit may register it", async () => {
    const rows = world.people.slice(0, 4).map((p) => ({ ...p }));
    const receipt = await world.client.batches.submit({ unitId: UNIT._id, applicants: rows }, CLERK, {
      pageSize: 20,
      window: 10,
      pagesPerRun: 2,
    });
    const ids = Array.from({ length: 4 }, (_, i) => `A${receipt.batchId.slice(1)}R${i + 1}`);
    for (const id of ids) await waitForStage(world, id, 'awaiting_collection');
    const agent = world.people[12]!;
    const body = {
      collectedBy: agent.name,
      agentResidentId: agent.residentId,
      receivedOn: await today(),
      place: 'the unit’s HR office',
    };
    await assertRefused(
      world.client.batches.registerCollections(receipt.batchId, body, { ...CLERK, unitId: 'OTHERUNIT01' }),
      'NOT_YOUR_UNIT',
    );
    const done = await world.client.batches.registerCollections(receipt.batchId, body, CLERK);
    assert.deepEqual(done.registered.sort(), [...ids].sort());
    assert.deepEqual(done.refused, []);
    for (const id of ids) {
      const card = (await world.stores.cards.get(cardIdFor(id)))!;
      assert.equal(card.status, 'issued');
      assert.equal(card.collection?.relation, 'unit_agent');
    }
    const again = await world.client.batches.registerCollections(receipt.batchId, body, CLERK);
    assert.deepEqual(again, { registered: [], refused: [] }, 'nothing is left to collect');
  });
});
