// Minors and their guardians on the real servers: a child under the region's no-photo age applied for by a guardian
// is issued a card without a photo, the guardian gets the notices and the codes of "where is my card?", the holder
// takes the card over when they come of age, and a guardian where the rules want none (or none where they want one)
// is refused before anything is written.
import assert from 'node:assert/strict';
import { registerCollection, resubmit, review } from '../../domain/actions/applications';
import { reportLoss } from '../../domain/actions/cards';
import type { Applicant, Guardian } from '../../domain/applicant';
import { addCalendarDays, type LocalDate, shanghaiDate } from '../../domain/calendar/shanghai-time';
import { birthdayOf } from '../../domain/minors';
import { makeResidentId } from '../../domain/resident-id';
import { personKey } from '../../crypto/person-key';
import type { PrintOrder } from '../../integrations/ports';
import type { SyntheticPerson } from '../../integrations/simulators/people';
import { uniqueName } from '../setup/servers';
import {
  assertRefused,
  earlierCards,
  eventually,
  submitApplication,
  waitFor,
  waitForStage,
} from '../support/flow';
import { CLERK, oneServerPerSuite, OPERATOR, UNIT, type World } from '../support/world';

/** The test unit's city takes no photo of a child under 7, as Guangdong does. */
const NO_PHOTO_UNDER_7 = {
  id: 'hangzhou-minors',
  region: '3301',
  mode: 'sporadic',
  effectiveFrom: '2019-12-31',
  workingDays: 5,
  warnWorkingDaysBefore: 1,
  returnExpiryWorkingDays: 10,
  minors: { noPhotoUnder: 7 },
};

