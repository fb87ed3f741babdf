import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  type ClockPolicy,
  type ClockState,
  deriveDeadline,
  fireAlarm,
  pauseClock,
  resumeClock,
  refreshRequest,
  resumeRequest,
  startClock,
  startRequest,
  stopClock,
  withFacts,
  workingDaysLeft,
  workingDaysUsed,
} from '../../domain/clock';
import {
  addCalendarDays,
  endOfShanghaiDay,
  shanghaiDate,
  shanghaiInstant,
} from '../../domain/calendar/shanghai-time';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { publishedCalendarYears } from '../../store/calendar-seed';

const calendar = new WorkingCalendar(publishedCalendarYears());
const facts = (request: Parameters<typeof deriveDeadline>[1]) => deriveDeadline(calendar, request, 'test');
const MINUTE = 60_000;

const SPORADIC: ClockPolicy = { workingDays: 5, warnWorkingDaysBefore: 1 };
const BATCH: ClockPolicy = { workingDays: 30, warnWorkingDaysBefore: 5 };

/** Days where the calendar is interesting: holidays, make-up working days, and the eve of each. */
const published = publishedCalendarYears();
const specialDays = published.flatMap((y) => [...y.holidays, ...y.workdays]);
const eves = specialDays.map((d) => addCalendarDays(d, -1));

/** Acceptance days over the published years, weighted towards weekends, holidays and make-up working days. */
const dayArb = fc.oneof(
  fc.integer({ min: 0, max: 1065 }).map((n) => addCalendarDays('2024-01-01', n)),
  fc.constantFrom(...specialDays),
  fc.constantFrom(...eves),
);
/** Just after midnight, midday, and just before midnight, Shanghai time. */
const timeArb = fc.constantFrom('00:05', '12:00', '23:55');
const policyArb = fc.constantFrom(SPORADIC, BATCH);

/** Later moments: a number of days after a local day, at one of the three times. */
const laterArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 25 }), timeArb), { maxLength: 5 });

function at(day: string, time: string): Date {
  return shanghaiInstant(day, time);
}

/** An application accepted under a policy, and notified up to `maxDays` calendar days later, never before. */
const acceptedThenNotified = (maxDays: number) =>
  fc
    .tuple(dayArb, timeArb, policyArb, fc.integer({ min: 0, max: maxDays }), timeArb)
    .map(([day, time, policy, n, t]) => ({
      policy,
      acceptedAt: at(day, time),
      notifiedAt: at(addCalendarDays(day, n), t),
    }))
    .filter(({ acceptedAt, notifiedAt }) => notifiedAt >= acceptedAt);

/** Pauses (even positions) and resumptions (odd positions) applied in order, as returns and resubmissions. */
function runClock(policy: ClockPolicy, acceptedAt: Date, events: Date[]): ClockState {
  let clock = startClock(
    policy,
    acceptedAt.toISOString(),
    facts(startRequest(policy, acceptedAt.toISOString())),
  );
  events.forEach((when, i) => {
    if (i % 2 === 0) clock = pauseClock(clock, when, true);
    else clock = resumeClock(clock, when, facts(resumeRequest(clock, when)!));
  });
  return clock;
}

/**
 * The clock's meaning, independent of its implementation: a working day after the acceptance day is used when
 * it is over with the clock running, i.e. the last return or resubmission before its end was a resubmission.
 */
function usedByModel(acceptedAt: Date, events: Date[], now: Date): number {
  let used = 0;
  const acceptedOn = shanghaiDate(acceptedAt);
  for (
    let day = addCalendarDays(acceptedOn, 1);
    endOfShanghaiDay(day) <= now;
    day = addCalendarDays(day, 1)
  ) {
    if (!calendar.isWorkingDay(day)) continue;
    const end = endOfShanghaiDay(day).getTime();
    const before = events.filter((e) => e.getTime() < end).length;
    if (before % 2 === 0) used += 1;
  }
  return used;
}

