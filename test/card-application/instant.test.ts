// The instant lane on the real servers: a card made at the counter while the person waits, and the hand-over to the
// sporadic lane when the printer or a registry cannot do it now, with the clock counted from acceptance.
import assert from 'node:assert/strict';
import type { Applicant } from '../../domain/applicant';
import type { InstantReason, InstantRequest } from '../../domain/counters';
import { review } from '../../domain/actions/applications';
import { assertRefused, eventually, skipTime, skipUntil, waitFor, waitForStage } from '../support/flow';
import {
  CLERK,
  COUNTER,
  COUNTER_WITHOUT_PRINTER,
  INSTANT_POLICY,
  oneServerPerSuite,
  OPERATOR,
  UNIT,
  type World,
} from '../support/world';

function submitAt(world: World, applicant: Applicant, instant: InstantRequest = { counterId: COUNTER._id }) {
  return world.client.applications.submit({ unitId: UNIT._id, applicant, instant }, CLERK);
}

/** The messages sent about an application, by template, as the notifier simulator received them. */
async function messagesOf(world: World, applicationId: string, template: string, to?: string) {
  return world.sims.notifier.messages
    .find({ _id: { $regex: `^${applicationId}` }, template, ...(to ? { to } : {}) })
    .toArray();
}

describe('instant issuance at a counter with a printer', () => {
  const world = oneServerPerSuite();

  it('makes the card at the counter, activates the bank and registers the collection in one visit, within its target', async () => {
    const person = world.people[0]!;
    const { applicationId } = await submitAt(world, person);
    const issued = await waitForStage(world, applicationId, 'issued');

    assert.equal(issued.mode, 'instant');
    assert.equal(issued.lane, 'instant');
    assert.equal(issued.outcome, 'issued');
    assert.equal(issued.instant?.counterId, COUNTER._id);
    assert.equal(issued.instant?.targetMinutes, 15);
    assert.equal(issued.instant?.fellBack, undefined);
    assert.match(issued.instant?.blankSerial ?? '', /^BK/);
    assert.deepEqual(
      issued.history.map((h) => h.action ?? h.stage),
      [
        'accepted',
        'auditing',
        'comparing',
        'registering',
        'printing',
        'printed_at_counter',
        'bank_account',
        'bank_activated',
        'notifying',
        'awaiting_collection',
        'issued',
      ],
    );
    const took = Date.parse(issued.history.at(-1)!.at) - Date.parse(issued.history[0]!.at);
    assert.ok(took < 15 * 60_000, `took ${took} ms`);
    assert.ok(Date.parse(issued.history.at(-1)!.at) <= Date.parse(issued.instant.targetAt));
    assert.deepEqual(issued.escalations, []);

    // The registry knows the card as made at the counter from its blank, with the bank function and the collection.
    const doc = (await world.stores.applications.get(applicationId))!;
    const [card] = await world.stores.cards.cardsOf(doc.personKey);
    assert.deepEqual(card?.madeAt, { counterId: COUNTER._id, blankSerial: issued.instant.blankSerial });
    assert.deepEqual(
      card?.history.map((h) => h.status),
      ['pending_print', 'printed', 'at_bank', 'bank_activated', 'awaiting_collection', 'issued'],
    );
    assert.equal(card?.collection?.relation, 'self');
    assert.equal(card?.collection?.place, COUNTER._id);
    assert.equal(card?.collection?.registeredBy.id, CLERK.id);
    // Nothing went to the manufacturer.
    assert.equal(await world.db.collection('print_orders').countDocuments({ applicationId }), 0);
  });

  it('hands a jammed printer’s application over to the manufacturer, its 5 working days counted from acceptance', async () => {
    const person = world.people[1]!;
    world.sims.printer.jamPrintsFor(person.residentId);
    const { applicationId } = await submitAt(world, person);
    const accepted = await waitFor(world, applicationId, (s) => s.deadline !== undefined, 'a deadline');

    const handed = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(handed.mode, 'instant');
    assert.equal(handed.lane, 'sporadic');
    assert.match(handed.instant?.fellBack?.reason ?? '', /^PRINTER_JAMMED/);
    assert.equal(handed.instant?.blankSerial, undefined);
    assert.equal(handed.printAttempts, 1, 'the manufacturer printed it');
    assert.equal(handed.deadline?.dueAt, accepted.deadline!.dueAt, 'the clock runs from acceptance');
    assert.equal(handed.deadline?.workingDaysTotal, 5);
    const actions = handed.history.map((h) => h.action ?? h.stage);
    assert.ok(actions.indexOf('instant_fell_back') < actions.indexOf('printed'), actions.join());
    // The person is not registered as having collected a card still to be made: the counter registers it later.
    assert.equal(handed.awaiting, 'collection');

    // Told when and where: the person by SMS, the unit in its inbox, once each.
    const told = await eventually(
      () => messagesOf(world, applicationId, 'instant_fell_back'),
      (m) => m.length === 2,
      'the hand-over notices',
    );
    const sms = told.find((m) => m.channel === 'sms')!;
    assert.equal(sms.to, person.phone);
    assert.equal(sms.params.readyBy, accepted.deadline!.dueAt);
    assert.equal(sms.params.collectAt, COUNTER.name);
    // "Where is my card?" names the same counter.
    await world.client.tracking.requestCode({ residentId: person.residentId });
    const [code] = await eventually(
      () => messagesOf(world, '', 'tracking_code', person.phone),
      (m) => m.length === 1,
      'the tracking code',
    );
    const tracked = await world.client.tracking.track({
      residentId: person.residentId,
      code: code!.params.code!,
    });
    assert.equal(tracked.application?.collectAt, COUNTER.name);
  });

  it('hands over when the population registry is silent for the lane’s seconds, and the bank compares later', async () => {
    const person = world.people[2]!;
    world.sims.population.behaviour.failNext(1_000, 'lookup');
    const { applicationId } = await submitAt(world, person);
    const accepted = await waitForStage(world, applicationId, 'comparing');
    try {
      await skipTime(world, '2 minutes');
      const handed = await waitFor(world, applicationId, (s) => s.lane === 'sporadic', 'the hand-over');
      assert.match(handed.instant?.fellBack?.reason ?? '', /identity comparison did not answer within 60 s/);
      assert.equal(handed.stage, 'comparing');
    } finally {
      world.sims.population.behaviour.recover();
    }
    const done = await skipUntil(world, applicationId, (s) => s.stage === 'awaiting_collection', '5 minutes');
    assert.equal(done.deadline?.dueAt, accepted.deadline!.dueAt);
    assert.equal(done.printAttempts, 1);
  });

  it('settles a printer silent past the lane’s time: the card it made meanwhile is issued, else none is made and it hands over', async () => {
    const printer = world.sims.printer.behaviour;
    // Each answer is lost on the way back, though the card was made: after the lane's time the printer says so.
    const made = world.people[5]!;
    printer.loseRepliesNext(1_000, 'print');
    try {
      const { applicationId } = await submitAt(world, made);
      await waitFor(world, applicationId, (s) => s.stage === 'printing', 'printing');
      await skipTime(world, '4 minutes');
      const issued = await waitForStage(world, applicationId, 'issued');
      assert.equal(issued.lane, 'instant');
      assert.match(issued.instant?.blankSerial ?? '', /^BK/);
      assert.equal(issued.printAttempts, 0, 'nothing went to the manufacturer');
    } finally {
      printer.recover();
    }
    // The printer is down: no card is made, none will be for that print, and the manufacturer makes the one card.
    const none = world.people[6]!;
    printer.failNext(1_000, 'print');
    let silent = '';
    try {
      const { applicationId } = await submitAt(world, none);
      silent = applicationId;
      await waitFor(world, applicationId, (s) => s.stage === 'printing', 'printing');
      await skipTime(world, '4 minutes');
      const handed = await waitFor(world, applicationId, (s) => s.lane === 'sporadic', 'the hand-over');
      assert.match(handed.instant?.fellBack?.reason ?? '', /^PRINTER_SILENT/);
    } finally {
      printer.recover();
    }
    await assert.rejects(
      world.sims.printer.print({
        printId: `${silent}-K1`,
        counterId: COUNTER._id,
        residentId: none.residentId,
        name: none.name,
        photoId: 'p',
      }),
      /settled/,
      'a late attempt of the settled print makes no card',
    );
  });

  it('tells a supervisor when the card is not made within the target', async () => {
    // Flagged by the audit (no phone): the operator at the counter does not decide for a quarter of an hour.
    const { phone: _phone, ...withoutPhone } = world.people[3]!;
    const { applicationId } = await submitAt(world, withoutPhone);
    await waitForStage(world, applicationId, 'awaiting_review');
    await skipTime(world, '16 minutes');
    const late = await waitFor(
      world,
      applicationId,
      (s) => s.escalations.some((e) => e.kind === 'instant_target_exceeded'),
      'the escalation',
    );
    assert.equal(late.instant?.targetExceeded, true);
    assert.equal(late.lane, 'instant');
    const escalation = await eventually(
      () => world.stores.escalations.forApplication(applicationId),
      (found) => found.some((e) => e.kind === 'instant_target_exceeded'),
      'the escalation record',
    );
    assert.ok(escalation.length >= 1);
    // Approved late, the card is still made at the counter.
    await world.client.applications.act(review, applicationId, { decision: 'approve' }, OPERATOR);
    const issued = await waitForStage(world, applicationId, 'issued');
    assert.match(issued.instant?.blankSerial ?? '', /^BK/);
  });

  it('refuses what cannot be made now, and writes nothing', async () => {
    const person = world.people[4]!;
    const refused = (instant: InstantRequest, code: Parameters<typeof assertRefused>[1]) =>
      assertRefused(submitAt(world, person, instant), code);
    const before = await world.db.collection('applications').countDocuments();

    await refused({ counterId: '330100-NOWHERE' }, 'COUNTER_UNKNOWN');
    await refused({ counterId: COUNTER_WITHOUT_PRINTER._id }, 'COUNTER_HAS_NO_PRINTER');
    await refused({ counterId: 'not a counter' }, 'VALIDATION_FAILED');
    await world.stores.counters.upsert({ ...COUNTER, _id: '330100-HALL-09', status: 'closed' });
    await refused({ counterId: '330100-HALL-09' }, 'COUNTER_CLOSED');
    // A region without an instant policy does not offer the lane.
    await world.stores.counters.upsert({ ...COUNTER, _id: '440100-HALL-01', region: '440100' });
    await refused({ counterId: '440100-HALL-01' }, 'INSTANT_NOT_OFFERED');
    // A district that keeps the lane for urgent cases: no reason, or one it does not list, is refused.
    const urgentOnly = (reasons?: InstantReason[]) =>
      world.stores.policies.upsert({
        ...INSTANT_POLICY,
        id: 'hangzhou-district-instant',
        region: '330100',
        instant: { ...INSTANT_POLICY.instant, ...(reasons ? { reasons } : {}) },
      });
    await urgentOnly(['HOSPITAL_ADMISSION', 'PRENATAL_CHECK']);
    try {
      await refused({ counterId: COUNTER._id }, 'INSTANT_REASON_REQUIRED');
      await refused({ counterId: COUNTER._id, reason: 'OTHER_URGENT' }, 'INSTANT_REASON_REQUIRED');
      assert.equal(await world.db.collection('applications').countDocuments(), before);

      // With a reason the district lists, the lane is open, and the record shows the reason.
      const { applicationId } = await submitAt(world, person, {
        counterId: COUNTER._id,
        reason: 'HOSPITAL_ADMISSION',
      });
      const issued = await waitForStage(world, applicationId, 'issued');
      assert.equal(issued.instant?.reason, 'HOSPITAL_ADMISSION');
    } finally {
      await urgentOnly();
    }
  });
});
