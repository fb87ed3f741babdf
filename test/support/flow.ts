// Helpers that let a test follow an application the way an operator would: by its status.
import type { Duration } from '@temporalio/common';
import assert from 'node:assert/strict';
import type { Stage } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { SscardError, type ErrorCode } from '../../domain/errors';
import { batchWorkflowId } from '../../client/batches';
import { CLERK, OPERATOR, UNIT, type World } from './world';
import type { Applicant } from '../../domain/applicant';
import type { Actor } from '../../domain/actors';
import type { NewCard } from '../../domain/documents/cards';
import { personKey } from '../../crypto/person-key';
import { withdraw } from '../../domain/actions/applications';
import type { ActionDescriptor } from '../../domain/actions/define';
import type { z } from 'zod';

/** Submits the applicant's application for the test unit, by its clerk unless `by` says who; returns its ID. */
export async function submitApplication(
  world: World,
  applicant: Applicant,
  by: Actor = CLERK,
): Promise<string> {
  const { applicationId } = await world.client.applications.submit({ unitId: UNIT._id, applicant }, by);
  return applicationId;
}

/** Cards the person held before, put straight into the card registry under their person key; returns the key. */
export async function earlierCards(
  world: World,
  person: Applicant,
  ...cards: Omit<NewCard, 'personKey'>[]
): Promise<string> {
  const key = personKey(person.residentId, world.keyring.personKeySecret);
  for (const card of cards) await world.stores.cards.add({ ...card, personKey: key });
  return key;
}

/** Submits the index-th person's application without a phone number, which the audit flags; waits for the review. */
export async function submitFlagged(world: World, index: number): Promise<string> {
  const { phone: _phone, ...withoutPhone } = world.people[index]!;
  const applicationId = await submitApplication(world, withoutPhone);
  await waitForStage(world, applicationId, 'awaiting_review');
  return applicationId;
}

/**
 * Withdraws the application for `reason`, by the unit's clerk unless `by` says who; a supervisor confirms, as one
 * must once printing has started.
 */
export function withdrawApplication(
  world: World,
  applicationId: string,
  reason: string,
  by: Actor = CLERK,
): Promise<ApplicationStatus> {
  const confirmed = by.role === 'supervisor' ? { supervisorConfirmed: true } : {};
  return world.client.applications.act(withdraw, applicationId, { reason, ...confirmed }, by);
}

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
  { show = JSON.stringify, pollMs = 100 }: { show?: (value: T) => string; pollMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${show(value)}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Asserts of one application that an action is refused with a code, and lets a test list the refusals it
 * expects one to a line: `const refuses = refusalsOf(world, applicationId); await refuses(review, body, by, code)`.
 */
export function refusalsOf(world: World, applicationId: string) {
  return <Body extends z.ZodObject>(
    action: ActionDescriptor<Body>,
    body: z.input<Body>,
    by: Actor,
    code: ErrorCode,
  ): Promise<void> => assertRefused(world.client.applications.act(action, applicationId, body, by), code);
}

/** Asserts that a call is refused with the given code. */
export async function assertRefused(call: Promise<unknown>, code: ErrorCode): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof SscardError, `expected an SscardError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return true;
  });
}

/** How long a skip may stand still before it is looked into, and how long it may take after that. */
const PATIENCE = { stallMs: 20_000, realMs: 90_000 };

/**
 * Skips workflow time like `env.sleep`, but never waits a real day for it. The time-skipping server holds its clock
 * still while any workflow task is outstanding, so a skip can stall:
 * - a task that fails for ever (a nondeterminism error): this fails, naming the workflows whose last task failed
 *   and why;
 * - a lock the test server (1.38) keeps when the worker completes a task of a run that has just continued as new
 *   ("Task not found when completing: workflow execution already completed", seen when a batch's progress query
 *   meets its continue-as-new): nothing is outstanding, yet the clock stands still for good. That one lock is
 *   released (`unlockTimeSkipping`) and the skip goes on; it is a fault of the test server, not of sscard.
 */
export async function skipTime(
  world: SkippingWorld,
  duration: Duration,
  { stallMs, realMs } = PATIENCE,
): Promise<void> {
  const sleeping = world.env.sleep(duration);
  let timer: NodeJS.Timeout | undefined;
  const after = (ms: number) =>
    new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), ms)));
  try {
    if ((await Promise.race([sleeping, after(stallMs)])) !== 'stalled') return;
    const failing = await failingTasks(world);
    if (failing.length > 0)
      assert.fail(
        `skipping ${String(duration)} of workflow time stalled; failing workflow tasks: ${JSON.stringify(failing)}`,
      );
    await world.env.connection.testService!.unlockTimeSkipping({});
    if ((await Promise.race([sleeping, after(realMs)])) !== 'stalled') return;
  } finally {
    clearTimeout(timer);
  }
  return assert.fail(
    `skipping ${String(duration)} of workflow time took over ${(stallMs + realMs) / 1000} s of real time; ` +
      `failing workflow tasks: ${JSON.stringify(await failingTasks(world))}`,
  );
}

/** The world's open applications and batches whose latest workflow task failed or timed out, and why. */
/** What a skip needs of a world: its server; with its database (not a stubbed world's), its failing workflows are named. */
type SkippingWorld = Pick<World, 'env' | 'temporal'> & Partial<Pick<World, 'db'>>;

async function failingTasks(world: SkippingWorld): Promise<{ workflowId: string; failure: string }[]> {
  if (!world.db) return [];
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

/** Skips workflow time in steps, so activity retries and timers fire, until `done` holds. */
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

/**
 * Submits the person's application and waits until its step in `stage` waits on another party: the step's activity
 * failing with `code`, as the Web UI shows its pending activity. Returns the application ID.
 */
export async function submitUntilWaiting(
  world: World,
  person: Applicant,
  stage: Stage,
  code: string,
): Promise<string> {
  const applicationId = await submitApplication(world, person);
  await waitForStage(world, applicationId, stage);
  const { workflowId } = (await world.stores.records.get(applicationId))!;
  await eventually(
    async () => {
      const { raw } = await world.temporal.workflow.getHandle(workflowId).describe();
      return raw.pendingActivities?.[0]?.lastFailure?.applicationFailureInfo?.type;
    },
    (type) => type === code,
    `the ${stage} step waits on its party (${code})`,
  );
  return applicationId;
}
