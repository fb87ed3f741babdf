import { HAPPY_PATH } from '../../domain/stages';
import { registerCollection } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { submitApplication, waitForStage } from '../support/flow';
import { oneServerPerSuite, OPERATOR } from '../support/world';

describe('a sporadic application', () => {
  const world = oneServerPerSuite();

  it('runs all seven steps inside 5 working days and registers the collection', async () => {
    const person = world.people[0]!;
    const applicationId = await submitApplication(world, person);

    const notified = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.deepEqual(
      notified.history.filter((h) => !h.action).map((h) => h.stage),
      HAPPY_PATH,
    );
    assert.equal(notified.deadline?.sla, 'met');
    assert.equal(notified.deadline?.workingDaysTotal, 5);
    assert.ok(notified.deadline.workingDaysUsed <= 5, `used ${notified.deadline.workingDaysUsed}`);
    assert.equal(notified.awaiting, 'collection');

    const today = shanghaiDate(new Date(await world.env.currentTimeMs()));
    const issued = await world.client.applications.act(
      registerCollection,
      applicationId,
      {
        collectedBy: person.name,
        relation: 'self',
        receivedOn: today,
        place: 'Hangzhou service hall, window 3',
      },
      OPERATOR,
    );
    assert.equal(issued.stage, 'issued');
    assert.equal(issued.outcome, 'issued');

    const card = (
      await world.stores.cards.cardsOf((await world.stores.applications.get(applicationId))!.personKey)
    )[0]!;
    assert.equal(card.status, 'issued');
    assert.match(card.cardNumber ?? '', /^[A-Z0-9]{9}$/);
    assert.equal(card.collection?.relation, 'self');
    assert.equal(card.collection?.registeredBy.id, OPERATOR.id);
    assert.deepEqual(
      card.history.map((h) => h.status),
      ['pending_print', 'printed', 'at_bank', 'bank_activated', 'awaiting_collection', 'issued'],
    );

    const enrollment = await world.stores.enrollments.get(applicationId);
    assert.equal(enrollment?.status, 'official');

    // The trail is the workflow's step history, entry for entry, with who acted and when.
    const trail = await world.stores.records.trail(applicationId);
    assert.deepEqual(
      trail.map((t) => [t.seq, t.to, t.action ?? null, t.actor.id, t.at.toISOString()]),
      issued.history.map((h) => [h.seq, h.stage, h.action ?? null, h.actor.id, h.at]),
    );

    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.deepEqual(notices.map((n) => `${n.kind}:${n.audience}`).sort(), [
      'issuance_ready:person',
      'issuance_ready:unit',
    ]);

    const record = await world.stores.records.get(applicationId);
    assert.equal(record?.stage, 'issued');
    assert.equal(record?.outcome, 'issued');
    assert.equal(record?.sla, 'met');
    const stepAt = (stage: string) => Date.parse(notified.history.find((h) => h.stage === stage)!.at);
    const notifiedAt = record.notifiedAt!.getTime();
    assert.ok(notifiedAt >= stepAt('notifying') && notifiedAt <= stepAt('awaiting_collection'));

    // A run started on this release asks no patch (its input names the release; runs started before keep their
    // markers, which the replay tests hold to their first task), and it upserts only what changed, where the
    // application rests: the deadline at acceptance, printing, the notice, the end. The bank account and the notice
    // pass within seconds and go with the next change.
    const { events } = await world.temporal.workflow.getHandle(record.workflowId).fetchHistory();
    assert.deepEqual(
      events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch'),
      [],
    );
    const upserts = events!.flatMap((e) => {
      const fields = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
      if (!fields) return [];
      const value = (name: string) => {
        const data = fields[name]?.data;
        return data ? (JSON.parse(Buffer.from(data).toString()) as unknown) : undefined;
      };
      return [{ keys: Object.keys(fields).sort(), stage: value('SscardStage'), sla: value('SscardSla') }];
    });
    assert.deepEqual(
      upserts.map((u) => [u.stage ?? null, u.sla ?? null]),
      [
        ['comparing', 'on_track'],
        ['printing', null],
        ['awaiting_collection', 'met'],
        ['issued', null],
      ],
    );
    assert.ok(!upserts.some((u) => u.keys.includes('TemporalChangeVersion')));
    assert.deepEqual(upserts[1]!.keys, ['SscardStage'], 'printing changes the stage alone');
  });
});
