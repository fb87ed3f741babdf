// Validity and renewal on the time-skipping server: a card is registered with its expiry by the holder's age and the
// region's policy; a daily campaign tells each holder once when their card's renewal window opens; a renewal keeps
// the old card valid, paying at the bank, until the new one is issued, and then ends it everywhere; a renewal
// outside the window, of a card that does not expire or is not in the holder's hands, is refused and starts nothing.
import assert from 'node:assert/strict';
import { registerCollection } from '../../domain/actions/applications';
import { liftLoss, reportLoss } from '../../domain/actions/cards';
import { addCalendarDays, shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { DeadlinePolicyInput } from '../../domain/deadline-policy';
import { cardIdFor, type CardDoc } from '../../domain/documents/cards';
import type { UnitDoc } from '../../domain/documents/units';
import { makeResidentId } from '../../domain/resident-id';
import { SHANGHAI_VALIDITY } from '../../domain/validity';
import type { SyntheticPerson } from '../../integrations/simulators/people';
import { uniqueName } from '../setup/servers';
import { assertRefused, eventually, waitForStage, withdrawApplication } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';
import { issuedCard as issuedCardOf, legacyCard, runFeedOnce } from './support';

const SHANGHAI_UNIT: UnitDoc = {
  _id: '91310100TEST01',
  name: 'Shanghai Test Works',
  region: '310100',
  status: 'active',
  contact: 'portal:unit:91310100TEST01',
};
/** Shanghai's validity by age, on a row of its own: its deadlines are the national ones. */
const SHANGHAI_ROW: DeadlinePolicyInput = {
  id: 'shanghai-validity',
  region: '31',
  mode: 'sporadic',
  effectiveFrom: '2024-01-01',
  workingDays: 5,
  warnWorkingDaysBefore: 1,
  returnExpiryWorkingDays: 10,
  validity: SHANGHAI_VALIDITY,
};
/** A city whose renewal window is 30 days (the 10 years of the national rule otherwise). */
const NINGBO_UNIT: UnitDoc = {
  ...SHANGHAI_UNIT,
  _id: '91330200TEST01',
  name: 'Ningbo Test Works',
  region: '330200',
};
const NINGBO_ROW: DeadlinePolicyInput = {
  ...SHANGHAI_ROW,
  id: 'ningbo-validity',
  region: '3302',
  validity: { renewalWindowDays: 30 },
};

/** A Shanghai resident born on `birthDate`; a minor applies through a guardian. */
function bornOn(birthDate: string, n: number): SyntheticPerson {
  const person = {
    residentId: makeResidentId({ regionCode: '310101', birthDate, sequence: 200 + n }),
    birthDate,
    name: '陈明',
    phone: `1390000${String(1000 + n)}`,
    photoId: `PH${String(7_000_000_000 + n)}`,
  };
  if (birthDate < '2010-01-01') return person;
  return {
    ...person,
    guardian: {
      residentId: makeResidentId({ regionCode: '310101', birthDate: '1990-04-04', sequence: 300 + n }),
      name: '陈华',
      phone: `1390000${String(2000 + n)}`,
      relation: 'mother',
      householdRegister: `HR-${1000 + n}`,
    },
  };
}

/** The same day `years` on (the tests' days are no 29 February). */
const yearsOn = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;

describe("a card's validity and renewal", () => {
  const world = oneServerPerSuite({ startAt: shanghai('2026-12-07 10:00') });

  const card = async (cardId: string): Promise<CardDoc> => (await world.stores.cards.get(cardId))!;
  const registeredOn = (doc: CardDoc) => shanghaiDate(doc.createdAt);
  /** The people's own day: the client checks the renewal window against it. */
  const today = () => shanghaiDate(new Date());
  /**
   * The card as it would stand years after its registration: its validity as then registered, its window opened
   * `openedDaysAgo` days ago (negative: it opens in so many days).
   */
  async function ageCard(cardId: string, openedDaysAgo: number): Promise<void> {
    const renewableFrom = addCalendarDays(today(), -openedDaysAgo);
    await world.db.collection<CardDoc>('cards').updateOne(
      { _id: cardId },
      {
        $set: {
          'validity.renewableFrom': renewableFrom,
          'validity.expiresOn': addCalendarDays(renewableFrom, 60),
        },
      },
    );
  }
  /** One run of the campaign as its schedule starts it, here with small pages so that it continues as new. */
  async function runCampaign(): Promise<{ told: number; continued: boolean }> {
    const handle = await world.temporal.workflow.start('renewalCampaign', {
      taskQueue: world.taskQueue,
      workflowId: uniqueName('renewal-campaign'),
      args: [{ limit: 1, pagesPerRun: 1 }],
    });
    const { told } = (await handle.result()) as { told: number };
    const { runId } = await handle.describe();
    return { told, continued: runId !== handle.firstExecutionRunId };
  }
  /** Shanghai and Ningbo, with their units and validity rules, beside the test unit's Hangzhou. */
  async function withOtherCities(): Promise<void> {
    for (const unit of [SHANGHAI_UNIT, NINGBO_UNIT]) await world.stores.units.upsert(unit);
    for (const row of [SHANGHAI_ROW, NINGBO_ROW]) await world.stores.policies.upsert(row);
  }
  const renewalNotices = () =>
    world.sims.notifier.messages.find({ template: 'card_renewal_due' }).sort({ _id: 1 }).toArray();

  it("sets each card's expiry by the holder's age and the region's policy: Shanghai's bands, 10 years elsewhere", async () => {
    const people = [
      bornOn('2023-03-15', 1), // 3: until the 7th birthday
      bornOn('2006-05-20', 2), // 20: 10 years
      bornOn('1996-08-08', 3), // 30: 20 years
      bornOn('1976-01-10', 4), // 50: no expiry
    ];
    await withOtherCities();
    await world.sims.registerPeople(people);
    const applications = [];
    for (const applicant of people)
      applications.push(
        (await world.client.applications.submit({ unitId: SHANGHAI_UNIT._id, applicant }, OPERATOR))
          .applicationId,
      );
    const hangzhou = world.people[10]!;
    applications.push(
      (await world.client.applications.submit({ unitId: CLERK.unitId!, applicant: hangzhou }, CLERK))
        .applicationId,
    );
    const ningbo = { ...world.people[11]! };
    applications.push(
      (await world.client.applications.submit({ unitId: NINGBO_UNIT._id, applicant: ningbo }, OPERATOR))
        .applicationId,
    );
    for (const id of applications) await waitForStage(world, id, 'awaiting_collection');
    const [child, young, middle, older, elsewhere, city] = await Promise.all(
      applications.map((id) => card(cardIdFor(id))),
    );

    assert.deepEqual(child!.validity, {
      policyId: 'shanghai-validity',
      expiresOn: '2030-03-15',
      renewableFrom: '2030-01-14',
    });
    const on = registeredOn(young!);
    assert.equal(young!.validity?.expiresOn, yearsOn(on, 10));
    assert.equal(middle!.validity?.expiresOn, yearsOn(registeredOn(middle!), 20));
    assert.deepEqual(older!.validity, { policyId: 'shanghai-validity' }, 'no expiry from 46');
    assert.deepEqual(elsewhere!.validity, {
      policyId: 'national-validity',
      expiresOn: yearsOn(registeredOn(elsewhere!), 10),
      renewableFrom: addCalendarDays(yearsOn(registeredOn(elsewhere!), 10), -60),
    });
    assert.deepEqual(city!.validity, {
      policyId: 'ningbo-validity',
      expiresOn: yearsOn(registeredOn(city!), 10),
      renewableFrom: addCalendarDays(yearsOn(registeredOn(city!), 10), -30),
    });

    // The counter sees it with the card.
    const lookup = await world.client.applications.lookUpCards(
      { residentId: people[0]!.residentId },
      OPERATOR,
    );
    assert.deepEqual(lookup.current?.validity, { expiresOn: '2030-03-15', renewableFrom: '2030-01-14' });
    const never = await world.client.applications.lookUpCards(
      { residentId: people[3]!.residentId },
      OPERATOR,
    );
    assert.deepEqual(never.current?.validity, {});

    // A card that does not expire is not renewed.
    await world.client.applications.act(
      registerCollection,
      applications[3]!,
      { collectedBy: people[3]!.name, relation: 'self', receivedOn: today(), place: 'Shanghai service hall' },
      OPERATOR,
    );
    await assertRefused(world.client.cards.renew(older!._id, {}, OPERATOR), 'RENEWAL_NOT_ALLOWED');
  });

  it('a renewal keeps the old card valid and paying until the new one is issued, then ends it everywhere', async () => {
    const old = await issuedCardOf(world, 0);
    const person = world.people[0]!;
    await runFeedOnce(world, 'nationalRegistrySync');
    await runFeedOnce(world, 'ecardSync');

    // Years later the card's window is open.
    await ageCard(old._id, 10);
    const started = await world.client.cards.renew(old._id, {}, CLERK);
    const { expiresOn } = (await card(old._id)).validity!;
    assert.deepEqual(
      { predecessorCardId: started.predecessorCardId, expiresOn: started.expiresOn },
      { predecessorCardId: old._id, expiresOn },
    );
    const status = await waitForStage(world, started.applicationId, 'awaiting_collection');
    assert.deepEqual(status.renewal, { predecessorCardId: old._id, expiresOn });
    assert.match(status.history.find((h) => h.action === 'comparison_kept')?.note ?? '', /renewal of/);
    const fresh = await card(cardIdFor(started.applicationId));
    assert.equal(fresh.predecessorCardId, old._id);

    // The new card is made and banked, not yet in the holder's hands: the old one is still theirs, everywhere.
    assert.equal((await card(old._id)).status, 'issued');
    assert.equal(await world.sims.bank.cardState(old.chipId!), 'active', 'the old card still pays');
    await runFeedOnce(world, 'nationalRegistrySync');
    await runFeedOnce(world, 'ecardSync');
    assert.equal((await world.sims.national.cardAt(old.cardNumber!))?.status, 'valid');
    assert.equal(await world.sims.ecard.status(old.cardNumber!), 'active');
    const lookup = await world.client.applications.lookUpCards({ residentId: person.residentId }, OPERATOR);
    assert.equal(lookup.current?.cardId, old._id, 'the card in force is the old one');
    // Its window is open, but the holder is renewing: the campaign does not ask them to.
    const texted = (await renewalNotices()).length;
    await runCampaign();
    assert.equal((await renewalNotices()).length, texted);

    // The new card is issued: the old one ends in the registry, at the bank, on the e-card platform and nationally.
    await world.client.applications.act(
      registerCollection,
      started.applicationId,
      { collectedBy: person.name, relation: 'self', receivedOn: today(), place: 'Hangzhou service hall' },
      OPERATOR,
    );
    const ended = await eventually(
      () => card(old._id),
      (c) => c.status === 'replaced',
      'the old card ended',
    );
    assert.equal(ended.cancellation?.reason, 'REPLACED_BY_NEW_CARD');
    assert.equal(ended.cancellation?.successorCardId, fresh._id);
    await eventually(
      () => world.sims.bank.cardState(old.chipId!),
      (state) => state === 'frozen',
      'the old card frozen at the bank',
    );
    const closed = await world.client.applications.status(started.applicationId, OPERATOR);
    assert.deepEqual(
      closed.history.filter((h) => h.action?.startsWith('previous_card_')).map((h) => h.action),
      ['previous_card_cancelled', 'previous_card_frozen'],
    );
    await runFeedOnce(world, 'nationalRegistrySync');
    await runFeedOnce(world, 'ecardSync');
    assert.equal((await world.sims.national.cardAt(old.cardNumber!))?.status, 'cancelled');
    assert.equal((await world.sims.national.cardAt(fresh.cardNumber!))?.status, 'valid');
    assert.equal(await world.sims.ecard.status(old.cardNumber!), 'cancelled');
    assert.equal(await world.sims.ecard.status(fresh.cardNumber!), 'active');

    // The ended card is renewed no more.
    await assertRefused(world.client.cards.renew(old._id, {}, CLERK), 'CARD_NOT_IN_USE');
  });

  it('a renewal withdrawn before its card is issued leaves the old card as it was, valid and paying', async () => {
    const old = await issuedCardOf(world, 5);
    await ageCard(old._id, 10);
    const started = await world.client.cards.renew(old._id, {}, CLERK);
    await waitForStage(world, started.applicationId, 'awaiting_collection');
    const withdrawn = await withdrawApplication(
      world,
      started.applicationId,
      'the holder keeps the old card',
      SUPERVISOR,
    );
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal((await card(cardIdFor(started.applicationId))).status, 'cancelled');
    const kept = await card(old._id);
    assert.equal(kept.status, 'issued');
    assert.equal(kept.cancellation, undefined);
    assert.equal(await world.sims.bank.cardState(old.chipId!), 'active');
    assert.equal(
      withdrawn.history.some((h) => h.action?.startsWith('previous_card_')),
      false,
      'nothing was done to the old card, so nothing is undone or told',
    );
  });

  it('refuses a renewal before the window opens, of a card under a loss report, or from before sscard, and starts nothing', async () => {
    const issued = await issuedCardOf(world, 1);
    const holder = issued.personKey;
    const refusal = await world.client.cards.renew(issued._id, {}, CLERK).catch((error: unknown) => error);
    assert.equal((refusal as { code?: string }).code, 'RENEWAL_NOT_OPEN');
    assert.deepEqual((refusal as { details?: unknown }).details, {
      expiresOn: issued.validity!.expiresOn,
      renewableFrom: issued.validity!.renewableFrom,
    });
    assert.match(
      (refusal as Error).message,
      new RegExp(`can be asked from ${issued.validity!.renewableFrom}`),
    );

    await ageCard(issued._id, 1);
    await world.client.cards.act(reportLoss, issued._id, { kind: 'temporary', channel: 'phone' }, OPERATOR);
    await assertRefused(world.client.cards.renew(issued._id, {}, CLERK), 'RENEWAL_NOT_ALLOWED');
    await world.client.cards.act(reportLoss, issued._id, { kind: 'formal', channel: 'counter' }, OPERATOR);
    await assertRefused(world.client.cards.renew(issued._id, {}, CLERK), 'RENEWAL_NOT_ALLOWED');
    await legacyCard(world, 'COLD-RENEWAL', 'A44444444');
    await assertRefused(world.client.cards.renew('COLD-RENEWAL', {}, OPERATOR), 'RENEWAL_NOT_ALLOWED');
    await assertRefused(world.client.cards.renew('CNOSUCHCARD', {}, OPERATOR), 'CARD_NOT_FOUND');

    assert.deepEqual(
      (await world.stores.cards.cardsOf(holder)).map((c) => c._id),
      [issued._id],
      'no application was filed, no card registered',
    );
  });

  it('the campaign tells each holder once when their window opens, and only those in use', async () => {
    const due = await issuedCardOf(world, 2);
    const later = await issuedCardOf(world, 3);
    const suspended = await issuedCardOf(world, 4);
    await ageCard(due._id, 3);
    await ageCard(later._id, -30);
    await ageCard(suspended._id, 5);
    await world.client.cards.act(
      reportLoss,
      suspended._id,
      { kind: 'temporary', channel: 'phone' },
      OPERATOR,
    );
    const before = (await renewalNotices()).length;
    const { changedAt } = await card(due._id);

    const first = await runCampaign();
    assert.equal(first.told, 1);
    assert.ok(first.continued, 'a page per run: it continued as new');
    const sent = (await renewalNotices()).slice(before);
    const { expiresOn, renewableFrom } = (await card(due._id)).validity!;
    assert.deepEqual(
      sent.map((m) => [m._id, m.to, m.params]),
      [
        [
          `${due._id}:renewal_due:${expiresOn}`,
          world.people[2]!.phone,
          { cardId: due._id, expiresOn, renewableFrom },
        ],
      ],
    );
    assert.ok((await card(due._id)).validity?.renewalNoticeAt, 'kept on the card');
    assert.equal((await card(due._id)).history.length, due.history.length, 'no step of its history');
    assert.deepEqual((await card(due._id)).changedAt, changedAt, 'no change the feeds follow');

    assert.equal((await runCampaign()).told, 0, 'told once');
    assert.equal((await renewalNotices()).length, before + 1);

    // Back in use, the card whose loss report was lifted is told on the next day's run.
    await world.client.cards.act(liftLoss, suspended._id, {}, OPERATOR);
    assert.equal((await runCampaign()).told, 1);
    assert.equal((await renewalNotices()).length, before + 2);

    // A child's card: their guardian is told.
    const child = bornOn('2020-02-02', 5);
    await withOtherCities();
    await world.sims.registerPeople([child]);
    const { applicationId } = await world.client.applications.submit(
      { unitId: SHANGHAI_UNIT._id, applicant: child },
      OPERATOR,
    );
    await waitForStage(world, applicationId, 'awaiting_collection');
    await world.client.applications.act(
      registerCollection,
      applicationId,
      {
        collectedBy: child.guardian!.name,
        relation: 'guardian',
        agentResidentId: child.guardian!.residentId,
        receivedOn: today(),
        place: 'Shanghai service hall',
      },
      OPERATOR,
    );
    await ageCard(cardIdFor(applicationId), 2);
    assert.equal((await runCampaign()).told, 1);
    assert.deepEqual(
      (await renewalNotices()).filter((m) => m._id.startsWith(cardIdFor(applicationId))).map((m) => m.to),
      [child.guardian!.phone],
    );
  });
});
