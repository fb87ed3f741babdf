// One batch: has its staged applicants started page by page (never receiving the list itself: one activity per
// page starts that page's card applications in bounded windows, as workflows of their own), then watches the
// batch deadline until every application has reached its issuance notification. It continues as new long
// before its history grows large, and has no children, so no run ever holds pending children or more than a
// few thousand events.
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  upsertSearchAttributes,
  setCurrentDetails,
  workflowInfo,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import { msToNumber } from '@temporalio/common/lib/time';
import { type Actor, SYSTEM } from '../../domain/actors';
import { type BatchInput } from '../../domain/batch';
import { shanghaiDateTime } from '../../domain/calendar/shanghai-time';
import { type BatchProgress, emptyCounts } from '../../domain/batch-progress';
import {
  type ClockAlarm,
  type ClockState,
  fireAlarm,
  nextAlarmAt,
  refreshRequest,
  startClock,
  startRequest,
  stopClock,
  withFacts,
} from '../../domain/clock';
import { database, partners, records, starter } from '../proxies';
import { SA } from '../search-attributes';
import { calendarChangedSignal } from '../card-application/messages';
import { batchProgressQuery } from './messages';
import { isNotEncrypted } from '../../domain/payloads';
import { refuse } from '../refuse';
import { PATCHES } from '../patches';

/** Continue as new well before Temporal's limits (50K events / 50 MB) come near. */
const MAX_EVENTS_PER_RUN = 4000;
const LAGGARDS_LISTED = 50;

interface BatchCarry {
  progress: BatchProgress;
  nextPage: number;
  pages: number;
  acceptedAt: string;
  /** The batch's own deadline clock: the same rules as its applications', never paused. */
  clock: ClockState;
  submittedBy: Actor;
  submittedAt: string;
  /** Current progress poll interval, backing off while nothing changes. */
  pollMs?: number;
  /** A calendar year was published since the deadline was last derived (carried across runs, never lost). */
  calendarChanged?: boolean;
}

function publish(carry: BatchCarry): void {
  const { progress } = carry;
  const percent =
    progress.rows.started === 0 ? 0 : Math.round((1000 * progress.counts.done) / progress.rows.started) / 10;
  upsertSearchAttributes([
    { key: SA.stage, value: progress.phase },
    { key: SA.sla, value: progress.deadline?.sla ?? 'on_track' },
    { key: SA.deadline, value: new Date(carry.clock.facts.dueAt) },
    { key: SA.applicants, value: progress.rows.total },
    { key: SA.completed, value: progress.counts.done },
    { key: SA.progress, value: percent },
    { key: SA.escalated, value: progress.deadline?.sla === 'breached' },
  ]);
  const stages = Object.entries(progress.counts.byStage)
    .map(([stage, n]) => `${stage} ${n}`)
    .join(' · ');
  setCurrentDetails(
    [
      `**Phase:** ${progress.phase} · run ${progress.runs}`,
      `**Rows:** ${progress.rows.total} submitted · ${progress.rows.started} started · ${progress.rows.invalid} invalid · ` +
        `${progress.rows.duplicates} duplicates · ${progress.rows.inFlightElsewhere} in flight elsewhere`,
      `**Notified:** ${progress.counts.done} of ${progress.rows.started} (${percent}%) · returned ${progress.counts.returned} · breached ${progress.counts.breached}`,
      `**Deadline:** ${shanghaiDateTime(new Date(carry.clock.facts.dueAt))} Asia/Shanghai · ${progress.deadline?.sla ?? 'on_track'}`,
      stages ? `**By stage:** ${stages}` : '',
    ]
      .filter(Boolean)
      .join('  \n'),
  );
}

async function startPage(input: BatchInput, carry: BatchCarry, page: number): Promise<void> {
  const { started, inFlightElsewhere } = await starter.startBatchPage({
    batchId: input.batchId,
    page,
    window: input.tuning.window,
    application: {
      unitId: input.unitId,
      region: input.region,
      mode: 'batch',
      batch: { batchId: input.batchId, acceptedAt: carry.acceptedAt },
      submittedBy: carry.submittedBy,
      submittedAt: carry.submittedAt,
    },
  });
  carry.progress.rows.started += started;
  carry.progress.rows.inFlightElsewhere += inFlightElsewhere;
}

