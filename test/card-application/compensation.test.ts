// The order of a withdrawal's undoing, with the parties stubbed: what was done to others is undone in reverse (the
// bank's account, the factory's order, the registry's card and the earlier card it gives back), then the people are
// told; an undoing that cannot succeed is written down and sent to the supervisors, and the rest still runs. What
// each undoing does at the party is tested with the real parties in withdrawal.test.ts.
import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import type { WithdrawRequest } from '../../domain/messages';
import type { ApplicationStatus } from '../../domain/status';
import { printReportSignal, withdrawUpdate } from '../../workflows/card-application/messages';
import {
  agreeingParties,
  assertUpdateRefused,
  type Call,
  printReport,
  stubbedActivitiesPerSuite,
  type Stubs,
  type StubbedWorld,
  timeline,
  until,
} from '../support/stubbed';
import { CLERK, SUPERVISOR } from '../support/world';

const CONFIRMED: WithdrawRequest = {
  reason: 'the person moved to another province',
  supervisorConfirmed: true,
  actor: SUPERVISOR,
};

/** The calls made after the first call of `name`. */
const after = (world: StubbedWorld, name: Call['name']) => {
  const steps = world.steps();
  return steps.slice(steps.indexOf(name) + 1);
};
/** Withdraws, and waits for the outcome, which comes once every undoing is done. */
async function withdraw(
  handle: Parameters<typeof until>[0],
  request = CONFIRMED,
): Promise<ApplicationStatus> {
  await handle.executeUpdate(withdrawUpdate, { args: [request] });
  return until(handle, (s) => s.outcome === 'withdrawn', 'the withdrawal');
}
const inputOf = <T>(world: StubbedWorld, name: Call['name']) =>
  world.calls.find((c) => c.name === name)?.input as T;

