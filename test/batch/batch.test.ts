import { resubmit, review } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import type { Client } from '@temporalio/client';
import type { Duration } from '@temporalio/common';
import type { temporal as proto } from '@temporalio/proto';

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
import type { BatchProgress } from '../../domain/batch-progress';
import type { RecordDoc } from '../../domain/documents/records';
import { batchWorkflowId } from '../../client/batches';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { calendarChangedSignal } from '../../workflows/card-application/messages';
import { DEFAULT_POLICIES } from '../../domain/deadline-policy';
import { skipTime, waitForStage } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, eachTestInItsOwnWorld, OPERATOR, UNIT, type World } from '../support/world';

/**
 * Enough people for several continue-as-new runs at SMALL's sizes (ten pages, two a run), few enough for one test
 * server. The scale itself is the batch benchmark's (npm run bench:batch, 10,000 applicants).
 */
const PEOPLE = 120;
const SMALL = {
  pageSize: 12,
  window: 10,
  pagesPerRun: 2,
  pollEvery: '1 minute',
  maxPollEvery: '6 hours',
  pollsPerRun: 20,
};

/** Every run of the batch workflow, following continue-as-new from the first: its history length and children. */
async function runsOf(
  temporal: Client,
  batchId: string,
): Promise<{ runId: string; events: number; children: number }[]> {
  const runs = [];
  const first = await temporal.workflow.getHandle(batchWorkflowId(batchId)).describe();
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
  while (runId) {
    const history = await temporal.workflow.getHandle(batchWorkflowId(batchId), runId).fetchHistory();
    const events: HistoryEvent[] = history.events ?? [];
    const children = events.filter((e) => e.startChildWorkflowExecutionInitiatedEventAttributes).length;
    runs.push({ runId, events: events.length, children });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/**
 * A batch of the first `size` people whose every application waits for an operator's review, through a window of
 * two pages of 12.
 */
async function reviewedBatchWithWindow(world: World, size: number) {
  const national = DEFAULT_POLICIES.find((p) => p.id === 'national-batch-2019')!;
  await world.stores.policies.upsert({ ...national, reviewSamplingRate: 1 });
  const rows = world.people.slice(0, size).map((p) => ({ ...p }));
  const { batchId } = await world.client.batches.submit({ unitId: UNIT._id, applicants: rows }, CLERK, {
    ...SMALL,
    pageSize: 12,
    inFlight: 24,
    roomEvery: '10 seconds',
  });
  return { batchId, rows };
}

/** Lets the applications work in real time while moving workflow time on in steps, until `done` holds. */
async function driveUntil(
  world: World,
  batchId: string,
  done: (p: BatchProgress) => boolean,
  step: Duration = '1 minute',
  budgetMs = 240_000,
): Promise<BatchProgress> {
  const deadline = Date.now() + budgetMs;
  let last: BatchProgress | undefined;
  while (Date.now() < deadline) {
    last = (await world.client.batches.progress(batchId, OPERATOR).catch(() => undefined)) ?? last;
    if (last && done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await skipTime(world, step);
  }
  const open = await world.db
    .collection('application_records')
    .find({ batchId, stage: { $nin: ['awaiting_collection', 'issued', 'expired', 'returned'] } })
    .project({ _id: 1, stage: 1 })
    .toArray();
  return assert.fail(
    `the batch did not get there: ${JSON.stringify(last?.counts)} ${last?.phase} ${last?.deadline?.sla}; ` +
      `still open: ${JSON.stringify(open.slice(0, 10))}`,
  );
}

describe('batch issuance', () => {
  // Monday 2026-11-02: the 30 working days run to mid-December, clear of holidays and of the year's end.
  const world = eachTestInItsOwnWorld({ people: PEOPLE, startAt: shanghai('2026-11-02 10:00') });

  it('stages, starts and completes a batch of over a hundred, accounting for every row exactly once', async function () {
    this.timeout(600_000);
    const people = world.people;
    // One person already has an application in flight, sporadically.
    await world.client.applications.submit({ unitId: UNIT._id, applicant: people[0] }, CLERK);
    const misspelt = new Set([10, 20, 30, 40]);
    const rows: Record<string, unknown>[] = people.map((p, i) =>
      misspelt.has(i) ? { ...p, name: `${p.name}氏` } : { ...p },
    );
    rows.push({ ...people[5] }, { ...people[6] }); // duplicates inside the batch
    rows.push(
      { ...people[7], residentId: '110101199001011234' },
      { name: '无证' },
      { ...people[8], phone: '12' },
    ); // invalid

    const receipt = await world.client.batches.submit({ unitId: UNIT._id, applicants: rows }, CLERK, SMALL);
    assert.equal(receipt.total, PEOPLE + 5);
    assert.equal(receipt.staged, PEOPLE);
    assert.deepEqual(receipt.duplicates, [
      { rowNo: PEOPLE + 1, duplicateOf: 6 },
      { rowNo: PEOPLE + 2, duplicateOf: 7 },
    ]);
    assert.deepEqual(
      receipt.invalid.map((r) => [r.rowNo, r.code]),
      [
        [PEOPLE + 3, 'RID_CHECKSUM'],
        [PEOPLE + 4, 'VALIDATION_FAILED'],
        [PEOPLE + 5, 'VALIDATION_FAILED'],
      ],
    );

    // The misspelt four come back; the unit corrects two of them, the other two expire.
    const started = await driveUntil(
      world,
      receipt.batchId,
      (p) => p.phase === 'running' && p.counts.byStage.returned === 4,
      '5 seconds',
    );
    assert.equal(started.rows.started, PEOPLE - 1);
    assert.equal(started.rows.inFlightElsewhere, 1);
    const returned = await world.db
      .collection<RecordDoc>('application_records')
      .find({ batchId: receipt.batchId, stage: 'returned' })
      .toArray();
    for (const app of returned.slice(0, 2)) {
      // The record is written within the task that returns the application; the workflow answers once that task
      // is complete. A resubmission sent before would race the task (see docs/fault-runs.md).
      await waitForStage(world, app._id, 'returned');
      const submitted = (await world.stores.applications.get(app._id))!;
      const person = people.find((p) => p.residentId === submitted.applicant.residentId)!;
      await world.client.applications.act(resubmit, app._id, { applicant: person }, CLERK);
      await waitForStage(world, app._id, 'awaiting_collection');
    }
    // Sixteen days pass: the two uncorrected returns expire ten working days after their return (as 17 November
    // begins). A day at a time, each skip a short one, since a long one meets the test server's lock of a batch
    // run that continued as new (support/flow.ts).
    for (let day = 0; day < 16; day++) await skipTime(world, '1 day');
    const done = await driveUntil(world, receipt.batchId, (p) => p.phase === 'notified', '5 seconds');
    assert.equal(done.counts.done, PEOPLE - 1);
    assert.equal(done.counts.byStage.expired, 2);
    assert.equal(done.counts.byStage.awaiting_collection, PEOPLE - 3);
    assert.equal(done.counts.returned, 4);
    assert.deepEqual(done.milestones, ['all_accepted', 'all_notified']);
    assert.equal(done.deadline?.sla, 'met');

    const report = await world.client.batches.report(receipt.batchId, CLERK);
    assert.equal(report.rows.staged, receipt.staged, 'the report counts staged rows as the receipt did');
    assert.equal(report.rows.waitingToStart, 0);
    const accounted =
      report.rows.started + report.rows.inFlightElsewhere + report.rows.invalid + report.rows.duplicates;
    assert.equal(accounted, PEOPLE + 5, 'every row accounted for');
    const statuses = (await world.stores.batches.allRows(receipt.batchId)).map((r) => r.status);
    assert.equal(statuses.length, PEOPLE + 5);
    assert.deepEqual(
      Object.fromEntries(
        ['started', 'in_flight_elsewhere', 'invalid', 'duplicate_in_batch'].map((s) => [
          s,
          statuses.filter((x) => x === s).length,
        ]),
      ),
      { started: PEOPLE - 1, in_flight_elsewhere: 1, invalid: 3, duplicate_in_batch: 2 },
    );
    assert.equal(report.byOutcome.expired, 2);
    assert.equal(
      Object.values(report.workingDaysUsed).reduce((a, b) => a + b, 0),
      PEOPLE - 3,
    );
    assert.equal(await world.stores.applications.countForBatch(receipt.batchId), PEOPLE - 1);
    const notices = await world.sims.notifier.messages.find({ template: /^batch_/ }).toArray();
    assert.deepEqual(notices.map((n) => n.template).sort(), ['batch_all_accepted', 'batch_all_notified']);

    // The batch counts its own runs; the walk along continue-as-new from the first run reads their histories (on
    // the test server under load it was once seen to start from a later run).
    assert.ok(done.runs >= 5, `continued as new ${done.runs - 1} times`);
    const runs = await runsOf(world.temporal, receipt.batchId);
    assert.ok(
      Math.max(...runs.map((r) => r.events)) < 1000,
      `largest run history ${Math.max(...runs.map((r) => r.events))}`,
    );
    assert.equal(
      runs.reduce((n, r) => n + r.children, 0),
      0,
      'applications are not children of the batch',
    );
  });

  it('starts the next page only once it fits among the applications on their way (the sliding window)', async function () {
    this.timeout(300_000);
    // Every application waits for an operator's review: on its way, not done and not back with the unit.
    const { batchId } = await reviewedBatchWithWindow(world, 36);
    const full = await driveUntil(
      world,
      batchId,
      (p) => p.counts.byStage.awaiting_review === 24,
      '5 seconds',
    );
    assert.equal(full.rows.started, 24, 'two pages fill the window');
    for (let i = 0; i < 6; i++) await skipTime(world, '10 seconds');
    const waiting = await world.client.batches.progress(batchId, OPERATOR);
    assert.equal(waiting.rows.started, 24, 'the third page waits while the window is full');
    assert.equal(waiting.phase, 'starting');

    const reviewed = await world.db
      .collection<RecordDoc>('application_records')
      .find({ batchId, stage: 'awaiting_review' })
      .limit(12)
      .toArray();
    for (const { _id } of reviewed)
      await world.client.applications.act(review, _id, { decision: 'approve', note: 'checked' }, OPERATOR);
    const moved = await driveUntil(world, batchId, (p) => p.rows.started === 36, '5 seconds');
    assert.ok(moved.counts.done >= 12, `${moved.counts.done} notified before the third page started`);
  });

  it('counts an application returned, corrected and notified once in the window, not twice', async function () {
    this.timeout(300_000);
    const { batchId, rows } = await reviewedBatchWithWindow(world, 48);
    const row = (applicationId: string) => Number(applicationId.split('R').at(-1));
    const inReview = async () =>
      (
        await world.db
          .collection<RecordDoc>('application_records')
          .find({ batchId, stage: 'awaiting_review' }, { projection: { _id: 1 } })
          .toArray()
      )
        .map((r) => r._id)
        .sort((a, b) => row(a) - row(b));
    await driveUntil(world, batchId, (p) => p.counts.byStage.awaiting_review === 24, '5 seconds');
    // The first page goes back to its unit: with the unit, not on its way, so the third page starts.
    const firstPage = (await inReview()).slice(0, 12);
    for (const id of firstPage)
      await world.client.applications.act(
        review,
        id,
        { decision: 'return', reasons: ['PHONE_MISSING'] },
        OPERATOR,
      );
    await driveUntil(world, batchId, (p) => p.rows.started === 36, '5 seconds');
    // Corrected, the first page passes the audit and is notified: 36 started, 12 done, 24 on their way (the window).
    for (const id of firstPage)
      await world.client.applications.act(resubmit, id, { applicant: rows[row(id) - 1]! }, CLERK);
    const full = await driveUntil(world, batchId, (p) => p.counts.done === 12, '5 seconds');
    assert.equal(full.counts.returned, 12, 'returned once each');
    for (let i = 0; i < 6; i++) await skipTime(world, '10 seconds');
    const waiting = await world.client.batches.progress(batchId, OPERATOR);
    assert.equal(
      waiting.rows.started,
      36,
      'the fourth page waits (up to 0.9.0 the window took the 12 corrected ones away twice)',
    );

    for (const id of (await inReview()).slice(0, 12))
      await world.client.applications.act(review, id, { decision: 'approve' }, OPERATOR);
    await driveUntil(world, batchId, (p) => p.rows.started === 48, '5 seconds');
  });

  it('warns the unit and escalates the batch deadline, listing the applications that hold it back', async function () {
    this.timeout(300_000);
    const { phone: _p, ...noPhone } = world.people[3]!;
    const rows = [world.people[0], world.people[1], world.people[2], noPhone];
    const receipt = await world.client.batches.submit({ unitId: UNIT._id, applicants: rows }, CLERK, SMALL);
    const stuck = `A${receipt.batchId.slice(1)}R4`;
    await waitForStage(world, stuck, 'awaiting_review');
    // Straight to each alarm: the batch's clock wakes it there, whatever it polls meanwhile.
    const { deadline } = await driveUntil(world, receipt.batchId, (p) => p.counts.done === 3, '1 minute');
    const justAfter = async (at: string) => Date.parse(at) - (await world.env.currentTimeMs()) + 60_000;
    await skipTime(world, await justAfter(deadline!.warnAt));
    const warned = await driveUntil(world, receipt.batchId, (p) => p.deadline?.sla === 'warning', '1 minute');
    assert.ok(warned.milestones.includes('deadline_warning'));
    await skipTime(world, await justAfter(deadline!.dueAt));
    const breached = await driveUntil(
      world,
      receipt.batchId,
      (p) => p.deadline?.sla === 'breached',
      '1 minute',
    );
    assert.equal(breached.counts.done, 3);
    const escalations = await world.stores.escalations.forBatch(receipt.batchId);
    assert.deepEqual(
      escalations.filter((e) => e.kind.startsWith('batch_')).map((e) => e.kind),
      ['batch_deadline_warning', 'batch_deadline_breach'],
    );
    assert.deepEqual(escalations.find((e) => e.kind === 'batch_deadline_breach')?.laggards, [stuck]);
    const unitNotices = await world.sims.notifier.messages
      .find({ template: 'batch_deadline_near' })
      .toArray();
    assert.equal(unitNotices.length, 1);

    await world.client.applications.act(review, stuck, { decision: 'approve' }, OPERATOR);
    // The batch polls less and less while nothing moves, up to every 6 hours.
    const done = await driveUntil(world, receipt.batchId, (p) => p.phase === 'notified', '1 hour');
    assert.equal(done.deadline?.sla, 'met_late');
  });

  it('a published holiday moves the batch deadline as it moves its applications’', async function () {
    this.timeout(120_000);
    const { photoId: _p, ...noPhoto } = world.people[5]!;
    const receipt = await world.client.batches.submit(
      { unitId: UNIT._id, applicants: [noPhoto] },
      CLERK,
      SMALL,
    );
    const held = `A${receipt.batchId.slice(1)}R1`;
    await waitForStage(world, held, 'awaiting_review');
    const before = await world.client.batches.progress(receipt.batchId, OPERATOR);
    const dueBefore = before.deadline!.dueAt;
    // The batch's last counted day becomes a holiday.
    const lastCounted = shanghaiDate(new Date(Date.parse(dueBefore) - 1));
    const year = Number(lastCounted.slice(0, 4));
    const stored = (await world.stores.calendar.listYears()).find((y) => y.year === year)!;
    await world.stores.calendar.publishYear(
      { year, holidays: [...stored.holidays, lastCounted].sort(), workdays: stored.workdays },
      'test-admin',
    );
    for (const workflowId of [
      batchWorkflowId(receipt.batchId),
      (await world.stores.applications.get(held))!.workflowId,
    ])
      await world.temporal.workflow.getHandle(workflowId).signal(calendarChangedSignal, { revision: 2 });

    const moved = await driveUntil(
      world,
      receipt.batchId,
      (p) => p.deadline!.dueAt !== dueBefore,
      '1 second',
    );
    assert.ok(Date.parse(moved.deadline!.dueAt) > Date.parse(dueBefore));
    const app = await world.client.applications.status(held, OPERATOR);
    assert.equal(moved.deadline!.dueAt, app.deadline!.dueAt, 'the batch and its application agree');
  });
});
