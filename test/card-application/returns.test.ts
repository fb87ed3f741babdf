import { resubmit, review } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { ApplicationStatus } from '../../domain/status';
import { skipTime, submitApplication, waitForStage } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, oneServerPerSuite, OPERATOR, type World } from '../support/world';

/**
 * The deadline after a return is the old one moved by the counted working days the unit held the application:
 * the working days from the day it was returned (never before the first counted day, the day after acceptance)
 * up to the day before it was resubmitted. Returns how many that was.
 */
async function assertMovedByHeldWorkingDays(
  world: World,
  before: ApplicationStatus,
  after: ApplicationStatus,
): Promise<number> {
  const calendar = await world.stores.calendar.load();
  const returned = after.returns.at(-1)!;
  const day = (iso: string) => shanghaiDate(new Date(iso));
  const acceptedOn = day(after.history[0]!.at);
  const returnedOn = day(returned.at);
  const heldFrom = returnedOn > acceptedOn ? returnedOn : addCalendarDays(acceptedOn, 1);
  // Working days in [heldFrom, day resubmitted).
  const held = calendar.workingDaysBetween(
    addCalendarDays(heldFrom, -1),
    addCalendarDays(day(returned.resubmittedAt!), -1),
  );
  const lastDayBefore = shanghaiDate(new Date(Date.parse(before.deadline!.dueAt) - 1));
  const expectedLastDay = held === 0 ? lastDayBefore : calendar.workingDaysAfter(lastDayBefore, held).at(-1)!;
  assert.equal(after.deadline!.dueAt, endOfShanghaiDay(expectedLastDay).toISOString());
  return held;
}