/**
 * Applications started and still on their way: not notified or closed, nor waiting for their unit. Up to 0.9.0 the
 * window took away every application ever returned (`counts.returned`), so one returned, corrected and notified was
 * taken away twice and the window let that many more start.
 */
const onTheirWay = ({ rows, counts }: BatchProgress, eachOnce: boolean): number =>
  rows.started - counts.done - (eachOnce ? (counts.byStage.returned ?? 0) : counts.returned);

/**
 * The sliding window: waits until the next page fits among the applications on their way, reading the counts from
 * the records meanwhile (the deadline is watched as in the main poll). Batches started before 0.8.0 carry no window
 * (`inFlight`) and start every page at once, as they did: only new input opens this path, so it needs no patch.
 */
async function makeRoom(
  input: BatchInput,
  carry: BatchCarry,
  eachOnce: boolean,
  timeToMove: () => boolean,
  moveOn: () => Promise<never>,
): Promise<void> {
  const { inFlight, roomEvery, pageSize } = input.tuning;
  if (inFlight === undefined || roomEvery === undefined) return;
  // A page larger than the window starts alone, once nothing else is on its way.
  const onWay = () => onTheirWay(carry.progress, eachOnce);
  const full = () => onWay() > 0 && onWay() + pageSize > inFlight;
  while (full()) {
    if (timeToMove()) await moveOn();
    await condition(() => carry.calendarChanged === true, msToNumber(roomEvery as Duration));
    carry.progress.counts = await database.summarizeBatch({
      batchId: input.batchId,
      started: carry.progress.rows.started,
    });
    await watchDeadline(input, carry);
    publish(carry);
  }
}

async function escalateBatch(input: BatchInput, carry: BatchCarry, kind: ClockAlarm): Promise<void> {
  const laggards = await database.batchLaggards({ batchId: input.batchId, limit: LAGGARDS_LISTED });
  const at = new Date().toISOString();
  await partners.escalate({
    batchId: input.batchId,
    kind: `batch_${kind}`,
    occurrence: 1,
    dueAt: carry.clock.facts.dueAt,
    actor: SYSTEM,
    at,
    laggards: laggards.sample,
  });
  if (kind === 'deadline_warning') {
    await partners.notifyBatchUnit({
      batchId: input.batchId,
      milestone: 'deadline_near',
      at,
      params: { pending: String(laggards.total), dueAt: carry.clock.facts.dueAt },
    });
  }
  carry.progress.milestones.push(kind);
}

async function milestone(input: BatchInput, carry: BatchCarry, name: string): Promise<void> {
  if (carry.progress.milestones.includes(name)) return;
  await partners.notifyBatchUnit({ batchId: input.batchId, milestone: name, at: new Date().toISOString() });
  carry.progress.milestones.push(name);
}

/** The query's view of the batch clock. */
function showDeadline(carry: BatchCarry): void {
  const { facts, sla } = carry.clock;
  carry.progress.deadline = {
    dueAt: facts.dueAt,
    warnAt: facts.warnAt,
    sla: sla === 'paused' ? 'on_track' : sla,
    provisional: facts.provisional,
  };
}

/** Once an alarm is due: derives the deadline again from the calendar as it is now, then warns or escalates once each. */
async function watchDeadline(input: BatchInput, carry: BatchCarry): Promise<void> {
  const alarmAt = nextAlarmAt(carry.clock);
  const now = new Date();
  if (carry.calendarChanged) {
    // A published year may move the deadline: derived again from the calendar as stored now, like an application's.
    carry.calendarChanged = false;
    const facts = await records.computeDeadline({ ...refreshRequest(carry.clock), fresh: true });
    carry.clock = withFacts(carry.clock, facts);
    showDeadline(carry);
  } else if (!alarmAt || now.getTime() < Date.parse(carry.clock.facts.warnAt)) {
    return;
  } else {
    carry.clock = withFacts(carry.clock, await records.computeDeadline(refreshRequest(carry.clock)));
    showDeadline(carry);
  }
  for (let next = fireAlarm(carry.clock, now); next; next = fireAlarm(carry.clock, now)) {
    carry.clock = next.clock;
    showDeadline(carry);
    await escalateBatch(input, carry, next.alarm);
  }
}

