// Card fees on the real servers: the fee decided at acceptance is charged through the payment provider, and no card
// is ordered before it is paid or waived; a withdrawal refunds what was paid, and a refund the provider refuses goes
// to the supervisors. The test city charges a first card here (a row of its own), so that any application has a fee.
import assert from 'node:assert/strict';
import { waiveFee } from '../../domain/actions/applications';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import type { FeeExemption } from '../../domain/fee-decision';
import { DEFAULT_FEE_POLICIES, type FeePolicyInput } from '../../domain/fees';
import {
  assertRefused,
  skipUntil,
  eventually,
  submitApplication,
  waitFor,
  waitForStage,
  withdrawApplication,
} from '../support/flow';
import { CLERK, COUNTER, oneServerPerSuite, OPERATOR, SUPERVISOR, UNIT, type World } from '../support/world';
import { issuedCard } from '../card-life/support';

/** Hangzhou charges ¥15 for every card in these tests, and grants the exemptions given. */
const HANGZHOU_FEES = (
  exemptions: FeePolicyInput['exemptions'] = ['LOW_INCOME', 'DISABLED'],
): FeePolicyInput => ({
  id: 'hangzhou-fees-test',
  region: '3301',
  effectiveFrom: '2020-01-01',
  fees: { ...DEFAULT_FEE_POLICIES[0]!.fees, first_card: 1500 },
  exemptions,
});

/** An application of the i-th person that waits for its fee, the person not paying until the test says. */
async function waitingForPayment(world: World, index: number, policy = HANGZHOU_FEES()) {
  await world.stores.feePolicies.upsert(policy);
  world.sims.payment.payerOf('*', 'waits');
  const applicationId = await submitApplication(world, world.people[index]!);
  const status = await waitFor(world, applicationId, (s) => s.awaiting === 'payment', 'the wait for the fee');
  const chargeId = `${applicationId}-F1`;
  await eventually(() => world.sims.payment.lookup(chargeId), Boolean, 'the charge at the provider');
  return { applicationId, chargeId, status };
}

/** The person pays, and the card is made: the application waits for its collection, where a withdrawal finds it. */
async function paidAndMade(world: World, applicationId: string, chargeId: string): Promise<void> {
  assert.equal(await world.sims.payment.pay(chargeId), true);
  await waitForStage(world, applicationId, 'awaiting_collection');
}

const placedOrders = (world: World) => world.sims.manufacturer.behaviour.requests('placeOrder');

