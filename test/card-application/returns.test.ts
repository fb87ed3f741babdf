import assert from 'node:assert/strict';
import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { ApplicationStatus } from '../../domain/status';
import { waitForStage } from '../support/flow';
import { CLERK, eachTestInItsOwnWorld, OPERATOR, UNIT, type World } from '../support/world';

/** The deadline after a return must be the old one moved by the working days the unit held the application. */
async function assertMovedByHeldWorkingDays(
  world: World,
  before: ApplicationStatus,
  after: ApplicationStatus,
): Promise<number> {
  const calendar = await world.stores.calendar.load();
  const returned = after.returns.at(-1)!;
  // Working days in [day returned, day resubmitted): the days the unit held it.
  const dayBefore = (iso: string) => addCalendarDays(shanghaiDate(new Date(iso)), -1);
  const held = calendar.workingDaysBetween(dayBefore(returned.at), dayBefore(returned.resubmittedAt!));
  assert.ok(held >= 1, 'the test should hold the application over at least one working day');
  const lastDayBefore = shanghaiDate(new Date(Date.parse(before.deadline!.dueAt) - 1));
  const expectedLastDay = calendar.workingDaysAfter(lastDayBefore, held).at(-1)!;
  assert.equal(after.deadline!.dueAt, endOfShanghaiDay(expectedLastDay).toISOString());
  return held;
}

describe('returned applications', () => {
  let world: World;
  const current = eachTestInItsOwnWorld();
  beforeEach(() => (world = current()));

  it('an operator returns a flagged application; the corrected resubmission completes and the deadline moves by the days held', async () => {
    const { photoId: _photo, ...withoutPhoto } = world.people[0]!;
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: withoutPhoto },
      CLERK,
    );
    const flagged = await waitForStage(world, applicationId, 'awaiting_review');
    assert.deepEqual(flagged.auditFlags, ['PHOTO_MISSING']);

    const returned = await world.client.applications.review(
      applicationId,
      { decision: 'return', reasons: ['PHOTO_MISSING'], note: 'photo needed' },
      OPERATOR,
    );
    assert.equal(returned.stage, 'returned');
    assert.equal(returned.deadline?.paused, true);
    assert.equal(returned.returnCount, 1);
    const leftWhenReturned = returned.deadline.workingDaysLeft;

    await world.env.sleep('3 days');
    const stillHeld = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(
      stillHeld.deadline?.workingDaysLeft,
      leftWhenReturned,
      'the clock stops while the unit holds it',
    );

    const resumed = await world.client.applications.resubmit(
      applicationId,
      { applicant: world.people[0], note: 'photo taken' },
      CLERK,
    );
    assert.notEqual(resumed.stage, 'returned');
    const done = await waitForStage(world, applicationId, 'awaiting_collection');
    await assertMovedByHeldWorkingDays(world, flagged, done);
    assert.deepEqual(done.returns[0]?.reasons, ['PHOTO_MISSING']);
    assert.equal(done.returns[0]?.by.id, OPERATOR.id);

    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.equal(notices.filter((n) => n.kind === 'returned' && n.audience === 'unit').length, 1);
    const enrollment = await world.stores.enrollments.get(applicationId);
    assert.equal(enrollment?.revision, 2);
    assert.equal(enrollment?.applicant.photoId, world.people[0]!.photoId);
  });

  it('a comparison mismatch returns the application to its unit; the corrected name passes the bank', async () => {
    const person = world.people[1]!;
    const misspelt = { ...person, name: `${person.name}子` };
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: misspelt },
      CLERK,
    );
    const returned = await waitForStage(world, applicationId, 'returned');
    assert.deepEqual(returned.returns[0]?.reasons, ['NAME_MISMATCH']);
    assert.equal(returned.returns[0]?.by.id, 'cooperative-bank');

    await world.env.sleep('4 days');
    await world.client.applications.resubmit(applicationId, { applicant: person }, CLERK);
    const done = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(done.returnCount, 1);
    await assertMovedByHeldWorkingDays(world, returned, done);
    assert.equal(done.deadline?.sla, 'met');
  });

  it('a return left unanswered expires and the unit is told', async () => {
    const person = world.people[2]!;
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: { ...person, name: '查无此人' } },
      CLERK,
    );
    await waitForStage(world, applicationId, 'returned');
    const doc = (await world.stores.applications.get(applicationId))!;
    const handle = world.temporal.workflow.getHandle(doc.workflowId);
    await world.env.sleep('30 days'); // well past ten working days, even across the Spring Festival
    const result = (await handle.result()) as ApplicationStatus;
    assert.equal(result.outcome, 'expired');
    assert.equal(result.stage, 'expired');
    const returnedAt = Date.parse(result.returns[0]!.at);
    const expiredAt = Date.parse(result.history.at(-1)!.at);
    const calendar = await world.stores.calendar.load();
    assert.equal(
      calendar.workingDaysBetween(shanghaiDate(new Date(returnedAt)), shanghaiDate(new Date(expiredAt - 1))),
      10,
    );
    const notices = await world.stores.notifications.forApplication(applicationId);
    assert.deepEqual(notices.map((n) => n.kind).sort(), ['expired', 'returned']);
    assert.equal((await world.stores.cards.cardsOf(doc.personKey)).length, 0);
  });
});