export async function cardBatch(input: BatchInput, carried?: BatchCarry): Promise<BatchProgress> {
  if (isNotEncrypted(input)) refuse('PAYLOAD_NOT_ENCRYPTED');
  // Asked first, so that its marker lies in the run's first task, before any local activity (docs/fault-runs.md).
  const eachOnce = patched(PATCHES.windowCountsEachApplicationOnce.id);
  const carry = carried ?? (await begin(input));
  carry.progress.runs += 1;
  setHandler(batchProgressQuery, () => carry.progress);
  setHandler(calendarChangedSignal, () => void (carry.calendarChanged = true));
  publish(carry);
  const timeToMove = (): boolean =>
    workflowInfo().historyLength > MAX_EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested;
  const moveOn = async (): Promise<never> => {
    await condition(allHandlersFinished);
    return continueAsNew<typeof cardBatch>(input, carry);
  };

  for (let pagesThisRun = 0; carry.nextPage < carry.pages; pagesThisRun++) {
    if (pagesThisRun >= input.tuning.pagesPerRun || timeToMove()) await moveOn();
    await makeRoom(input, carry, eachOnce, timeToMove, moveOn);
    await startPage(input, carry, carry.nextPage);
    carry.nextPage += 1;
    publish(carry);
  }
  if (carry.progress.phase === 'starting') {
    carry.progress.phase = 'running';
    publish(carry);
  }

  const fastest = msToNumber(input.tuning.pollEvery as Duration);
  const slowest = Math.max(fastest, msToNumber(input.tuning.maxPollEvery as Duration));
  for (let polls = 0; ; polls++) {
    if (polls >= input.tuning.pollsPerRun || timeToMove()) await moveOn();
    const before = JSON.stringify(carry.progress.counts);
    carry.progress.counts = await database.summarizeBatch({
      batchId: input.batchId,
      started: carry.progress.rows.started,
    });
    const { counts, rows } = carry.progress;
    if (counts.accepted >= rows.started) await milestone(input, carry, 'all_accepted');
    await watchDeadline(input, carry);
    if (counts.done >= rows.started) break;
    publish(carry);
    // Poll often while the applications move, less and less while they wait (for reviews, for the unit).
    carry.pollMs =
      JSON.stringify(counts) === before ? Math.min(slowest, (carry.pollMs ?? fastest) * 2) : fastest;
    const next = nextAlarmAt(carry.clock);
    const untilDeadline = next ? Math.max(1, Date.parse(next) - Date.now()) : Infinity;
    await condition(() => carry.calendarChanged === true, Math.min(untilDeadline, carry.pollMs));
  }

  carry.progress.counts = await database.summarizeBatch({
    batchId: input.batchId,
    final: true,
    started: carry.progress.rows.started,
  });
  carry.progress.phase = 'notified';
  carry.clock = stopClock(carry.clock, new Date());
  showDeadline(carry);
  // An application of the batch that breached its own deadline makes the batch late too.
  if (carry.progress.counts.breached > 0) carry.progress.deadline!.sla = 'met_late';
  await milestone(input, carry, 'all_notified');
  publish(carry);
  await condition(allHandlersFinished);
  return carry.progress;
}

async function begin(input: BatchInput): Promise<BatchCarry> {
  const at = new Date().toISOString();
  const accepted = await database.acceptBatch({ batchId: input.batchId, at });
  const facts = await records.computeDeadline(startRequest(accepted.policy, accepted.acceptedAt));
  const info = await database.batchRowsSummary({ batchId: input.batchId });
  const carry: BatchCarry = {
    progress: {
      batchId: input.batchId,
      unitId: input.unitId,
      phase: 'starting',
      rows: {
        total: info.total,
        invalid: info.invalid,
        duplicates: info.duplicates,
        inFlightElsewhere: 0,
        started: 0,
      },
      counts: emptyCounts(),
      milestones: [],
      runs: 0,
    },
    nextPage: 0,
    pages: accepted.pages,
    acceptedAt: accepted.acceptedAt,
    clock: startClock(accepted.policy, accepted.acceptedAt, facts),
    submittedBy: info.submittedBy,
    submittedAt: info.submittedAt,
  };
  showDeadline(carry);
  return carry;
}
