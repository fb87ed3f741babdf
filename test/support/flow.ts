// Helpers that let a test follow an application the way an operator would: by its status.
import type { Duration } from '@temporalio/common';
import assert from 'node:assert/strict';
import type { Stage } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { SscardError, type ErrorCode } from '../../domain/errors';
import { batchWorkflowId } from '../../client/batches';
import { OPERATOR, type World } from './world';

/** Polls the status query (which never skips time) until `done` holds. */
export async function waitFor(
  world: World,
  applicationId: string,
  done: (status: ApplicationStatus) => boolean,
  what = 'the expected state',
  timeoutMs = 30_000,
): Promise<ApplicationStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: ApplicationStatus | undefined;
  for (;;) {
    try {
      last = await world.client.applications.status(applicationId, OPERATOR);
      if (done(last)) return last;
    } catch (error) {
      if (!(error instanceof SscardError)) throw error;
    }
    if (Date.now() > deadline) {
      assert.fail(
        `timed out waiting for ${what}; last stage: ${last?.stage ?? 'unknown'} (${JSON.stringify(last?.history.map((h) => h.action ?? h.stage))})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function waitForStage(
  world: World,
  applicationId: string,
  stage: Stage,
  timeoutMs?: number,
): Promise<ApplicationStatus> {
  return waitFor(world, applicationId, (s) => s.stage === stage, `stage ${stage}`, timeoutMs);
}

/**
 * Polls `read` until `done` holds of what it returns: for effects that follow a stage (a notice sent after the
 * stage moved, an order settled with the next record write).
 */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Asserts that a call is refused with the given code. */
export async function assertRefused(call: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof SscardError, `expected an SscardError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** Skips workflow time in steps, so activity retries and timers fire, until `done` holds. */
/**
 * Skips workflow time like `env.sleep`, but gives up after `realMs` of real time. The time-skipping server holds
 * its clock still while any workflow task is outstanding, so a task that fails for ever (a nondeterminism error)
 * turns a skip of a day into a real day: this fails at once instead, naming the workflows whose last task failed
 * and why.
 */
export async function skipTime(world: World, duration: Duration, realMs = 90_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), realMs)));
  try {
    if ((await Promise.race([world.env.sleep(duration), stalled])) !== 'stalled') return;
  } finally {
    clearTimeout(timer);
  }
  return assert.fail(
    `skipping ${String(duration)} of workflow time took over ${realMs / 1000} s of real time; ` +
      `failing workflow tasks: ${JSON.stringify(await failingTasks(world))}`,
  );
}

/** The world's open applications and batches whose latest workflow task failed or timed out, and why. */
async function failingTasks(world: World): Promise<{ workflowId: string; failure: string }[]> {
  const applications = await world.db
    .collection<{ workflowId: string; runId?: string }>('application_records')
    .find({ stage: { $nin: ['issued', 'expired', 'rejected', 'withdrawn'] } })
    .project<{ workflowId: string; runId?: string }>({ workflowId: 1, runId: 1 })
    .toArray();
  const batches = await world.db.collection<{ _id: string }>('batches').find({}).toArray();
  const failing = [];
  for (const { workflowId, runId } of [
    ...applications,
    ...batches.map((b) => ({ workflowId: batchWorkflowId(b._id), runId: undefined })),
  ]) {
    const { events } = await world.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    const last = events?.findLast(
      (e) =>
        e.workflowTaskCompletedEventAttributes ||
        e.workflowTaskFailedEventAttributes ||
        e.workflowTaskTimedOutEventAttributes,
    );
    if (last?.workflowTaskFailedEventAttributes)
      failing.push({
        workflowId,
        failure: last.workflowTaskFailedEventAttributes.failure?.message?.slice(0, 300) ?? 'failed',
      });
    if (last?.workflowTaskTimedOutEventAttributes) failing.push({ workflowId, failure: 'timed out' });
  }
  return failing;
}

export async function skipUntil(
  world: World,
  applicationId: string,
  done: (s: ApplicationStatus) => boolean,
  step: Duration = '1 minute',
  maxSteps = 200,
): Promise<ApplicationStatus> {
  for (let i = 0; i < maxSteps; i++) {
    const status = await world.client.applications.status(applicationId, OPERATOR);
    if (done(status)) return status;
    await skipTime(world, step);
  }
  return assert.fail('state not reached while skipping time');
}
