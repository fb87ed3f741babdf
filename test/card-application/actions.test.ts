import {
  expedite,
  orderReprint,
  registerCollection,
  resubmit,
  review,
  withdraw,
} from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { Actor } from '../../domain/actors';
import { DEFAULT_POLICIES } from '../../domain/deadline-policy';
import { SscardError } from '../../domain/errors';
import {
  assertRefused,
  eventually,
  refusalsOf,
  submitApplication,
  submitFlagged,
  waitForStage,
  withdrawApplication,
} from '../support/flow';
import { CLERK, oneServerPerSuite, OPERATOR, SUPERVISOR, UNIT } from '../support/world';

const OTHER_CLERK: Actor = { role: 'unit_clerk', id: 'clerk-77', unitId: '91330100OTHER7' };

/** A collection at the hall by the person themself, on the given day. */
const collectedOn = (receivedOn: string) =>
  ({ collectedBy: '张三', relation: 'self', receivedOn, place: 'hall' }) as const;

describe('operator and unit actions', () => {
  const world = oneServerPerSuite();

  it('the unit withdraws before printing: nothing is printed and the unit is told', async () => {
    const applicationId = await submitFlagged(world, 0);
    const refuses = refusalsOf(world, applicationId);
    const withdrawn = await withdrawApplication(world, applicationId, 'employee left the company');
    assert.equal(withdrawn.stage, 'withdrawn');
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal(await world.sims.db.collection('mfr_orders').countDocuments({}), 0);
    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.deepEqual(
      notices.map((n) => n.kind),
      ['withdrawn'],
    );
    await refuses(review, { decision: 'approve' }, OPERATOR, 'ALREADY_CLOSED');
  });

  it('once printing has started only a supervisor who confirms can withdraw; the print order is cancelled', async () => {
    world.sims.manufacturer.settings.printMs = 60_000; // the factory takes its time: the order stays open
    const applicationId = await submitApplication(world, world.people[1]!);
    const refuses = refusalsOf(world, applicationId);
    await waitForStage(world, applicationId, 'printing');
    await refuses(withdraw, { reason: 'changed mind' }, CLERK, 'WITHDRAW_NEEDS_SUPERVISOR');
    await refuses(withdraw, { reason: 'changed mind' }, OPERATOR, 'WITHDRAW_NEEDS_SUPERVISOR');
    await refuses(withdraw, { reason: 'changed mind' }, SUPERVISOR, 'WITHDRAW_NEEDS_SUPERVISOR');
    const still = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(still.stage, 'printing');

    const withdrawn = await withdrawApplication(world, applicationId, 'duplicate request found', SUPERVISOR);
    assert.equal(withdrawn.outcome, 'withdrawn');
    const order = await world.sims.db
      .collection('mfr_orders')
      .findOne({ _id: `${applicationId}-P1` as never });
    assert.equal(order?.status, 'cancelled');
    const doc = (await world.stores.applications.get(applicationId))!;
    const card = (await world.stores.cards.cardsOf(doc.personKey))[0]!;
    assert.equal(card.status, 'cancelled');
    assert.equal(card.cancellation?.reason, 'WITHDRAWN');
    assert.equal(card.cancellation?.by.id, SUPERVISOR.id);
  });

  it('a withdrawal while the bank compares lets the call end, then withdraws: nothing is left half done', async () => {
    // The bank takes two seconds, and the withdrawal is sent once the comparison has reached the bank: it arrives
    // with the comparison in flight (sent at once, a loaded machine could deliver it before the comparison began).
    world.sims.bank.behaviour.settings = { latencyMs: [2000, 2000], failureRate: 0 };
    const applicationId = await submitApplication(world, world.people[6]!);
    await eventually(
      () => Promise.resolve(world.sims.bank.behaviour.requests('compareIdentity')),
      (n) => n === 1,
      'the comparison at the bank',
    );
    const withdrawn = await withdrawApplication(world, applicationId, 'submitted by mistake');
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal(
      world.sims.bank.behaviour.requests('compareIdentity'),
      1,
      'the comparison ran once, to its end',
    );
    const doc = (await world.stores.applications.get(applicationId))!;
    assert.deepEqual(await world.stores.cards.cardsOf(doc.personKey), [], 'no card was registered');
    assert.equal(await world.sims.db.collection('mfr_orders').countDocuments({}), 0);
    const record = await world.stores.records.get(applicationId);
    assert.equal(record?.stage, 'withdrawn');
    assert.deepEqual(
      (await world.stores.notifications.forApplication(applicationId)).map((n) => n.kind),
      ['withdrawn'],
    );
  });

  it('refuses wrong actions at once, with a reason, and changes nothing', async () => {
    const applicationId = await submitFlagged(world, 2);
    const refuses = refusalsOf(world, applicationId);
    const before = await world.client.applications.status(applicationId, OPERATOR);
    const today = shanghaiDate(new Date(await world.env.currentTimeMs()));
    await refuses(review, { decision: 'approve' }, CLERK, 'ROLE_NOT_ALLOWED');
    await assertRefused(world.client.applications.status(applicationId, OTHER_CLERK), 'NOT_YOUR_UNIT');
    await refuses(withdraw, { reason: 'x' }, OTHER_CLERK, 'NOT_YOUR_UNIT');
    await refuses(review, { decision: 'return' }, OPERATOR, 'VALIDATION_FAILED');
    await refuses(registerCollection, collectedOn(today), OPERATOR, 'NOT_AWAITING_COLLECTION');
    await refuses(resubmit, { applicant: world.people[2]! }, CLERK, 'NOT_RETURNED');
    await refuses(orderReprint, {}, OPERATOR, 'NOT_AWAITING_REPRINT');
    await refuses(resubmit, { applicant: world.people[3]! }, CLERK, 'RESUBMIT_CHANGES_PERSON');
    const after = await world.client.applications.status(applicationId, OPERATOR);
    assert.deepEqual(after, before);

    await world.client.applications.act(expedite, applicationId, { reason: 'urgent medical need' }, OPERATOR);
    await refuses(expedite, { reason: 'again' }, OPERATOR, 'ALREADY_EXPEDITED');
    await world.client.applications.act(review, applicationId, { decision: 'approve' }, OPERATOR);
    await refuses(review, { decision: 'approve' }, OPERATOR, 'NOT_AWAITING_REVIEW');
    await waitForStage(world, applicationId, 'awaiting_collection');
    const tomorrow = shanghaiDate(new Date((await world.env.currentTimeMs()) + 2 * 86400_000));
    await refuses(registerCollection, collectedOn(tomorrow), OPERATOR, 'COLLECTION_DATE_INVALID');
    // A day that does not exist is called impossible, not "in the future".
    await assert.rejects(
      world.client.applications.act(registerCollection, applicationId, collectedOn('2026-02-30'), OPERATOR),
      (error: unknown) =>
        error instanceof SscardError &&
        error.code === 'VALIDATION_FAILED' &&
        /receivedOn.*impossible date/.test(error.message) &&
        !/future/.test(error.message),
    );
    const order = await world.sims.db
      .collection('mfr_orders')
      .findOne({ _id: `${applicationId}-P1` as never });
    assert.equal(order?.express, true, 'the expedited application was printed express');
  });

  it('refuses a second application for a person in flight, and accepts one after the first closed', async () => {
    const person = world.people[4]!;
    const first = await world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK);
    await assertRefused(
      world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK),
      'APPLICATION_IN_FLIGHT',
    );
    assert.equal(
      await world.db.collection('applications').countDocuments({}),
      1,
      'the refused submission left nothing behind',
    );

    await waitForStage(world, first.applicationId, 'awaiting_collection');
    const today = shanghaiDate(new Date(await world.env.currentTimeMs()));
    await world.client.applications.act(
      registerCollection,
      first.applicationId,
      { collectedBy: person.name, relation: 'self', receivedOn: today, place: 'hall' },
      OPERATOR,
    );
    const second = await world.client.applications.submit({ unitId: UNIT._id, applicant: person }, CLERK);
    assert.notEqual(second.applicationId, first.applicationId);
    await waitForStage(world, second.applicationId, 'awaiting_collection');
    const doc = (await world.stores.applications.get(second.applicationId))!;
    const cards = await world.stores.cards.cardsOf(doc.personKey);
    assert.deepEqual(cards.map((c) => c.status).sort(), ['awaiting_collection', 'replaced']);
  });

  it('refuses submissions with bad data, an unknown unit, or another unit', async () => {
    const person = world.people[5]!;
    await assertRefused(
      world.client.applications.submit(
        {
          unitId: UNIT._id,
          applicant: {
            ...person,
            residentId: person.residentId.slice(0, 17) + (person.residentId.endsWith('1') ? '2' : '1'),
          },
        },
        CLERK,
      ),
      'RID_CHECKSUM',
    );
    await assertRefused(
      world.client.applications.submit({ unitId: UNIT._id, applicant: { ...person, name: '' } }, CLERK),
      'VALIDATION_FAILED',
    );
    await assertRefused(
      world.client.applications.submit({ unitId: '91330100OTHER7', applicant: person }, OTHER_CLERK),
      'UNIT_UNKNOWN',
    );
    await assertRefused(
      world.client.applications.submit({ unitId: UNIT._id, applicant: person }, OTHER_CLERK),
      'NOT_YOUR_UNIT',
    );
    assert.equal(await world.db.collection('applications').countDocuments({}), 0);
  });

  it('an application no deadline policy covers yet closes as rejected with the reason, instead of retrying', async () => {
    const national = DEFAULT_POLICIES.find((p) => p.id === 'national-sporadic-2019')!;
    await world.stores.policies.upsert({ ...national, effectiveFrom: '2099-01-01' });
    const applicationId = await submitApplication(world, world.people[7]!);
    const closed = await waitForStage(world, applicationId, 'rejected');
    assert.equal(closed.outcome, 'rejected');
    assert.match(closed.history.at(-1)!.note ?? '', /^POLICY_NOT_FOUND: no sporadic deadline policy applies/);
    const told = async () =>
      (await world.stores.notifications.forApplication(applicationId)).map((n) => n.kind);
    await eventually(told, (kinds) => kinds.length > 0, 'the unit to be told');
    assert.deepEqual(await told(), ['rejected']);
  });
});