describe("a withdrawal's undoing, in order (parties stubbed)", () => {
  const withStubs = stubbedActivitiesPerSuite();

  /** An application run to the notice that its card is ready, every party agreeing but as `stubs` says. */
  async function toTheNotice(stubs: Stubs) {
    const world: StubbedWorld = await withStubs({ ...agreeingParties(() => world.temporal), ...stubs });
    const handle = await world.startApplication();
    const notified = await until(handle, (s) => s.stage === 'awaiting_collection', 'the notice');
    return { world, handle, notified };
  }

  it('after the person was told: the account closes, the registry gives the earlier card back, then the people are told', async () => {
    const { world, handle } = await toTheNotice({
      withdrawApplication: () => Promise.resolve({ restored: [{ cardId: 'COLD-1', status: 'issued' }] }),
    });

    const withdrawn = await withdraw(handle);

    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.deepEqual(after(world, 'notifyIssuance'), [
      'closeBankAccount',
      'withdrawApplication',
      'notifyWithdrawal',
      'notifyPreviousCardRestored',
    ]);
    assert.equal(inputOf<{ tellPerson: boolean }>(world, 'notifyWithdrawal').tellPerson, true);
    assert.deepEqual(inputOf<{ cardIds: string[] }>(world, 'notifyPreviousCardRestored').cardIds, ['COLD-1']);
    const steps = timeline(withdrawn);
    assert.deepEqual(steps.slice(steps.indexOf('awaiting_collection') + 1), [
      'bank_account_closed',
      'previous_card_restored',
      'withdrawn',
    ]);
    assert.equal(withdrawn.deadline?.paused, false);
  });

  it('while printing: the order is cancelled before the registry, the bank is not called, only the unit is told', async () => {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(
        () => world.temporal,
        () => undefined,
      ),
    });
    const handle = await world.startApplication();
    await until(
      handle,
      (s) => s.stage === 'printing' && world.steps().includes('placePrintOrder'),
      'the order',
    );

    const withdrawn = await withdraw(handle);

    assert.deepEqual(after(world, 'placePrintOrder'), [
      'cancelPrintOrder',
      'withdrawApplication',
      'notifyWithdrawal',
    ]);
    assert.equal(inputOf<{ tellPerson: boolean }>(world, 'notifyWithdrawal').tellPerson, false);
    const steps = timeline(withdrawn);
    assert.deepEqual(steps.slice(steps.lastIndexOf('printing') + 1), ['print_order_cancelled', 'withdrawn']);
  });

  it('the factory finished first: the withdrawal waits for its report and settles the order by it', async () => {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(
        () => world.temporal,
        () => undefined,
      ),
      cancelPrintOrder: () => Promise.resolve({ cancelled: false }),
    });
    const handle = await world.startApplication();
    await until(
      handle,
      (s) => s.stage === 'printing' && world.steps().includes('placePrintOrder'),
      'the order',
    );
    const orderId = inputOf<{ orderId: string }>(world, 'placePrintOrder').orderId;

    await handle.executeUpdate(withdrawUpdate, { args: [CONFIRMED] });
    await until(handle, () => world.steps().includes('cancelPrintOrder'), 'the refused cancellation');
    await handle.signal(printReportSignal, printReport(orderId));
    const withdrawn = await until(handle, (s) => s.outcome === 'withdrawn', 'the withdrawal');

    const steps = timeline(withdrawn);
    assert.deepEqual(steps.slice(steps.lastIndexOf('printing') + 1), ['print_reported_late', 'withdrawn']);
    assert.deepEqual(after(world, 'cancelPrintOrder'), ['withdrawApplication', 'notifyWithdrawal']);
  });

  it('an undoing no retry can change is written down and sent to the supervisors, and the rest still runs', async () => {
    const { world, handle } = await toTheNotice({
      closeBankAccount: () =>
        Promise.reject(ApplicationFailure.nonRetryable('the bank does not know the card', 'CARD_NOT_FOUND')),
    });

    const withdrawn = await withdraw(handle);

    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.deepEqual(after(world, 'notifyIssuance'), [
      'closeBankAccount',
      'escalate',
      'withdrawApplication',
      'notifyWithdrawal',
    ]);
    assert.equal(inputOf<{ kind: string }>(world, 'escalate').kind, 'compensation_failed_bank');
    const failed = withdrawn.history.find((h) => h.action === 'compensation_failed');
    assert.equal(failed?.note, 'bank: CARD_NOT_FOUND');
    assert.deepEqual(
      withdrawn.escalations.map((e) => e.kind),
      ['compensation_failed_bank'],
    );
  });

  it('an earlier card the registration froze pays again once the registry gives it back, and the person is told so', async () => {
    const { world, handle, notified } = await toTheNotice({
      registerCard: ({ applicationId }) =>
        Promise.resolve({
          cardId: `C${applicationId.slice(1)}`,
          cancelled: [
            {
              cardId: 'COLD-2',
              previousStatus: 'issued',
              reason: 'REPLACED_BY_NEW_CARD',
              financialFunction: 'active',
            },
          ],
        }),
      withdrawApplication: () => Promise.resolve({ restored: [{ cardId: 'COLD-2', status: 'issued' }] }),
    });
    const frozen = timeline(notified);
    assert.deepEqual(frozen.slice(frozen.indexOf('registering'), frozen.indexOf('printing')), [
      'registering',
      'previous_card_cancelled',
      'previous_card_frozen',
    ]);

    const withdrawn = await withdraw(handle);

    assert.deepEqual(after(world, 'notifyIssuance'), [
      'closeBankAccount',
      'withdrawApplication',
      'setFinancialFunction',
      'notifyWithdrawal',
      'notifyPreviousCardRestored',
    ]);
    const bankCalls = world.calls
      .filter((c) => c.name === 'setFinancialFunction')
      .map((c) => c.input as { cardId: string; state: string; requestKey: string });
    const { applicationId } = withdrawn;
    assert.deepEqual(bankCalls, [
      { cardId: 'COLD-2', state: 'frozen', requestKey: `${applicationId}:previous-card-freeze:COLD-2` },
      { cardId: 'COLD-2', state: 'active', requestKey: `${applicationId}:previous-card-unfreeze:COLD-2` },
    ]);
    assert.deepEqual(inputOf<{ activeAgain?: string[] }>(world, 'notifyPreviousCardRestored').activeAgain, [
      'COLD-2',
    ]);
    assert.ok(timeline(withdrawn).includes('previous_card_unfrozen'));
  });

  it('while the bank opens the account: the opening runs to its end, then the account is closed again', async () => {
    let opened = false;
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(() => world.temporal),
      openBankAccount: async () => {
        await new Promise((resolve) => setTimeout(resolve, 500));
        opened = true;
        return { opened: 'new' };
      },
    });
    const handle = await world.startApplication();
    await until(handle, () => world.steps().includes('openBankAccount'), 'the opening');

    const withdrawn = await withdraw(handle);

    assert.equal(withdrawn.outcome, 'withdrawn');
    assert.ok(opened, 'the opening ran to its end');
    assert.deepEqual(after(world, 'openBankAccount'), [
      'closeBankAccount',
      'withdrawApplication',
      'notifyWithdrawal',
    ]);
    assert.equal(inputOf<{ tellPerson: boolean }>(world, 'notifyWithdrawal').tellPerson, false);
  });

  it('a unit clerk may not withdraw once printing has started; a supervisor must confirm', async () => {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(
        () => world.temporal,
        () => undefined,
      ),
    });
    const handle = await world.startApplication();
    await until(handle, (s) => s.stage === 'printing', 'printing');
    for (const request of [
      { reason: 'changed mind', supervisorConfirmed: false, actor: CLERK },
      { reason: 'changed mind', supervisorConfirmed: false, actor: SUPERVISOR },
    ]) {
      await assertUpdateRefused(
        handle.executeUpdate(withdrawUpdate, { args: [request] }),
        'WITHDRAW_NEEDS_SUPERVISOR',
      );
    }
    assert.equal((await until(handle, () => true, 'the status')).stage, 'printing');
    assert.ok(!world.steps().includes('withdrawApplication'));
  });
});
