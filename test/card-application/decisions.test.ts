// The decisions people take while an application runs, with the parties stubbed: the four-eyes override of the
// comparison's findings, a return that stops the clock and a resubmission that starts it again with the days that
// were left, a return that expires, reminders of a review left waiting, and a reprint a person must order. The same
// situations with the real parties are in findings.test.ts, returns.test.ts and registry-and-partners.test.ts.
import assert from 'node:assert/strict';
import type { Actor } from '../../domain/actors';
import type { ReturnReason } from '../../domain/application';
import { reprintUpdate, resubmitUpdate, reviewUpdate } from '../../workflows/card-application/messages';
import {
  agreeingParties,
  assertUpdateRefused,
  printReport,
  stubbedActivitiesPerSuite,
  type StubbedWorld,
  timeline,
  until,
} from '../support/stubbed';
import { skipTime } from '../support/flow';
import { CLERK, OPERATOR, SUPERVISOR } from '../support/world';

const OTHER_SUPERVISOR: Actor = { role: 'supervisor', id: 'sup-02' };

describe('decisions on an application (parties stubbed)', () => {
  const withStubs = stubbedActivitiesPerSuite();

  /** The bank's comparison finds `findings` for the first revision, nothing for later ones. */
  const comparing = (findings: ReturnReason[]) => ({
    compareIdentity: ({ revision }: { revision: number }) =>
      Promise.resolve({ findings: revision === 1 ? findings : [] }),
  });

  /** An application every party agrees with but the bank's comparison, which finds `findings` at first. */
  async function startedWithFindings(findings: ReturnReason[]) {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(() => world.temporal),
      ...comparing(findings),
    });
    return { world, handle: await world.startApplication() };
  }

  it('findings the unit cannot fix: an override goes on only once a second supervisor confirms it', async () => {
    const { world, handle } = await startedWithFindings(['BANK_RECORD_CONFLICT']);
    await until(handle, (s) => s.awaiting === 'decision', 'a decision');
    const review = (decision: 'approve' | 'override', actor: Actor) =>
      handle.executeUpdate(reviewUpdate, { args: [{ decision, reasons: [], note: 'checked', actor }] });

    await assertUpdateRefused(review('approve', OPERATOR), 'DECISION_NOT_ALLOWED');
    const proposed = await review('override', SUPERVISOR);
    assert.equal(proposed.awaiting, 'confirmation');
    await assertUpdateRefused(review('override', OPERATOR), 'ROLE_NOT_ALLOWED');
    await assertUpdateRefused(review('override', SUPERVISOR), 'FOUR_EYES_REQUIRED');
    assert.ok(!world.steps().includes('registerCard'), 'nothing registered before the confirmation');

    await review('override', OTHER_SUPERVISOR);
    const done = await until(handle, (s) => s.stage === 'awaiting_collection', 'the notice');
    const actions = done.history.filter((h) => h.action).map((h) => `${h.action}:${h.actor.id}`);
    assert.deepEqual(
      actions.filter((a) => a.startsWith('override')),
      [`override_proposed:${SUPERVISOR.id}`, `override_confirmed:${OTHER_SUPERVISOR.id}`],
    );
  });

  it('a rejected finding closes the application and tells the unit, with nothing registered', async () => {
    const { world, handle } = await startedWithFindings(['DECEASED']);
    await until(handle, (s) => s.awaiting === 'decision', 'a decision');
    await assertUpdateRefused(
      handle.executeUpdate(reviewUpdate, { args: [{ decision: 'reject', reasons: [], actor: OPERATOR }] }),
      'VALIDATION_FAILED',
    );
    await handle.executeUpdate(reviewUpdate, {
      args: [{ decision: 'reject', reasons: [], note: 'death certificate on file', actor: OPERATOR }],
    });
    const closed = await until(handle, (s) => s.outcome === 'rejected', 'the rejection');
    assert.equal(closed.history.at(-1)?.actor.id, OPERATOR.id);
    assert.deepEqual(
      world.calls.filter((c) => c.name === 'notifyUnit').map((c) => (c.input as { kind: string }).kind),
      ['rejected'],
    );
    assert.ok(!world.steps().includes('registerCard'));
  });

  it('a return stops the clock; the resubmission starts it again with the days that were left', async () => {
    const { world, handle } = await startedWithFindings(['NAME_MISMATCH']);
    const returned = await until(handle, (s) => s.stage === 'returned', 'the return');
    assert.deepEqual(returned.returns[0]?.reasons, ['NAME_MISMATCH']);
    assert.equal(returned.deadline?.paused, true);
    const left = returned.deadline.workingDaysLeft;

    await skipTime(world, '6 days');
    const held = await until(handle, () => true, 'the status');
    assert.equal(held.deadline?.workingDaysLeft, left, 'no working day is used while the unit holds it');
    assert.equal(held.deadline?.dueAt, returned.deadline?.dueAt);

    const resumed = await handle.executeUpdate(resubmitUpdate, { args: [{ revision: 2, actor: CLERK }] });
    assert.equal(resumed.deadline?.paused, false);
    assert.equal(resumed.deadline?.workingDaysLeft, left);
    assert.ok(
      Date.parse(resumed.deadline.dueAt) > Date.parse(returned.deadline.dueAt),
      'the deadline moved by the working days held',
    );
    const done = await until(handle, (s) => s.stage === 'awaiting_collection', 'the notice');
    assert.equal(done.returns[0]?.resubmittedAt !== undefined, true);
    assert.deepEqual(
      world.calls
        .filter((c) => c.name === 'compareIdentity')
        .map((c) => (c.input as { revision: number }).revision),
      [1, 2],
    );
  });

  it('a return left unanswered expires after the policy’s working days, and the unit is told', async () => {
    const { world, handle } = await startedWithFindings(['NAME_MISMATCH']);
    await until(handle, (s) => s.stage === 'returned', 'the return');
    await skipTime(world, '8 days');
    assert.equal((await until(handle, () => true, 'the status')).stage, 'returned', 'not yet');
    await skipTime(world, '14 days');
    const expired = await until(handle, (s) => s.outcome === 'expired', 'the expiry');
    assert.equal(expired.stage, 'expired');
    assert.deepEqual(
      world.calls.filter((c) => c.name === 'notifyUnit').map((c) => (c.input as { kind: string }).kind),
      ['returned', 'expired'],
    );
  });

  it('a review left waiting reminds the staff once a day', async () => {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(() => world.temporal),
      acceptApplication: async (input) => ({
        ...(await agreeingParties(() => world.temporal).acceptApplication!(input)),
        flags: ['PHOTO_MISSING'],
      }),
    });
    const handle = await world.startApplication();
    await until(handle, (s) => s.awaiting === 'review', 'the review');
    await assertUpdateRefused(
      handle.executeUpdate(reviewUpdate, { args: [{ decision: 'approve', reasons: [], actor: OPERATOR }] }),
      'FLAG_BLOCKS_APPROVAL',
    );
    await skipTime(world, '2 days');
    await until(handle, () => world.steps().filter((n) => n === 'notifyStaff').length >= 2, 'two reminders');
    assert.deepEqual(
      world.calls
        .filter((c) => c.name === 'notifyStaff')
        .map((c) => (c.input as { occurrence: number }).occurrence)
        .slice(0, 2),
      [1, 2],
    );
  });

  it('three failed prints wait for a person to order the next attempt, which prints', async () => {
    const world: StubbedWorld = await withStubs({
      ...agreeingParties(
        () => world.temporal,
        (orderId) => printReport(orderId, /-P[4-9]$/.test(orderId)),
      ),
    });
    const handle = await world.startApplication();
    const stuck = await until(handle, (s) => s.stage === 'print_failed', 'the third failure');
    assert.equal(stuck.awaiting, 'reprint_order');
    assert.equal(stuck.printAttempts, 3);
    assert.deepEqual(
      stuck.escalations.map((e) => e.kind),
      ['print_failed'],
    );
    await handle.executeUpdate(reprintUpdate, { args: [{ note: 'photo re-scanned', actor: SUPERVISOR }] });
    const done = await until(handle, (s) => s.stage === 'awaiting_collection', 'the notice');
    assert.equal(done.printAttempts, 4);
    assert.deepEqual(
      timeline(done).filter((a) => a.startsWith('print')),
      [
        'printing',
        'print_failed',
        'printing',
        'print_failed',
        'printing',
        'print_failed',
        'print_failed',
        'printing',
        'printed',
      ],
    );
  });
});