describe('card fees', () => {
  const world = oneServerPerSuite();

  it('orders no card before the fee is paid, and prints once the provider reports the payment', async () => {
    const { applicationId, chargeId, status } = await waitingForPayment(world, 0);
    assert.deepEqual(
      { reason: status.fee?.reason, dueFen: status.fee?.dueFen, policy: status.fee?.policyId },
      { reason: 'first_card', dueFen: 1500, policy: 'hangzhou-fees-test' },
    );
    assert.deepEqual(status.fee?.payment, { chargeId, status: 'unpaid' });
    assert.equal((await world.sims.payment.lookup(chargeId))?.amountFen, 1500, 'charged with the provider');
    // A while later the application still waits, and the manufacturer has heard nothing.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await world.client.applications.status(applicationId, OPERATOR)).awaiting, 'payment');
    assert.equal(placedOrders(world), 0, 'no print order before the fee is paid');

    assert.equal(await world.sims.payment.pay(chargeId), true);
    const ready = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(ready.fee?.payment?.status, 'paid');
    const steps = ready.history.map((h) => h.action ?? h.stage);
    assert.ok(steps.indexOf('fee_paid') < steps.indexOf('printing'), steps.join());
    assert.equal((await world.stores.charges.get(chargeId))?.status, 'paid');
    assert.equal((await world.sims.payment.lookup(chargeId))?.payments.length, 1, 'paid once');
  });

  it('lets an operator waive the fee for an exemption in effect, with the evidence seen, and closes the charge', async () => {
    const { applicationId, chargeId } = await waitingForPayment(world, 1, HANGZHOU_FEES(['DISABLED']));
    const waive = (body: { exemption: FeeExemption; note: string }, by = OPERATOR) =>
      world.client.applications.act(waiveFee, applicationId, body, by);
    // Refused, and nothing written: an exemption the region does not grant, one for damaged cards, a unit's clerk.
    await assertRefused(
      waive({ exemption: 'LOW_INCOME', note: 'certificate seen' }),
      'FEE_EXEMPTION_NOT_IN_EFFECT',
    );
    await assertRefused(
      waive({ exemption: 'DAMAGE_NOT_HOLDERS_FAULT', note: 'chip failed' }),
      'FEE_EXEMPTION_NOT_IN_EFFECT',
    );
    await assertRefused(
      waive({ exemption: 'DISABLED', note: 'certificate seen' }, CLERK),
      'ROLE_NOT_ALLOWED',
    );
    const before = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(before.fee?.payment?.status, 'unpaid');
    assert.ok(!before.history.some((h) => h.action === 'fee_waived'));

    await waive({ exemption: 'DISABLED', note: 'disability certificate 33010619 seen' });
    const ready = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(ready.fee?.payment?.status, 'waived');
    assert.deepEqual(ready.fee?.payment?.waiver, {
      exemption: 'DISABLED',
      note: 'disability certificate 33010619 seen',
      by: OPERATOR,
    });
    const waived = ready.history.find((h) => h.action === 'fee_waived');
    assert.equal(waived?.note, 'DISABLED: disability certificate 33010619 seen');
    assert.equal(
      (await world.sims.payment.lookup(chargeId))?.status,
      'closed',
      'the charge can be paid no more',
    );
    assert.equal(await world.sims.payment.pay(chargeId), false);
    // Nothing waits for a fee any more.
    await assertRefused(waive({ exemption: 'DISABLED', note: 'again' }), 'NOT_AWAITING_PAYMENT');
  });

  it('has the person pay at the counter before the counter’s printer makes the card', async () => {
    await world.stores.feePolicies.upsert(HANGZHOU_FEES());
    world.sims.payment.payerOf('*', 'waits');
    const { applicationId } = await world.client.applications.submit(
      { unitId: UNIT._id, applicant: world.people[8]!, instant: { counterId: COUNTER._id } },
      CLERK,
    );
    const waiting = await waitFor(
      world,
      applicationId,
      (s) => s.awaiting === 'payment',
      'the wait for the fee',
    );
    assert.equal(waiting.lane, 'instant');
    const chargeId = `${applicationId}-F1`;
    await eventually(() => world.sims.payment.lookup(chargeId), Boolean, 'the charge at the provider');
    assert.equal(world.sims.printer.behaviour.requests('print'), 0, 'the printer waits for the payment');
    assert.equal(await world.sims.payment.pay(chargeId), true);
    const issued = await waitForStage(world, applicationId, 'issued');
    assert.equal(issued.fee?.payment?.status, 'paid');
    const steps = issued.history.map((h) => h.action ?? h.stage);
    assert.ok(steps.indexOf('fee_paid') < steps.indexOf('printed_at_counter'), steps.join());
  });

  it('charges once although the provider’s answer to the charge was lost and the charge was asked again', async () => {
    await world.stores.feePolicies.upsert(HANGZHOU_FEES());
    world.sims.payment.payerOf('*', 'waits');
    world.sims.payment.behaviour.loseRepliesNext(1, 'charge');
    const applicationId = await submitApplication(world, world.people[9]!);
    const chargeId = `${applicationId}-F1`;
    await eventually(
      () => Promise.resolve(world.sims.payment.behaviour.requests('charge')),
      (n) => n >= 2,
      'the charge asked again after its lost answer',
      60_000,
    );
    await waitFor(world, applicationId, (s) => s.awaiting === 'payment', 'the wait for the fee');
    assert.equal(await world.sims.payment.pay(chargeId), true);
    const ready = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.equal(ready.fee?.payment?.status, 'paid');
    assert.deepEqual(await world.sims.payment.books(), {
      charges: 1,
      paid: 1,
      refunded: 0,
      chargedTwice: 0,
      refundsMissing: 0,
    });
  });

  it('answers a waiver taken while the charge was asked, though the person paid before the charge’s answer came: the fee is waived and the payment refunded', async () => {
    await world.stores.feePolicies.upsert(HANGZHOU_FEES(['DISABLED']));
    world.sims.payment.payerOf('*', 'waits');
    // The charge is opened at once, but its answer comes on the third attempt, 15 seconds later.
    world.sims.payment.behaviour.loseRepliesNext(2, 'charge');
    const applicationId = await submitApplication(world, world.people[11]!);
    const chargeId = `${applicationId}-F1`;
    await waitFor(world, applicationId, (s) => s.awaiting === 'payment', 'the wait for the fee');
    const charge = await eventually(
      () => world.stores.charges.get(chargeId),
      Boolean,
      'the charge noted and asked',
    );
    await eventually(() => world.sims.payment.lookup(chargeId), Boolean, 'the charge at the provider');
    // The operator's waiver is taken at once; it is answered once the charge's answer came (the client may give up
    // waiting before, and tells the operator to look at the status).
    const waiving = world.client.applications
      .act(waiveFee, applicationId, { exemption: 'DISABLED', note: 'certificate seen' }, OPERATOR)
      .catch((error: { code?: string }) => error.code);
    const handle = world.temporal.workflow.getHandle(charge!.workflowId);
    const events = async () => (await handle.fetchHistory()).events ?? [];
    await eventually(
      events,
      (found) =>
        found.some(
          (e) =>
            e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'waiveFee',
        ),
      'the waiver taken by the workflow',
    );
    // The person pays meanwhile, and the provider's report arrives before the charge's answer.
    assert.equal(await world.sims.payment.pay(chargeId), true);
    const ready = await waitForStage(world, applicationId, 'awaiting_collection', 60_000);
    assert.equal(ready.fee?.payment?.status, 'waived', 'the waiver taken first decides');
    assert.ok(ready.history.some((h) => h.action === 'fee_refunded'));
    assert.ok(
      (await events()).some((e) => e.workflowExecutionUpdateCompletedEventAttributes),
      'the waiver answered, not left waiting until the application ends',
    );
    await waiving;
    const books = await world.sims.payment.books();
    assert.deepEqual(
      { paid: books.paid, refunded: books.refunded, chargedTwice: books.chargedTwice },
      { paid: 1, refunded: 1, chargedTwice: 0 },
    );
  });

  it('asks nothing of an application with no fee due: a first card at the national tariff goes straight to print', async () => {
    const applicationId = await submitApplication(world, world.people[2]!);
    const ready = await waitForStage(world, applicationId, 'awaiting_collection');
    assert.deepEqual(
      { reason: ready.fee?.reason, dueFen: ready.fee?.dueFen, payment: ready.fee?.payment },
      { reason: 'first_card', dueFen: 0, payment: undefined },
    );
    assert.ok(!ready.history.some((h) => h.stage === 'registering' && h.note?.includes('charged')));
    assert.equal((await world.sims.payment.books()).charges, 0);
  });

  it('refunds the fee paid when the application is withdrawn', async () => {
    const { applicationId, chargeId } = await waitingForPayment(world, 3);
    await paidAndMade(world, applicationId, chargeId);
    const withdrawn = await withdrawApplication(
      world,
      applicationId,
      'the holder found the old card',
      SUPERVISOR,
    );
    const closed = await waitForStage(world, applicationId, 'withdrawn');
    void withdrawn;
    assert.equal(closed.fee?.payment?.status, 'refunded');
    assert.match(closed.history.find((h) => h.action === 'fee_refunded')?.note ?? '', /¥15\.00/);
    assert.equal((await world.sims.payment.lookup(chargeId))?.status, 'refunded');
    assert.equal((await world.stores.charges.get(chargeId))?.status, 'refunded');
    assert.deepEqual(await world.sims.payment.books([applicationId]), {
      charges: 1,
      paid: 1,
      refunded: 1,
      chargedTwice: 0,
      refundsMissing: 0,
    });
  });

  it('closes an unpaid charge at a withdrawal, so that it can be paid no more', async () => {
    const { applicationId, chargeId } = await waitingForPayment(world, 4);
    await withdrawApplication(world, applicationId, 'applied twice by mistake');
    const closed = await waitForStage(world, applicationId, 'withdrawn');
    assert.equal(closed.fee?.payment?.status, 'closed_unpaid');
    assert.equal(await world.sims.payment.pay(chargeId), false);
    assert.equal((await world.sims.payment.lookup(chargeId))?.status, 'closed');
  });

  it('sends a refund the provider refuses to the supervisors, naming no one', async () => {
    const { applicationId, chargeId } = await waitingForPayment(world, 5);
    await paidAndMade(world, applicationId, chargeId);
    world.sims.payment.refuseRefundOf(chargeId);
    await withdrawApplication(world, applicationId, 'the holder moved abroad', SUPERVISOR);
    const closed = await waitForStage(world, applicationId, 'withdrawn');
    assert.equal(closed.fee?.payment?.status, 'refund_failed');
    assert.ok(closed.escalations.some((e) => e.kind === 'compensation_failed_refund'));
    assert.match(
      closed.history.find((h) => h.action === 'compensation_failed')?.note ?? '',
      /REFUND_REFUSED/,
    );
    const [escalation] = await eventually(
      () => world.stores.escalations.forApplication(applicationId),
      (found) => found.some((e) => e.kind === 'compensation_failed_refund'),
      'the escalation to the supervisors',
    );
    assert.ok(escalation);
    const person = world.people[5]!;
    const raised = JSON.stringify(await world.stores.escalations.forApplication(applicationId));
    assert.ok(!raised.includes(person.name) && !raised.includes(person.residentId), 'no personal data');
    assert.equal(
      (await world.sims.payment.books([applicationId])).refundsMissing,
      1,
      'the books show it owed',
    );
  });

  it('tells the supervisors of a fee left unpaid a week, and again each week, while the application waits', async () => {
    const { applicationId } = await waitingForPayment(world, 10);
    const overdue = await skipUntil(
      world,
      applicationId,
      (s) => s.escalations.filter((e) => e.kind === 'payment_overdue').length >= 2,
      '1 day',
      20,
    );
    assert.equal(overdue.awaiting, 'payment', 'still waiting: an overdue fee is escalated, never dropped');
    assert.equal(placedOrders(world), 0);
    await eventually(
      () => world.stores.escalations.forApplication(applicationId),
      (found) => found.filter((e) => e.kind === 'payment_overdue').length === 2,
      'both escalations sent',
    );
  });

  it('refuses a payment report on an unknown charge, or from another partner, and notes nothing', async () => {
    const { applicationId, chargeId } = await waitingForPayment(world, 6);
    const report = { chargeId, event: 'paid', amountFen: 1500, at: new Date().toISOString() };
    await assertRefused(
      world.client.payments.reportPayment(
        { ...report, chargeId: 'A-unknown-0001-F1' },
        PARTNER_ACCOUNTS.payment,
      ),
      'PAYMENT_CHARGE_UNKNOWN',
    );
    await assertRefused(
      world.client.payments.reportPayment(report, PARTNER_ACCOUNTS.courier),
      'PAYMENT_CHARGE_UNKNOWN',
    );
    await assertRefused(
      world.client.payments.reportPayment({ ...report, amountFen: 15.5 }, PARTNER_ACCOUNTS.payment),
      'VALIDATION_FAILED',
    );
    assert.equal((await world.stores.charges.get(chargeId))?.status, 'open');
    const status = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(status.fee?.payment?.status, 'unpaid');
    assert.equal(status.awaiting, 'payment');
  });

  it('takes an exemption claimed with a replacement where the region grants it, and writes nothing where not', async () => {
    const card = await issuedCard(world, 7);
    await world.stores.feePolicies.upsert(HANGZHOU_FEES(['DISABLED', 'DAMAGE_NOT_HOLDERS_FAULT']));
    const before = await world.db.collection('applications').countDocuments();
    const replace = (feeExemption: FeeExemption) =>
      world.client.cards.replace(card._id, { reason: 'DAMAGED', feeExemption }, CLERK);
    await assertRefused(replace('LOW_INCOME'), 'FEE_EXEMPTION_NOT_IN_EFFECT');
    assert.equal(await world.db.collection('applications').countDocuments(), before, 'nothing written');

    // The card was issued days ago: its damage, not the holder's fault, is replaced free.
    const { applicationId } = await replace('DAMAGE_NOT_HOLDERS_FAULT');
    const ready = await waitForStage(world, applicationId, 'awaiting_collection');
    const { reason, amountFen, dueFen, exemption, payment } = ready.fee!;
    assert.deepEqual(
      { reason, amountFen, dueFen, exemption, payment },
      {
        reason: 'damage_replacement',
        amountFen: 2000,
        dueFen: 0,
        exemption: 'DAMAGE_NOT_HOLDERS_FAULT',
        payment: undefined,
      },
    );
    assert.equal(
      (await world.stores.applications.get(applicationId))?.feeExemption,
      'DAMAGE_NOT_HOLDERS_FAULT',
    );
  });

  it('refuses a waiver for damage not the holder’s fault of a card issued more than a year ago', async () => {
    const card = await issuedCard(world, 12);
    // The card was issued two years ago.
    const issued = card.history.findIndex((h) => h.status === 'issued');
    await world.db
      .collection('cards')
      .updateOne(
        { _id: card._id as never },
        { $set: { [`history.${issued}.at`]: new Date(Date.now() - 2 * 365 * 86_400_000) } },
      );
    await world.stores.feePolicies.upsert(HANGZHOU_FEES(['DISABLED', 'DAMAGE_NOT_HOLDERS_FAULT']));
    world.sims.payment.payerOf('*', 'waits');
    const { applicationId } = await world.client.cards.replace(card._id, { reason: 'DAMAGED' }, CLERK);
    const waiting = await waitFor(
      world,
      applicationId,
      (s) => s.awaiting === 'payment',
      'the wait for the fee',
    );
    assert.deepEqual(waiting.fee?.exemptions, ['DISABLED'], 'only the exemptions in effect are offered');
    await assertRefused(
      world.client.applications.act(
        waiveFee,
        applicationId,
        { exemption: 'DAMAGE_NOT_HOLDERS_FAULT', note: 'chip failed' },
        OPERATOR,
      ),
      'FEE_EXEMPTION_NOT_IN_EFFECT',
    );
    const after = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(after.fee?.payment?.status, 'unpaid');
  });

  it('refuses a fee policy that is not valid, and keeps the one in effect', async () => {
    await assert.rejects(
      world.stores.feePolicies.upsert({
        ...HANGZHOU_FEES(),
        fees: { ...HANGZHOU_FEES().fees, loss_replacement: 19.99 },
      }),
      (error: Error & { code?: string }) => error.code === 'FEE_POLICY_INVALID',
    );
    assert.deepEqual(
      (await world.stores.feePolicies.all()).map((p) => p.id),
      DEFAULT_FEE_POLICIES.map((p) => p.id),
    );
  });
});
