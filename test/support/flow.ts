// Helpers that let a test follow an application the way an operator would: by its status.
import type { Duration } from '@temporalio/common';
import assert from 'node:assert/strict';
import type { Stage } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { SscardError, type ErrorCode } from '../../domain/errors';
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
    await world.env.sleep(step);
  }
  return assert.fail('state not reached while skipping time');
}