describe('minors and their guardians', () => {
  const world = oneServerPerSuite();

  const today = async (): Promise<LocalDate> => shanghaiDate(new Date(await world.env.currentTimeMs()));

  /** Someone `years` old today (born on the last day of the month before, that many years ago). */
  async function bornYearsAgo(years: number, sequence: number, phone?: string): Promise<SyntheticPerson> {
    const day = await today();
    const birthDate = addCalendarDays(`${Number(day.slice(0, 4)) - years}-${day.slice(5, 7)}-01`, -1);
    const person: SyntheticPerson = {
      residentId: makeResidentId({ regionCode: '330102', birthDate, sequence }),
      name: years < 18 ? '王小明' : '王建国',
      birthDate,
      ...(phone ? { phone } : {}),
    };
    await world.sims.registerPeople([person]);
    return person;
  }

  const guardianOf = (adult: Applicant, relation: Guardian['relation'] = 'mother'): Guardian => ({
    residentId: adult.residentId,
    name: adult.name,
    phone: adult.phone!,
    relation,
    householdRegister: '330102-004512',
  });

  const smsTo = async (w: World, phone: string, template: string) =>
    w.sims.notifier.messages.find({ to: phone, template }).toArray();

  it('a child under 7 is applied for by their guardian without a photo, issued a card without one, and the guardian is told', async function () {
    this.timeout(120_000);
    await world.stores.policies.upsert(NO_PHOTO_UNDER_7);
    const mother = world.people[0]!;
    const { birthDate: _born, ...child } = await bornYearsAgo(5, 101);
    // What the factory is asked to print, as it receives it.
    const orders: PrintOrder[] = [];
    const { manufacturer } = world.sims;
    const place = manufacturer.placeOrder.bind(manufacturer);
    manufacturer.placeOrder = (order) => {
      orders.push(order);
      return place(order);
    };
    const applicationId = await submitApplication(world, { ...child, guardian: guardianOf(mother) });

    const ready = await waitForStage(world, applicationId, 'awaiting_collection', 60_000);
    assert.deepEqual(
      ready.auditFlags,
      [],
      'no photo is missing, and the age is the guardian’s to answer for',
    );
    assert.deepEqual(ready.guardian, { relation: 'mother' });
    assert.deepEqual(
      orders.map((o) => [o.residentId, o.photoId, o.photoUrl]),
      [[child.residentId, '', undefined]],
      'the factory prints the card without a photo',
    );

    // The issuance SMS with its "where is my card?" link goes to the guardian, and a code asked for the child too.
    await eventually(
      () => smsTo(world, mother.phone!, 'issuance_ready'),
      (sent) => sent.length === 1,
      'the guardian told the card is ready',
    );
    await world.client.tracking.requestCode({ residentId: child.residentId });
    assert.equal((await smsTo(world, mother.phone!, 'tracking_code')).length, 1);

    const issued = await world.client.applications.act(
      registerCollection,
      applicationId,
      { collectedBy: mother.name, relation: 'guardian', receivedOn: await today(), place: 'window 3' },
      OPERATOR,
    );
    assert.equal(issued.outcome, 'issued');
    assert.deepEqual(
      issued.guardian,
      { relation: 'mother' },
      'an action answers with the guardian as a read does',
    );

    // The card's life tells the guardian too: a loss reported by phone.
    const key = personKey(child.residentId, world.keyring.personKeySecret);
    const [card] = await world.stores.cards.cardsOf(key);
    await world.client.cards.act(reportLoss, card!._id, { kind: 'temporary', channel: 'phone' }, OPERATOR);
    await eventually(
      () => smsTo(world, mother.phone!, 'card_loss_reported'),
      (sent) => sent.length === 1,
      'the guardian told of the loss report',
    );

    // The workflow never held the guardian: not in its history (encrypted or not), nor in what it says of itself.
    const { workflowId } = (await world.stores.records.get(applicationId))!;
    const history = JSON.stringify(await world.temporal.workflow.getHandle(workflowId).fetchHistory());
    const said = JSON.stringify(issued);
    for (const secret of [mother.residentId, mother.name, mother.phone!, '330102-004512']) {
      assert.ok(!history.includes(secret), 'the history names no guardian');
      assert.ok(!said.includes(secret), 'the status names no guardian');
    }
  });

  it('where the region takes a photo at every age, a child’s missing photo is flagged for review', async function () {
    this.timeout(60_000);
    const { birthDate: _born, ...child } = await bornYearsAgo(5, 102);
    const applicationId = await submitApplication(world, {
      ...child,
      guardian: guardianOf(world.people[0]!),
    });
    const flagged = await waitForStage(world, applicationId, 'awaiting_review');
    assert.deepEqual(flagged.auditFlags, ['PHOTO_MISSING']);
  });

  it('the holder takes the card over on the day they come of age: both are told once, and the codes go to the holder', async function () {
    this.timeout(120_000);
    const father = world.people[1]!;
    const { birthDate, ...holder } = await bornYearsAgo(17, 103, '13912345678');
    const applicationId = await submitApplication(world, {
      ...holder,
      photoId: 'PH0000000103',
      guardian: guardianOf(father, 'father'),
    });
    await waitForStage(world, applicationId, 'awaiting_collection', 60_000);
    assert.equal((await smsTo(world, holder.phone!, 'issuance_ready')).length, 0, 'the guardian is told');
    assert.equal((await smsTo(world, father.phone!, 'issuance_ready')).length, 1);

    const adultOn = birthdayOf(birthDate, 18);
    const key = personKey(holder.residentId, world.keyring.personKeySecret);
    assert.equal((await world.stores.guardianships.get(key))?.adultOn, adultOn);
    const runFor = (day: LocalDate) =>
      world.temporal.workflow.execute('comingOfAge', {
        taskQueue: world.taskQueue,
        workflowId: uniqueName('coming-of-age'),
        args: [{ day }],
      });

    assert.deepEqual(await runFor(addCalendarDays(adultOn, -1)), {
      day: addCalendarDays(adultOn, -1),
      handedOver: 0,
    });
    assert.equal((await world.stores.guardianships.get(key))?.handedOverAt, undefined);
    assert.deepEqual(await runFor(adultOn), { day: adultOn, handedOver: 1 });
    assert.deepEqual(await runFor(adultOn), { day: adultOn, handedOver: 0 }, 'handed over once');
    assert.equal((await smsTo(world, holder.phone!, 'came_of_age_person')).length, 1);
    assert.equal((await smsTo(world, father.phone!, 'came_of_age_guardian')).length, 1);

    const status = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(status.guardian?.relation, 'father');
    assert.ok(status.guardian?.handedOverAt, 'the status says the guardian acts no more');
    await world.client.tracking.requestCode({ residentId: holder.residentId });
    assert.equal((await smsTo(world, holder.phone!, 'tracking_code')).length, 1);
    assert.equal((await smsTo(world, father.phone!, 'tracking_code')).length, 0);
  });

  it('hands over a day of many holders a page at a time, continuing as new when a run has paged enough', async function () {
    this.timeout(60_000);
    const mother = world.people[3]!;
    const holders: { key: string; applicationId: string; phone: string }[] = [];
    for (const n of [1, 2, 3]) {
      const { birthDate: _born, ...holder } = await bornYearsAgo(17, 110 + n, `1391234561${n}`);
      const key = personKey(holder.residentId, world.keyring.personKeySecret);
      const applicationId = `AMINORPAGE0${n}`;
      // Holders whose applications closed long ago: their records as the acceptance left them.
      await world.stores.applications.create({
        _id: applicationId,
        personKey: key,
        workflowId: `card-${key}`,
        unitId: UNIT._id,
        region: UNIT.region,
        mode: 'sporadic',
        applicant: { ...holder, guardian: guardianOf(mother) },
        submittedAt: new Date(),
        submittedBy: CLERK,
      });
      await world.stores.guardianships.record({
        _id: key,
        applicationId,
        relation: 'mother',
        adultOn: '2030-01-0' + n,
        since: new Date(),
      });
      holders.push({ key, applicationId, phone: holder.phone! });
    }
    const handle = await world.temporal.workflow.start('comingOfAge', {
      taskQueue: world.taskQueue,
      workflowId: uniqueName('coming-of-age'),
      args: [{ day: '2030-01-03', limit: 1, pagesPerRun: 2 }],
    });
    assert.deepEqual(await handle.result(), { day: '2030-01-03', handedOver: 3 });
    const { runId } = await handle.describe();
    assert.notEqual(runId, handle.firstExecutionRunId, 'the run continued as new');
    for (const { key, phone } of holders) {
      assert.ok((await world.stores.guardianships.get(key))?.handedOverAt, 'handed over');
      assert.equal((await smsTo(world, phone, 'came_of_age_person')).length, 1);
    }
    assert.equal((await smsTo(world, mother.phone!, 'came_of_age_guardian')).length, 3);
  });

  it('takes a guardian named by the unit’s corrected data, and refuses a correction that drops a minor’s guardian', async function () {
    this.timeout(60_000);
    const father = world.people[4]!;
    const returned = async (applicant: Applicant) => {
      const applicationId = await submitApplication(world, applicant);
      await waitForStage(world, applicationId, 'awaiting_review');
      await world.client.applications.act(
        review,
        applicationId,
        { decision: 'return', reasons: ['PHOTO_MISSING'], note: 'photo needed' },
        OPERATOR,
      );
      return applicationId;
    };

    // A 17 year old applied alone, without a photo; the corrected data names their father, who acts until 18.
    const { birthDate, ...youth } = await bornYearsAgo(17, 121, '13912345621');
    const alone = await returned(youth);
    const key = personKey(youth.residentId, world.keyring.personKeySecret);
    assert.equal(await world.stores.guardianships.get(key), null);
    await world.client.applications.act(
      resubmit,
      alone,
      { applicant: { ...youth, photoId: 'PH0000000121', guardian: guardianOf(father, 'father') } },
      CLERK,
    );
    await waitForStage(world, alone, 'awaiting_collection', 60_000);
    assert.equal((await world.stores.guardianships.get(key))?.adultOn, birthdayOf(birthDate, 18));
    assert.equal((await smsTo(world, father.phone!, 'issuance_ready')).length, 1);

    // A child's corrected data without their guardian: refused, and the application waits for a usable correction.
    const { birthDate: _born, ...child } = await bornYearsAgo(9, 122);
    const withGuardian = await returned({ ...child, guardian: guardianOf(father, 'father') });
    await assertRefused(
      world.client.applications.act(
        resubmit,
        withGuardian,
        { applicant: { ...child, photoId: 'PH0000000122' } },
        CLERK,
      ),
      'GUARDIAN_REQUIRED',
    );
    const still = await world.client.applications.status(withGuardian, OPERATOR);
    assert.equal(still.stage, 'returned');
    assert.equal(
      await world.db.collection('application_revisions').countDocuments({ applicationId: withGuardian }),
      0,
    );
  });

  it('replaces the card of a holder who came of age without the guardian who applied for it', async function () {
    this.timeout(60_000);
    const mother = world.people[5]!;
    const { birthDate: _born, ...holder } = await bornYearsAgo(18, 131, '13912345631');
    const key = personKey(holder.residentId, world.keyring.personKeySecret);
    // The card a guardian applied for years ago, issued and in use.
    await world.stores.applications.create({
      _id: 'AMINORGREW01',
      personKey: key,
      workflowId: `card-${key}`,
      unitId: UNIT._id,
      region: UNIT.region,
      mode: 'sporadic',
      applicant: { ...holder, photoId: 'PH0000000131', guardian: guardianOf(mother) },
      submittedAt: new Date('2015-03-01'),
      submittedBy: CLERK,
    });
    await earlierCards(world, holder, {
      _id: 'CMINORGREW01',
      applicationId: 'AMINORGREW01',
      status: 'issued',
      cardNumber: 'M00000131',
      at: new Date('2015-03-20'),
    });
    const { applicationId } = await world.client.cards.replace('CMINORGREW01', { reason: 'DAMAGED' }, CLERK);
    const successor = await world.stores.applications.get(applicationId);
    assert.equal(successor?.applicant.residentId, holder.residentId);
    assert.equal(successor?.applicant.guardian, undefined, 'an adult applies for themselves');
  });

  it('refuses a minor without a guardian, a guardian who is the minor or not an adult, and a guardian for an adult, writing nothing', async function () {
    this.timeout(60_000);
    const { birthDate: _a, ...child } = await bornYearsAgo(10, 104);
    const { birthDate: _b, ...youth } = await bornYearsAgo(16, 105, '13912345605');
    const { birthDate: _c, ...adult } = await bornYearsAgo(18, 106, '13912345606');
    const parent = guardianOf(world.people[2]!);
    const submit = (applicant: Applicant) =>
      world.client.applications.submit({ unitId: UNIT._id, applicant }, CLERK);

    await assertRefused(submit(child), 'GUARDIAN_REQUIRED');
    await assertRefused(
      submit({ ...child, guardian: { ...parent, residentId: child.residentId } }),
      'GUARDIAN_IS_APPLICANT',
    );
    await assertRefused(
      submit({ ...child, guardian: { ...guardianOf(youth), relation: 'sibling' } }),
      'GUARDIAN_NOT_ADULT',
    );
    await assertRefused(submit({ ...adult, guardian: parent }), 'GUARDIAN_FOR_ADULT');
    assert.equal(await world.db.collection('applications').countDocuments({}), 0, 'nothing written');
    assert.equal(await world.db.collection('guardianships').countDocuments({}), 0);

    // 16 and 17 year olds may work, and apply alone (or through a guardian): no flag for their age.
    const alone = await submitApplication(world, { ...youth, photoId: 'PH0000000105' });
    const audited = await waitFor(world, alone, (s) => s.history.some((h) => h.stage === 'comparing'));
    assert.deepEqual(audited.auditFlags, []);
  });
});
