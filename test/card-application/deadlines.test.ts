import { review } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from '../../domain/calendar/shanghai-time';
import { calendarChangedSignal } from '../../workflows/card-application/messages';
import {
  eventually,
  skipTime,
  submitApplication,
  submitFlagged,
  waitFor,
  waitForStage,
} from '../support/flow';
import { shanghai } from '../support/time';
import { oneServerPerSuite, OPERATOR } from '../support/world';

describe('working-day deadlines', () => {
  // Monday 2026-11-16, mid-morning: counted days Tue 17 to Mon 23, no published holiday for weeks.
  const world = oneServerPerSuite({ startAt: shanghai('2026-11-16 09:30') });

  async function today(): Promise<string> {
    return shanghaiDate(new Date(await world.env.currentTimeMs()));
  }

  /** Declares extra holidays through the calendar administration, as the State Council's notice would. */
  async function publishHolidays(days: string[]): Promise<void> {
    const years = await world.stores.calendar.listYears();
    for (const year of new Set(days.map((d) => Number(d.slice(0, 4))))) {
      const stored = years.find((y) => y.year === year);
      const extra = days.filter((d) => d.startsWith(String(year)));
      await world.stores.calendar.publishYear(
        { year, holidays: [...(stored?.holidays ?? []), ...extra].sort(), workdays: stored?.workdays ?? [] },
        'test-admin',
      );
    }
  }

  it('a deadline crossing a holiday skips the holiday days', async () => {
    const before = await world.stores.calendar.load();
    const coming = before.workingDaysAfter(await today(), 8);
    await publishHolidays(coming.slice(0, 3));
    const applicationId = await submitApplication(world, world.people[0]!);
    const status = await waitFor(world, applicationId, (s) => s.deadline !== undefined, 'a deadline');
    // Five working days after acceptance, the first three of them now holidays: what was the eighth.
    assert.equal(status.deadline!.dueAt, endOfShanghaiDay(coming[7]!).toISOString());
  });

  it('a holiday published while the application runs moves its deadline when the timer fires', async () => {
    const applicationId = await submitFlagged(world, 1);
    const first = await world.client.applications.status(applicationId, OPERATOR);
    const calendar = await world.stores.calendar.load();
    const acceptedOn = shanghaiDate(new Date(first.history[0]!.at));
    const counted = calendar.workingDaysAfter(acceptedOn, 6);
    assert.equal(first.deadline!.dueAt, endOfShanghaiDay(counted[4]!).toISOString());
    // The first counted day becomes a holiday: everything after it moves by one working day.
    await publishHolidays([counted[0]!]);
    // Sleep to the old warning time: the timer fires, the deadline is derived again and moves by one day.
    await skipTime(world, Date.parse(first.deadline!.warnAt) - (await world.env.currentTimeMs()) + 1000);
    const moved = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(moved.deadline!.dueAt, endOfShanghaiDay(counted[5]!).toISOString());
    assert.equal(moved.deadline!.sla, 'on_track', 'the warning moved with the deadline');
    assert.equal((await world.stores.escalations.forApplication(applicationId)).length, 0);
  });

  it('a calendar-changed signal moves the deadline at once', async () => {
    const applicationId = await submitFlagged(world, 2);
    const first = await world.client.applications.status(applicationId, OPERATOR);
    const lastCounted = shanghaiDate(new Date(Date.parse(first.deadline!.dueAt) - 1));
    await publishHolidays([lastCounted]);
    const doc = (await world.stores.applications.get(applicationId))!;
    await world.temporal.workflow.getHandle(doc.workflowId).signal(calendarChangedSignal, { revision: 2 });
    const moved = await waitFor(
      world,
      applicationId,
      (s) => s.deadline!.dueAt !== first.deadline!.dueAt,
      'the deadline to move',
    );
    assert.ok(Date.parse(moved.deadline!.dueAt) > Date.parse(first.deadline!.dueAt));
  });

  it('warns before the deadline, escalates the breach, and keeps working to a late completion', async () => {
    const applicationId = await submitFlagged(world, 3);
    const first = await world.client.applications.status(applicationId, OPERATOR);
    await skipTime(world, Date.parse(first.deadline!.warnAt) - (await world.env.currentTimeMs()) + 60_000);
    const warned = await waitFor(world, applicationId, (s) => s.deadline?.sla === 'warning', 'the warning');
    assert.equal(warned.stage, 'awaiting_review');
    assert.deepEqual(
      warned.escalations.map((e) => e.kind),
      ['deadline_warning'],
    );

    await skipTime(world, Date.parse(first.deadline!.dueAt) - (await world.env.currentTimeMs()) + 60_000);
    const breached = await waitFor(world, applicationId, (s) => s.deadline?.sla === 'breached', 'the breach');
    assert.deepEqual(
      breached.escalations.map((e) => e.kind),
      ['deadline_warning', 'deadline_breach'],
    );
    assert.equal(breached.deadline?.workingDaysLeft, 0);
    const recorded = await world.stores.escalations.forApplication(applicationId);
    assert.deepEqual(
      recorded.map((e) => e.kind),
      ['deadline_warning', 'deadline_breach'],
    );
    const toSupervisors = await world.sims.notifier.messages.countDocuments({ to: 'portal:supervisors' });
    assert.equal(toSupervisors, 2);

    // Three more days pass before the operator approves: the days used go on past the target.
    await skipTime(world, '3 days');
    await world.client.applications.act(review, applicationId, { decision: 'approve' }, OPERATOR);
    const late = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(late.deadline?.sla, 'met_late');
    const calendar = await world.stores.calendar.load();
    const notifiedOn = shanghaiDate(new Date(late.history.at(-1)!.at));
    const used = calendar.workingDaysBetween(
      shanghaiDate(new Date(first.history[0]!.at)),
      addCalendarDays(notifiedOn, -1),
    );
    assert.ok(used > 5, `${used} working days went by`);
    assert.equal(late.deadline?.workingDaysUsed, used);
    await eventually(
      () => world.stores.records.get(applicationId),
      (record) => record?.workingDaysUsed === used,
      `the record to show ${used} working days used`,
    );
  });
});