describe('returned applications', () => {
  describe('in an ordinary working week', () => {
    // Wednesday 2026-11-18: five counted days Thu 19 to Wed 25, no holiday for weeks.
    const world = oneServerPerSuite({ startAt: shanghai('2026-11-18 10:00') });

    it('an operator returns a flagged application; the corrected resubmission completes and the deadline moves by the days held', async () => {
      const { photoId: _photo, ...withoutPhoto } = world.people[0]!;
      const applicationId = await submitApplication(world, withoutPhoto);
      const flagged = await waitForStage(world, applicationId, 'awaiting_review');
      assert.deepEqual(flagged.auditFlags, ['PHOTO_MISSING']);
      assert.equal(flagged.deadline?.dueAt, shanghai('2026-11-26 00:00').toISOString());

      // Returned on Thursday, the first counted day: the day in progress is not used yet.
      await skipTime(world, '1 day');

      const returned = await world.client.applications.act(
        review,
        applicationId,
        { decision: 'return', reasons: ['PHOTO_MISSING'], note: 'photo needed' },
        OPERATOR,
      );
      assert.equal(returned.stage, 'returned');
      assert.equal(returned.deadline?.paused, true);
      assert.equal(returned.returnCount, 1);
      const leftWhenReturned = returned.deadline.workingDaysLeft;

      assert.equal(leftWhenReturned, 5);
      await skipTime(world, '3 days');
      const stillHeld = await world.client.applications.status(applicationId, OPERATOR);
      assert.equal(
        stillHeld.deadline?.workingDaysLeft,
        leftWhenReturned,
        'the clock stops while the unit holds it',
      );

      const resumed = await world.client.applications.act(
        resubmit,
        applicationId,
        { applicant: world.people[0]!, note: 'photo taken' },
        CLERK,
      );
      assert.notEqual(resumed.stage, 'returned');
      // The answer shows the clock running again, its deadline moved by the two working days the unit held it.
      assert.equal(resumed.deadline?.paused, false);
      assert.equal(resumed.deadline?.sla, 'on_track');
      assert.equal(resumed.deadline?.workingDaysLeft, leftWhenReturned);
      assert.equal(resumed.deadline?.dueAt, shanghai('2026-11-28 00:00').toISOString());
      const done = await waitForStage(world, applicationId, 'awaiting_collection');
      // Held Thursday and Friday; resubmitted on Sunday: five days from Monday 23, due at the end of Friday 27.
      assert.equal(await assertMovedByHeldWorkingDays(world, flagged, done), 2);
      assert.equal(done.deadline?.dueAt, shanghai('2026-11-28 00:00').toISOString());
      assert.deepEqual(done.returns[0]?.reasons, ['PHOTO_MISSING']);
      assert.equal(done.returns[0]?.by.id, OPERATOR.id);

      const notices = await world.stores.notifications.forApplication(applicationId);
      assert.equal(notices.filter((n) => n.kind === 'returned' && n.audience === 'unit').length, 1);
      const enrollment = await world.stores.enrollments.get(applicationId);
      assert.equal(enrollment?.revision, 2);
      assert.equal(enrollment?.applicant.photoId, world.people[0]!.photoId);
    });
  });

  describe('over the National Day holidays', () => {
    // Wednesday 2026-09-30, the eve of the holidays (1-7 October off, Saturday 10 October worked).
    const world = oneServerPerSuite({ startAt: shanghai('2026-09-30 12:00') });

    it('a comparison mismatch returns the application to its unit; the corrected name passes the bank', async () => {
      const person = world.people[1]!;
      const misspelt = { ...person, name: `${person.name}子` };
      const applicationId = await submitApplication(world, misspelt);
      const returned = await waitForStage(world, applicationId, 'returned');
      assert.deepEqual(returned.returns[0]?.reasons, ['NAME_MISMATCH']);
      assert.equal(returned.returns[0]?.by.id, 'cooperative-bank');

      // Counted days: 8, 9, 10 (a Saturday worked), 12 and 13 October.
      assert.equal(returned.deadline?.dueAt, shanghai('2026-10-14 00:00').toISOString());

      // The record lags behind the workflow, as after a fault (a task retried on another worker): the unit's
      // correction is still taken, because the workflow, not the record, says whether it waits for one.
      await world.db
        .collection<{ _id: string }>('application_records')
        .updateOne({ _id: applicationId }, { $set: { stage: 'comparing' } });

      // Returned on the day of acceptance and resubmitted during the holidays: no counted day was held.
      await skipTime(world, '4 days');
      await world.client.applications.act(resubmit, applicationId, { applicant: person }, CLERK);
      const done = await waitForStage(world, applicationId, 'awaiting_collection');
      assert.equal((await world.stores.records.get(applicationId))?.stage, 'awaiting_collection');
      assert.equal(done.returnCount, 1);
      assert.equal(await assertMovedByHeldWorkingDays(world, returned, done), 0);
      assert.equal(done.deadline?.dueAt, returned.deadline?.dueAt);
      assert.equal(done.deadline?.sla, 'met');
    });
  });

  describe('left unanswered over the National Day holidays', () => {
    // Its own server: the return is made on the eve of the holidays too, which the test above has moved past.
    const world = oneServerPerSuite({ startAt: shanghai('2026-09-30 12:00') });

    it('a return left unanswered expires and the unit is told', async () => {
      const person = world.people[2]!;
      const applicationId = await submitApplication(world, { ...person, name: '查无此人' });
      await waitForStage(world, applicationId, 'returned');
      const doc = (await world.stores.applications.get(applicationId))!;
      const handle = world.temporal.workflow.getHandle(doc.workflowId);
      await skipTime(world, '30 days');
      const result = (await handle.result()) as ApplicationStatus;
      assert.equal(result.outcome, 'expired');
      assert.equal(result.stage, 'expired');
      assert.equal(shanghaiDate(new Date(result.returns[0]!.at)), '2026-09-30');
      // Ten working days after the day of the return (8-10, 12-16, 19 and 20 October): it expires as 21 October begins.
      const expiry = await world.stores.notifications.forApplication(applicationId);
      const expiredAt = expiry.find((n) => n.kind === 'expired')!.sentAt.getTime();
      const expectedAt = shanghai('2026-10-21 00:00').getTime();
      assert.ok(
        expiredAt >= expectedAt && expiredAt < expectedAt + 3_600_000,
        `expired at ${new Date(expiredAt).toISOString()}`,
      );
      const notices = await world.stores.notifications.forApplication(applicationId);
      assert.deepEqual(notices.map((n) => n.kind).sort(), ['expired', 'returned']);
      assert.equal((await world.stores.cards.cardsOf(doc.personKey)).length, 0);
    });
  });
});
