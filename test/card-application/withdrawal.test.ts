// A withdrawal undoes, in reverse order, what the completed steps did to other parties, and tells the people
// concerned. Each test withdraws at one stage and then looks at every party: the bank, the manufacturer, the card
// registry, the notification log and the application's timeline.
import { resubmit, review, withdraw } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { personKey } from '../../crypto/person-key';
import type { ApplicationStatus } from '../../domain/status';
import { cardIdFor } from '../../domain/documents/cards';
import {
  assertRefused,
  earlierCards,
  eventually,
  skipTime,
  submitApplication,
  waitFor,
  waitForStage,
  withdrawApplication,
} from '../support/flow';
import { CLERK, oneServerPerSuite, MANUFACTURER, OPERATOR, SUPERVISOR } from '../support/world';

const CONFIRMED = { reason: 'the person moved to another province', supervisorConfirmed: true };

describe('a withdrawal undoes what was done', () => {
  const world = oneServerPerSuite();

  const submit = (index: number) => submitApplication(world, world.people[index]!);

  /** A card the person held before, registered before the application is submitted. */
  const oldCard = (index: number, id: string, status: 'issued' | 'lost') =>
    earlierCards(world, world.people[index]!, { _id: id, status, at: new Date('2019-03-01') });

  const bankCustomer = (index: number) =>
    world.sims.db
      .collection<{ _id: string; account?: unknown; closedFor?: string[]; revokedWallets?: string[] }>(
        'bank_customers',
      )
      .findOne({ _id: world.people[index]!.residentId });

  /** The timeline's actions and stages after the one named, in order. */
  const after = (status: ApplicationStatus, stage: string) =>
    status.history
      .slice(status.history.findLastIndex((h) => h.stage === stage && !h.action) + 1)
      .map((h) => h.action ?? h.stage);

  const kindsTold = async (applicationId: string) =>
    (await world.stores.notifications.forApplication(applicationId)).map((n) => `${n.kind}:${n.audience}`);

  /**
   * The factory has printed the order and its report is about to leave. The stage moves to printing when the print
   * step starts; the order reaches the factory once its activity has run, which is waited for first.
   */
  async function factoryHasPrinted(orderId: string): Promise<void> {
    const orders = world.sims.db.collection<{ _id: string }>('mfr_orders');
    await eventually(
      () => orders.findOne({ _id: orderId }),
      (order) => order !== null,
      'the order to reach the factory',
    );
    await orders.updateOne({ _id: orderId }, { $set: { status: 'reported' } });
  }

  /**
   * A supervisor withdraws the index-th person's application once the factory has printed its card, and the factory
   * has refused to cancel the order: the withdrawal waits on the order's report.
   */
  /**
   * Until the order's placement, a wait on the factory that a withdrawal stops, has completed: this scenario is the
   * order at the factory. A withdrawal racing the placement's completion is a cancellation of an activity that has
   * just completed, which the time-skipping server refuses (ACTIVITY_UNKNOWN) and leaves the task to time out (a CI
   * run under load met it); the fault run withdraws at every stage on the real server.
   */
  async function orderPlaced(applicationId: string) {
    const { workflowId } = (await world.stores.records.get(applicationId))!;
    await eventually(
      async () => {
        const { events } = await world.temporal.workflow.getHandle(workflowId).fetchHistory();
        const placing = events!.find(
          (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'placePrintOrder',
        );
        return events!.some(
          (e) =>
            placing &&
            Number(e.activityTaskCompletedEventAttributes?.scheduledEventId) === Number(placing.eventId),
        );
      },
      Boolean,
      'the print order to be placed',
    );
  }

  async function withdrawingPrintedCard(index: number) {
    world.sims.manufacturer.settings.printMs = 60_000;
    const applicationId = await submit(index);
    await waitForStage(world, applicationId, 'printing');
    const orderId = `${applicationId}-P1`;
    await factoryHasPrinted(orderId);
    await orderPlaced(applicationId);
    const withdrawal = world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);
    await waitFor(
      world,
      applicationId,
      () => world.sims.manufacturer.behaviour.requests('cancelOrder') === 1,
      'the cancellation to be refused',
    );
    return { applicationId, orderId, withdrawal };
  }

  it('after the person was told the card is ready: account and wallet closed, card cancelled, the earlier card back, person and unit told', async () => {
    const key = await oldCard(0, 'COLD-ISSUED', 'issued');
    const applicationId = await submit(0);
    await waitForStage(world, applicationId, 'awaiting_collection');
    assert.ok((await bankCustomer(0))?.account, 'the bank opened an account');

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.deepEqual(after(withdrawn, 'awaiting_collection'), [
      'bank_account_closed',
      'previous_card_restored',
      'withdrawn',
    ]);
    const customer = await bankCustomer(0);
    assert.equal(customer?.account, undefined, 'the account is closed');
    assert.deepEqual(customer?.closedFor, [`${applicationId}:bank-account`]);
    const cards = await world.stores.cards.cardsOf(key);
    const fresh = cards.find((c) => c.applicationId === applicationId)!;
    assert.equal(fresh.status, 'cancelled');
    assert.equal(fresh.cancellation?.reason, 'WITHDRAWN');
    assert.ok(fresh.bank?.closedAt, 'the card knows its account was closed');
    const old = cards.find((c) => c._id === 'COLD-ISSUED')!;
    assert.equal(old.status, 'issued', 'the earlier card is valid again');
    assert.equal(old.cancellation, undefined);
    assert.equal((await world.stores.printOrders.get(`${applicationId}-P1`))?.status, 'printed');
    const told = await kindsTold(applicationId);
    assert.ok(told.includes('withdrawn:unit') && told.includes('withdrawn:person'), told.join(', '));
    await eventually(
      () => world.stores.records.get(applicationId),
      (record) => record?.stage === 'withdrawn',
      'the record to show the withdrawal',
    );
  });

  it('a person who banked there before keeps the account: only the card’s wallet goes', async () => {
    const person = world.people[1]!;
    // The account the person opened years ago, with another card.
    await world.sims.bank.openAccount({
      requestKey: 'branch-2017:account',
      residentId: person.residentId,
      name: person.name,
      cardNumber: 'B00000001',
      chipId: '00000000000000AA',
    });
    const applicationId = await submit(1);
    await waitForStage(world, applicationId, 'awaiting_collection');

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    const step = withdrawn.history.find((h) => h.action === 'bank_account_closed');
    assert.equal(step?.note, 'wallet revoked, account kept');
    const customer = await bankCustomer(1);
    assert.ok(customer?.account, 'the earlier account stays open');
    assert.equal(customer?.revokedWallets?.length, 1);
  });

  it('while the bank opens the account: the opening ends, then the account is closed again', async () => {
    world.sims.bank.behaviour.settings = { latencyMs: [800, 800], failureRate: 0 };
    const applicationId = await submit(2);
    await waitForStage(world, applicationId, 'bank_account');

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal(world.sims.bank.behaviour.requests('openAccount'), 1, 'the opening ran once, to its end');
    assert.equal(world.sims.bank.behaviour.requests('closeAccount'), 1);
    assert.equal(await world.sims.bank.accountsOpened(), 0);
    assert.ok(!(await kindsTold(applicationId)).includes('withdrawn:person'), 'the person was never told');
  });

  it('while printing: the order is cancelled, a lost earlier card stays cancelled, the bank is not called', async () => {
    world.sims.manufacturer.settings.printMs = 60_000;
    const key = await oldCard(3, 'COLD-LOST', 'lost');
    const applicationId = await submit(3);
    await waitForStage(world, applicationId, 'printing');
    await orderPlaced(applicationId);

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    assert.deepEqual(after(withdrawn, 'printing'), ['print_order_cancelled', 'withdrawn']);
    assert.equal((await world.stores.printOrders.get(`${applicationId}-P1`))?.status, 'cancelled');
    const old = (await world.stores.cards.cardsOf(key)).find((c) => c._id === 'COLD-LOST')!;
    assert.equal(old.status, 'replaced', 'a lost card never becomes valid again');
    assert.equal(old.cancellation?.reason, 'LOST_AND_REPLACED');
    assert.equal(world.sims.bank.behaviour.requests('closeAccount'), 0);
    assert.deepEqual(await kindsTold(applicationId), ['withdrawn:unit']);
  });

  it('while its placement has not reached the factory: the factory voids the order, nothing is waited for', async () => {
    // The factory is down: the placement is retried, the order written placed on sscard's side meanwhile.
    world.sims.manufacturer.behaviour.failNext(100, 'placeOrder');
    const applicationId = await submit(9);
    await waitForStage(world, applicationId, 'printing');
    const orderId = `${applicationId}-P1`;
    await eventually(
      () => Promise.resolve(world.sims.manufacturer.behaviour.requests('placeOrder')),
      (n) => n > 0,
      'the first placement',
    );

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    // At once: no report is awaited from a factory that never had the order (the fault run's waited 10 minutes).
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.deepEqual(after(withdrawn, 'printing'), ['withdrawn'], 'nothing placed, so nothing cancelled');
    assert.equal((await world.stores.printOrders.get(orderId))?.status, 'cancelled');
    // The factory keeps the order void: a placement still to come prints nothing.
    const order = await world.sims.db
      .collection<{ _id: string; status: string; voided?: boolean }>('mfr_orders')
      .findOne({ _id: orderId });
    assert.deepEqual([order?.status, order?.voided], ['cancelled', true]);
  });

  it('the factory finished first: the order is settled by its report, not left open', async () => {
    const { applicationId, orderId, withdrawal } = await withdrawingPrintedCard(4);
    await world.client.applications.reportPrint(
      {
        orderId,
        outcome: 'printed',
        cardNumber: 'A12345678',
        chipId: '0123456789ABCDEF',
        at: new Date(await world.env.currentTimeMs()).toISOString(),
      },
      MANUFACTURER,
    );
    const withdrawn = await withdrawal;

    assert.deepEqual(after(withdrawn, 'printing'), ['print_reported_late', 'withdrawn']);
    await eventually(
      async () => (await world.stores.printOrders.get(orderId))?.status,
      (status) => status === 'printed',
      'the order to be settled as printed',
    );
    const card = (await world.stores.cards.get(cardIdFor(applicationId)))!;
    assert.equal(card.status, 'cancelled');
  });

  it('the factory finished first and its report is slow: the withdrawal closes, the report settles the order later', async () => {
    const { orderId, withdrawal } = await withdrawingPrintedCard(6);
    await skipTime(world, '11 minutes'); // the withdrawal stops waiting for the report
    const withdrawn = await withdrawal;
    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.equal((await world.stores.printOrders.get(orderId))?.status, 'placed');

    const receipt = await world.client.applications.reportPrint(
      {
        orderId,
        outcome: 'failed',
        stage: 'quality_check',
        reason: 'scratched',
        at: new Date().toISOString(),
      },
      MANUFACTURER,
    );
    assert.equal(receipt.accepted, true);
    assert.equal((await world.stores.printOrders.get(orderId))?.status, 'failed');
  });

  it('while returned to the unit: the unit withdraws, nothing was registered, the clock stops', async () => {
    const person = world.people[7]!;
    const applicationId = await submitApplication(world, { ...person, name: `${person.name}子` });
    await waitForStage(world, applicationId, 'returned');

    const withdrawn = await withdrawApplication(
      world,
      applicationId,
      'the employee left before correcting the name',
    );

    assert.deepEqual(after(withdrawn, 'returned'), ['withdrawn']);
    assert.equal(await world.stores.cards.get(cardIdFor(applicationId)), null);
    assert.equal(withdrawn.deadline?.paused, false);
    assert.deepEqual(await kindsTold(applicationId), ['returned:unit', 'withdrawn:unit']);
    await assertRefused(
      world.client.applications.act(resubmit, applicationId, { applicant: person }, CLERK),
      'ALREADY_CLOSED',
    );
  });

  it('undoes a card a registration left behind in a task that never completed (found by the fault run)', async () => {
    const person = world.people[9]!;
    const applicationId = await submitApplication(world, { ...person, name: `${person.name}子` });
    await waitForStage(world, applicationId, 'returned');
    // What a registration's local activity writes when its worker dies before the task completes, and the
    // retried task takes a withdrawal first: a card the workflow never heard of.
    const leftover = cardIdFor(applicationId);
    await world.stores.cards.add({
      _id: leftover,
      personKey: personKey(person.residentId, world.keyring.personKeySecret),
      applicationId,
      status: 'pending_print',
      at: new Date(),
    });

    const withdrawn = await withdrawApplication(
      world,
      applicationId,
      'the employee left before correcting the name',
    );

    assert.equal(withdrawn.outcome, 'withdrawn');
    const card = (await world.stores.cards.get(leftover))!;
    assert.equal(card.status, 'cancelled');
    assert.equal(card.cancellation?.reason, 'WITHDRAWN');
  });

  it('while an operator decides on a finding: the decision can no longer be taken', async () => {
    const person = world.people[8]!;
    await world.sims.registerPeople([{ ...person, status: 'deceased' }]);
    const applicationId = await submit(8);
    await waitFor(world, applicationId, (s) => s.awaiting === 'decision', 'the decision');

    const withdrawn = await withdrawApplication(world, applicationId, 'filed in error');

    assert.equal(withdrawn.outcome, 'withdrawn');
    await assertRefused(
      world.client.applications.act(
        review,
        applicationId,
        { decision: 'reject', note: 'deceased' },
        OPERATOR,
      ),
      'ALREADY_CLOSED',
    );
  });

  it('after three failed prints: no order is left to cancel, the card is cancelled', async () => {
    const person = world.people[5]!;
    world.sims.manufacturer.failPrintsFor(person.residentId, 3);
    const applicationId = await submit(5);
    await waitForStage(world, applicationId, 'print_failed');

    const withdrawn = await world.client.applications.act(withdraw, applicationId, CONFIRMED, SUPERVISOR);

    assert.deepEqual(after(withdrawn, 'print_failed'), ['withdrawn']);
    assert.equal(world.sims.manufacturer.behaviour.requests('cancelOrder'), 0);
    const orders = await world.stores.printOrders.forCard(cardIdFor(applicationId));
    assert.deepEqual(
      orders.map((o) => o.status),
      ['failed', 'failed', 'failed'],
    );
    assert.equal((await world.stores.cards.get(cardIdFor(applicationId)))?.status, 'cancelled');
  });
});