/** Event instants after acceptance, in order, from generated day offsets and times. */
function eventsAfter(acceptedAt: Date, later: [number, string][]): Date[] {
  const acceptedOn = shanghaiDate(acceptedAt);
  return later
    .map(([days, time]) => at(addCalendarDays(acceptedOn, days), time))
    .filter((e) => e.getTime() > acceptedAt.getTime())
    .sort((a, b) => a.getTime() - b.getTime());
}

describe('the deadline clock', () => {
  it('starts the day after acceptance: the target in working days, the warning that many before the end', () => {
    fc.assert(
      fc.property(dayArb, timeArb, policyArb, (day, time, policy) => {
        const acceptedAt = at(day, time);
        const clock = runClock(policy, acceptedAt, []);
        const { days, dueAt, warnAt } = clock.facts;
        assert.equal(days.length, policy.workingDays);
        assert.ok(days.every((d) => calendar.isWorkingDay(d) && d > day));
        assert.equal(
          calendar.workingDaysBetween(day, days.at(-1)!),
          policy.workingDays,
          'no working day skipped',
        );
        assert.equal(dueAt, endOfShanghaiDay(days.at(-1)!).toISOString());
        const warnDay = shanghaiDate(new Date(Date.parse(warnAt) - 1));
        assert.equal(calendar.workingDaysBetween(warnDay, days.at(-1)!), policy.warnWorkingDaysBefore);
        assert.equal(workingDaysLeft(clock, acceptedAt), policy.workingDays, 'nothing used on acceptance');
      }),
      { numRuns: 400 },
    );
  });

  it('counts a working day as used once it is over with the clock running, across returns and resubmissions', () => {
    fc.assert(
      fc.property(
        dayArb,
        timeArb,
        policyArb,
        laterArb,
        fc.integer({ min: 0, max: 60 }),
        timeArb,
        (day, time, policy, later, queryDays, queryTime) => {
          const acceptedAt = at(day, time);
          const events = eventsAfter(acceptedAt, later);
          const clock = runClock(policy, acceptedAt, events);
          const from = events.at(-1) ?? acceptedAt;
          const query = at(addCalendarDays(shanghaiDate(from), queryDays), queryTime);
          fc.pre(query.getTime() >= from.getTime());
          const expected = Math.max(0, policy.workingDays - usedByModel(acceptedAt, events, query));
          assert.equal(workingDaysLeft(clock, query), expected);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('a return on the day of acceptance holds no counted day; a resubmission that day does not count it', () => {
    fc.assert(
      fc.property(dayArb, policyArb, (day, policy) => {
        const acceptedAt = at(day, '00:05');
        const untouched = runClock(policy, acceptedAt, []);
        const sameDay = runClock(policy, acceptedAt, [at(day, '12:00'), at(day, '23:55')]);
        assert.equal(sameDay.facts.dueAt, untouched.facts.dueAt);
        assert.equal(sameDay.status, 'running');
      }),
      { numRuns: 300 },
    );
  });

  it('after a resubmission the deadline moves by exactly the counted working days the unit held it', () => {
    fc.assert(
      fc.property(
        dayArb,
        timeArb,
        policyArb,
        fc.tuple(fc.integer({ min: 0, max: 25 }), timeArb),
        fc.tuple(fc.integer({ min: 0, max: 25 }), timeArb),
        (day, time, policy, [pauseDays, pauseTime], [holdDays, resumeTime]) => {
          const acceptedAt = at(day, time);
          const original = runClock(policy, acceptedAt, []);
          const returnedAt = at(addCalendarDays(day, pauseDays), pauseTime);
          const resubmittedAt = at(addCalendarDays(shanghaiDate(returnedAt), holdDays), resumeTime);
          fc.pre(
            returnedAt > acceptedAt &&
              resubmittedAt > returnedAt &&
              returnedAt < new Date(original.facts.dueAt),
          );
          const resumed = runClock(policy, acceptedAt, [returnedAt, resubmittedAt]);
          const heldFrom = [shanghaiDate(returnedAt), addCalendarDays(day, 1)].sort().at(-1)!;
          const held = calendar.workingDaysBetween(
            addCalendarDays(heldFrom, -1),
            addCalendarDays(shanghaiDate(resubmittedAt), -1),
          );
          const dueDay = (c: ClockState) => shanghaiDate(new Date(Date.parse(c.facts.dueAt) - 1));
          assert.equal(calendar.workingDaysBetween(dueDay(original), dueDay(resumed)), held);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('warns, then escalates the breach, each once and in that order, and never stops counting for either', () => {
    fc.assert(
      fc.property(
        dayArb,
        timeArb,
        policyArb,
        fc.integer({ min: -3, max: 3 }),
        (day, time, policy, offset) => {
          const clock = runClock(policy, at(day, time), []);
          const warnAt = Date.parse(clock.facts.warnAt);
          const dueAt = Date.parse(clock.facts.dueAt);
          assert.equal(fireAlarm(clock, new Date(warnAt - MINUTE)), undefined);
          const warned = fireAlarm(clock, new Date(warnAt))!;
          assert.equal(warned.alarm, 'deadline_warning');
          assert.equal(warned.clock.status, 'running');
          assert.equal(fireAlarm(warned.clock, new Date(dueAt - MINUTE)), undefined);
          const breached = fireAlarm(warned.clock, new Date(dueAt + offset * MINUTE));
          assert.equal(breached?.alarm, offset >= 0 ? 'deadline_breach' : undefined);
          if (breached) {
            assert.equal(breached.clock.status, 'running');
            assert.equal(fireAlarm(breached.clock, new Date(dueAt + 30 * 86_400_000)), undefined, 'once');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stops at the notification: met before the due time, met late after it, the days left frozen', () => {
    fc.assert(
      fc.property(acceptedThenNotified(50), ({ policy, acceptedAt, notifiedAt }) => {
        let clock = runClock(policy, acceptedAt, []);
        // The alarms the watcher would have raised by then.
        for (let next = fireAlarm(clock, notifiedAt); next; next = fireAlarm(clock, notifiedAt))
          clock = next.clock;
        const stopped = stopClock(clock, notifiedAt);
        const late = notifiedAt.getTime() >= Date.parse(clock.facts.dueAt);
        assert.equal(stopped.sla, late ? 'met_late' : 'met');
        const left = workingDaysLeft(clock, notifiedAt);
        assert.equal(workingDaysLeft(stopped, new Date(notifiedAt.getTime() + 90 * 86_400_000)), left);
      }),
      { numRuns: 300 },
    );
  });

  it('a late application counts every working day it used, beyond the target too', () => {
    fc.assert(
      fc.property(acceptedThenNotified(80), ({ policy, acceptedAt, notifiedAt }) => {
        let clock = runClock(policy, acceptedAt, []);
        // What the watcher does: at each alarm, derive the deadline again, then raise it.
        for (;;) {
          const refreshed = withFacts(clock, facts(refreshRequest(clock)));
          const next = fireAlarm(refreshed, notifiedAt);
          if (!next) break;
          clock = next.clock;
        }
        const stopped = stopClock(clock, notifiedAt);
        // By the model: working days after the acceptance day and before the notification day.
        const expected = calendar.workingDaysBetween(
          shanghaiDate(acceptedAt),
          addCalendarDays(shanghaiDate(notifiedAt), -1),
        );
        assert.equal(workingDaysUsed(stopped, notifiedAt), expected);
        // Late is by the due time: a notification in the first minutes after it is late with the target used.
        const late = notifiedAt.getTime() >= Date.parse(clock.facts.dueAt);
        assert.equal(stopped.sla, late ? 'met_late' : 'met');
        if (expected > policy.workingDays) assert.equal(stopped.sla, 'met_late');
      }),
      { numRuns: 300 },
    );
  });

  it('a clock paused by a policy that does not stop for returns keeps running', () => {
    const acceptedAt = at('2026-11-16', '09:30');
    const clock = runClock(SPORADIC, acceptedAt, []);
    assert.equal(pauseClock(clock, at('2026-11-17', '12:00'), false), clock);
  });
});
