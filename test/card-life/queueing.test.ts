// A card's process with the registry, the bank and the SMS stubbed: requests are worked one at a time in a fixed
// order of calls, a temporary report lapses on its own, a card the registry no longer has in use ends the process,
// and a cancellation freezes the card at the bank before the registry ends it. The same requests with the real
// parties are in loss-reports.test.ts and cancellation.test.ts.
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { cardLifeWorkflowId, type CardLifeStatus } from '../../domain/card-life';
import { uniqueName } from '../setup/servers';
import { assertUpdateRefused, stubbedActivitiesPerSuite, type StubbedWorld } from '../support/stubbed';
import { skipTime } from '../support/flow';
import { OPERATOR, SUPERVISOR } from '../support/world';

const TEMPORARY = { kind: 'temporary', channel: 'phone', actor: OPERATOR } as const;

describe("a card's process, one request at a time (parties stubbed)", () => {
  const withStubs = stubbedActivitiesPerSuite();

  /** The registry, the bank and the SMS as a card in use meets them; a temporary report lapses in two days. */
  const cardParties = (world: () => StubbedWorld) => ({
    temporaryLossLapse: async () =>
      new Date((await world().env.currentTimeMs()) + 2 * 86_400_000).toISOString(),
    recordCardLoss: () => Promise.resolve(),
    cancelCardInUse: () => Promise.resolve(),
    setFinancialFunction: ({ state }: { state: 'active' | 'frozen' }) => Promise.resolve({ state }),
    notifyCardHolder: () => Promise.resolve(),
  });

  /** The card's process, started as the client starts it: from the card as the registry has it. */
  async function startCard(temporal: Client, taskQueue: string) {
    const cardId = `C${uniqueName('card').replace(/-/g, '')}`;
    return temporal.workflow.start('cardLife', {
      workflowId: cardLifeWorkflowId(cardId),
      taskQueue,
      args: [{ cardId, status: 'issued' }],
    });
  }

  it('a temporary report: the lapse is derived, the bank freezes, the registry records, the holder is told; at the lapse the reverse, and the run ends', async () => {
    const world: StubbedWorld = await withStubs(cardParties(() => world));
    const handle = await startCard(world.temporal, world.taskQueue);
    const reported = await handle.executeUpdate<CardLifeStatus, [unknown]>('reportLoss', {
      args: [TEMPORARY],
    });
    assert.equal(reported.status, 'suspended');
    assert.deepEqual(world.steps(), [
      'temporaryLossLapse',
      'setFinancialFunction',
      'recordCardLoss',
      'notifyCardHolder',
    ]);

    await skipTime(world, '2 days');
    const ended = (await handle.result()) as CardLifeStatus;
    assert.equal(ended.status, 'issued');
    assert.deepEqual(
      ended.events.map((e) => e.event),
      ['loss_reported', 'loss_lapsed'],
    );
    assert.deepEqual(world.steps().slice(4), ['recordCardLoss', 'setFinancialFunction', 'notifyCardHolder']);
    assert.deepEqual(
      world.calls
        .filter((c) => c.name === 'setFinancialFunction')
        .map((c) => (c.input as { state: string }).state),
      ['frozen', 'active'],
    );
  });

  it('a request that arrives while another is worked is refused as busy, and changes nothing', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const world: StubbedWorld = await withStubs({
      ...cardParties(() => world),
      recordCardLoss: () => released,
    });
    const handle = await startCard(world.temporal, world.taskQueue);
    const first = handle.executeUpdate<CardLifeStatus, [unknown]>('reportLoss', { args: [TEMPORARY] });
    while (!world.steps().includes('recordCardLoss')) await new Promise((resolve) => setTimeout(resolve, 20));

    await assertUpdateRefused(
      handle.executeUpdate('liftLoss', { args: [{ actor: OPERATOR }] }),
      'APPLICATION_BUSY',
    );
    release();
    assert.equal((await first).status, 'suspended');
    assert.equal(world.steps().filter((n) => n === 'recordCardLoss').length, 1);
    // Taken once the first is done.
    const lifted = await handle.executeUpdate<CardLifeStatus, [unknown]>('liftLoss', {
      args: [{ actor: OPERATOR }],
    });
    assert.equal(lifted.status, 'issued');
  });

  it('a card the registry no longer has in use ends the process: the request is refused with the registry’s code', async () => {
    const world: StubbedWorld = await withStubs({
      ...cardParties(() => world),
      recordCardLoss: () =>
        Promise.reject(ApplicationFailure.nonRetryable('replaced meanwhile', 'CARD_NOT_IN_USE')),
    });
    const handle = await startCard(world.temporal, world.taskQueue);
    await assertUpdateRefused(handle.executeUpdate('reportLoss', { args: [TEMPORARY] }), 'CARD_NOT_IN_USE');
    const ended = (await handle.result()) as CardLifeStatus;
    assert.equal(ended.status, 'issued', 'the process ends as the card stood');
    assert.ok(!world.steps().includes('notifyCardHolder'), 'the holder is told nothing');
  });

  it('cancelled for good: the bank freezes the card before the registry cancels it, nobody is told, and the run ends', async () => {
    const world: StubbedWorld = await withStubs(cardParties(() => world));
    const handle = await startCard(world.temporal, world.taskQueue);
    await assertUpdateRefused(
      handle.executeUpdate('cancelCard', { args: [{ reason: 'EMIGRATED', actor: OPERATOR }] }),
      'ROLE_NOT_ALLOWED',
    );
    const cancelled = await handle.executeUpdate<CardLifeStatus, [unknown]>('cancelCard', {
      args: [{ reason: 'EMIGRATED', note: 'moved abroad', actor: SUPERVISOR }],
    });
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(world.steps(), ['setFinancialFunction', 'cancelCardInUse']);
    assert.equal(((await handle.result()) as CardLifeStatus).status, 'cancelled');
  });
});
