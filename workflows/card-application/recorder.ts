// The recorder: the one writer of the application's record and audit trail. It runs beside the main flow and
// writes, in one local activity, everything that changed since its last write (the steps of the workflow task,
// the record's fields, a print report to settle), and upserts the search attributes that changed, once. One write
// at a time and in order; each carries the history length as its fence, so a write left behind by a task that
// never completed is overwritten by the committed path and a stale retry is refused (store/records.ts).
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { condition, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { workingDaysUsed } from '../../domain/clock';
import type { RecordWrite } from '../../domain/documents/records';
import { PASSING_STAGES } from '../../domain/stages';
import { SA } from '../search-attributes';
import { records } from '../proxies';
import { type AppState, showDetails, startedSince, startedSince09, taskTime } from './state';

/** The release from which the recorder looks at the holds again after its wait (keepRecords). */
const WAITS_FOR_STEPS_SINCE = '0.9.2';

function searchAttributes(state: AppState): SearchAttributeUpdatePair[] {
  const { clock } = state;
  return [
    { key: SA.stage, value: state.stage },
    { key: SA.returnCount, value: state.returns.length },
    { key: SA.expedited, value: state.expedited },
    { key: SA.escalated, value: state.escalations.length > 0 },
    ...(clock
      ? [
          { key: SA.sla, value: clock.sla },
          { key: SA.deadline, value: new Date(clock.facts.dueAt) },
        ]
      : []),
    ...(state.acceptedAt ? [{ key: SA.acceptedAt, value: new Date(state.acceptedAt) }] : []),
    ...(state.notifiedAt ? [{ key: SA.notifiedAt, value: new Date(state.notifiedAt) }] : []),
    ...(state.outcome ? [{ key: SA.outcome, value: state.outcome }] : []),
  ];
}

/**
 * Upserts the search attributes that changed since the last upsert. Runs started before 0.9.0 upsert all of them
 * at every change, as their histories hold. From 0.9.0 an upsert carries only what changed, and a passing stage
 * (the bank account and the notice, seconds after the card is printed) is not upserted on its own: it goes with the
 * next change, and visibility shows the application as printing meanwhile (its record shows the exact step).
 */
function upsertChanged(state: AppState): void {
  const { record } = state;
  const attributes = searchAttributes(state);
  if (!startedSince09(state.input)) {
    const shown = JSON.stringify(attributes);
    if (shown !== record.attributes) {
      upsertSearchAttributes(attributes);
      record.attributes = shown;
    }
    return;
  }
  const shown = record.shown ?? {};
  const changes = attributes.filter((pair) => shown[pair.key.name] !== JSON.stringify(pair.value));
  const onlyPassing =
    changes.length === 1 && changes[0]!.key.name === SA.stage.name && PASSING_STAGES.includes(state.stage);
  if (changes.length === 0 || onlyPassing) return;
  upsertSearchAttributes(changes);
  for (const pair of changes) shown[pair.key.name] = JSON.stringify(pair.value);
  record.shown = shown;
}

function recordWrite(state: AppState): RecordWrite {
  const { input, clock, history } = state;
  const info = workflowInfo();
  return {
    applicationId: input.applicationId,
    fence: info.historyLength,
    trailLength: state.seq,
    entries: history.slice(state.record.written).map((step) => ({
      seq: step.seq,
      from: step.seq === 1 ? null : history[step.seq - 2]!.stage,
      to: step.stage,
      ...(step.action ? { action: step.action } : {}),
      actor: step.actor,
      at: step.at,
      ...(step.note ? { note: step.note } : {}),
    })),
    fields: {
      workflowId: info.workflowId,
      runId: info.runId,
      unitId: input.unitId,
      ...(input.batch ? { batchId: input.batch.batchId } : {}),
      mode: input.mode,
      revision: state.revision,
      stage: state.stage,
      ...(state.awaiting ? { awaiting: state.awaiting } : {}),
      ...(clock ? { sla: clock.sla, dueAt: clock.facts.dueAt } : {}),
      returnCount: state.returns.length,
      expedited: state.expedited,
      ...(state.outcome ? { outcome: state.outcome } : {}),
      ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
      ...(state.notifiedAt ? { notifiedAt: state.notifiedAt } : {}),
      ...(state.notifiedAt && clock
        ? { workingDaysUsed: workingDaysUsed(clock, new Date(state.notifiedAt)) }
        : {}),
      updatedAt: history.at(-1)?.at ?? new Date().toISOString(),
    },
  };
}

/** Runs until the application has closed and everything it did is written. */
export async function keepRecords(state: AppState, closed: () => boolean): Promise<void> {
  const { record } = state;
  for (;;) {
    // A wait on this workflow's own state: it ends at the latest when the application closes.
    await condition(() => (record.dirty && record.holds === 0) || closed());
    if (!record.dirty) return;
    // The condition held when it was checked, but a local step may have begun before this continuation ran: a
    // request taken in the task that starts the workflow (an update that waited for a worker) is handled before
    // the steps begin, and `accept` takes its hold a microtask before this line. A write then would lie between
    // the step's scheduling and its end, where a replay that gets the request in a later task does not write:
    // the fault run at 9178077 left an application stuck so (test/histories-failing). Runs started on 0.9.2 or
    // later wait for the step; older ones keep the order their histories hold.
    if (record.holds > 0 && !closed() && startedSince(state.input, WAITS_FOR_STEPS_SINCE)) continue;
    taskTime(state);
    record.dirty = false;
    record.writing = true;
    showDetails(state);
    upsertChanged(state);
    const write = recordWrite(state);
    const { printReport, madeAtCounter } = record;
    await records.keepRecord({
      write,
      ...(printReport ? { printReport } : {}),
      ...(madeAtCounter ? { madeAtCounter } : {}),
    });
    record.written = write.trailLength;
    if (record.printReport === printReport) record.printReport = undefined;
    if (record.madeAtCounter === madeAtCounter) record.madeAtCounter = undefined;
    record.writing = false;
  }
}

/**
 * Runs a local step of the main flow (a local activity), holding the recorder meanwhile: the flow goes on in the
 * same workflow task, and what it records before and after the step is written at once.
 */
export async function locally<T>(state: AppState, step: () => Promise<T>): Promise<T> {
  state.record.holds += 1;
  try {
    return await step();
  } finally {
    state.record.holds -= 1;
  }
}

/** Waits until everything up to now is written: for a step that relies on what the record keeping settles. */
export async function recorded(state: AppState): Promise<void> {
  const { record } = state;
  await condition(() => !record.dirty && !record.writing && !record.printReport && !record.madeAtCounter);
}
