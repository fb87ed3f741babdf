// Tests of orchestration: the workflows as they are, on one time-skipping server per suite, with typed stubs for
// their activities (the outside parties and the steps' I/O), as samples-typescript's activities-examples tests its
// workflows. What each activity was asked, in order, is the test's to read. What an activity does to a party or a
// record is tested with the activity itself and in the end-to-end scenarios (docs/testing.md).
import { Context } from '@temporalio/activity';
import assert from 'node:assert/strict';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { type Activities, createActivities } from '../../activities';
import { dataConverterFor } from '../../crypto/data-converter';
import type { AcceptancePolicy } from '../../domain/acceptance';
import type { CardApplicationInput } from '../../domain/application';
import { WorkingCalendar } from '../../domain/calendar/working-calendar';
import { deriveDeadline } from '../../domain/clock';
import type { PrintReport } from '../../domain/messages';
import { PARTNER_OF_ACTIVITY, PARTNER_QUEUES, partnerTaskQueue } from '../../domain/partner-queues';
import { publishedCalendarYears } from '../../store/calendar-seed';
import type { ApplicationStatus } from '../../domain/status';
import { printReportSignal, statusQuery } from '../../workflows/card-application/messages';
import { uniqueName } from '../setup/servers';
import { eventually } from './flow';
import { CLERK, TEST_KEYRING, timeSkippingServerPerSuite, UNIT, workflowBundle } from './world';

export type Stubs = Partial<Activities>;
export type ActivityName = keyof Activities;

/** An activity call as the workflow made it: the activity's name and its input. */
export interface Call {
  name: ActivityName;
  input: unknown;
}

export interface StubbedWorld {
  env: TestWorkflowEnvironment;
  /** A client with sscard's codec: the workflows refuse requests in clear. */
  temporal: Client;
  taskQueue: string;
  /** Every activity call of the test's workflows, in the order they were made. */
  calls: Call[];
  /** The names of the calls, in order, leaving out record keeping and the calendar's arithmetic. */
  steps(): ActivityName[];
  /** A card application's input for the test, with `input` over the defaults. */
  applicationInput(input?: Partial<CardApplicationInput>): Promise<CardApplicationInput>;
  /** Starts a card application on the test's task queue. */
  startApplication(
    input?: Partial<CardApplicationInput>,
  ): Promise<ReturnType<Client['workflow']['getHandle']>>;
}

/** Every activity the worker registers, by name. */
const ACTIVITY_NAMES = Object.keys(
  createActivities({ stores: {} as never, partners: {} as never }),
) as ActivityName[];

/** Calls a test seldom asserts the order of: the record's writes and the deadline's arithmetic. */
const BOOKKEEPING: ActivityName[] = ['keepRecord', 'computeDeadline'];

/**
 * One time-skipping server for the suite; each test asks for its workers with the stubs it needs and gets a task
 * queue of its own. A call the test did not stub fails for good with NO_STUB, which the test sees in the
 * workflow's outcome or timeline. After each test its workers stop and its workflows still open are terminated.
 */
export function stubbedActivitiesPerSuite(
  options: { startAt?: Date } = {},
): (stubs: Stubs) => Promise<StubbedWorld> {
  let running: { workers: Worker[]; runs: Promise<void>[] } | undefined;
  const server = timeSkippingServerPerSuite(options, {
    tearDown: async () => {
      if (!running) return;
      for (const worker of running.workers) worker.shutdown();
      await Promise.allSettled(running.runs);
      running = undefined;
    },
  });

  return async (stubs) => {
    const env = server();
    const calls: Call[] = [];
    const activities = Object.fromEntries(
      ACTIVITY_NAMES.map((name) => [
        name,
        async (input: unknown) => {
          calls.push({ name, input });
          const stub = stubs[name] as ((input: unknown) => Promise<unknown>) | undefined;
          if (!stub) throw ApplicationFailure.nonRetryable(`the test stubs no ${name}`, 'NO_STUB');
          return stub(input);
        },
      ]),
    );
    const taskQueue = uniqueName('stubbed');
    const namespace = env.namespace ?? 'default';
    const common = {
      connection: env.nativeConnection,
      namespace,
      dataConverter: dataConverterFor(TEST_KEYRING, 'worker'),
    };
    // As workers/card-worker.ts: every activity on the workflows' queue, each partner's on its own queue too.
    const workers = await Promise.all([
      Worker.create({ ...common, taskQueue, workflowBundle: await workflowBundle(), activities }),
      ...PARTNER_QUEUES.map((partner) =>
        Worker.create({
          ...common,
          taskQueue: partnerTaskQueue(taskQueue, partner),
          activities: Object.fromEntries(
            Object.entries(activities).filter(([name]) => PARTNER_OF_ACTIVITY[name] === partner),
          ),
        }),
      ),
    ]);
    running = { workers, runs: workers.map((worker) => worker.run()) };
    const temporal = new Client({
      connection: env.connection,
      namespace,
      dataConverter: dataConverterFor(TEST_KEYRING),
    });
    const applicationInput = async (
      input: Partial<CardApplicationInput> = {},
    ): Promise<CardApplicationInput> => ({
      applicationId: `A${uniqueName('stub').replace(/-/g, '')}`,
      personKey: '0123456789abcdef0123456789abcdef',
      unitId: UNIT._id,
      region: UNIT.region,
      mode: 'sporadic',
      submittedBy: CLERK,
      submittedAt: new Date(await env.currentTimeMs()).toISOString(),
      ...input,
    });
    return {
      env,
      temporal,
      taskQueue,
      calls,
      steps: () => calls.map((c) => c.name).filter((name) => !BOOKKEEPING.includes(name)),
      applicationInput,
      startApplication: async (input = {}) => {
        const args = await applicationInput(input);
        const handle = await temporal.workflow.start('cardApplication', {
          workflowId: `card-${args.applicationId}`,
          taskQueue,
          args: [args],
        });
        return temporal.workflow.getHandle(handle.workflowId);
      },
    };
  };
}

/** The national sporadic policy: 5 working days, a warning with 1 left, returns expire after 10. */
export const SPORADIC: AcceptancePolicy = {
  policyId: 'national-sporadic-2019',
  workingDays: 5,
  warnWorkingDaysBefore: 1,
  pauseWhileReturned: true,
  returnExpiryWorkingDays: 10,
};

const calendar = new WorkingCalendar(publishedCalendarYears());

/** The calendar's arithmetic, as the activity does it, over the published years (no database to read them from). */
export const computeDeadline: Activities['computeDeadline'] = (request) =>
  Promise.resolve(deriveDeadline(calendar, request, 'published'));

/** The order's report as the manufacturer sends it: printed, or failed at its quality check. */
export function printReport(orderId: string, printed = true): PrintReport {
  const at = new Date().toISOString();
  return printed
    ? { orderId, outcome: 'printed', cardNumber: 'A12345678', chipId: '0123456789ABCDEF', at }
    : { orderId, outcome: 'failed', stage: 'quality_check', reason: 'scratched', at };
}

/**
 * An issuance where every party agrees: the data passes the audit and the bank, the factory prints (and reports at
 * once, as its callback would), the bank opens an account, the people are told. `reports` decides each order's
 * report (printed unless it says otherwise; `undefined` sends none).
 */
export function agreeingParties(
  temporal: () => Client,
  reports: (orderId: string) => PrintReport | undefined = (orderId) => printReport(orderId),
): Stubs {
  const told = () => Promise.resolve();
  return {
    computeDeadline,
    keepRecord: () => Promise.resolve({ status: 'written' }),
    acceptApplication: async ({ acceptedAt, anchorAt }) => ({
      accepted: true,
      policy: SPORADIC,
      deadline: await computeDeadline({
        anchorAt: anchorAt ?? acceptedAt,
        workingDays: SPORADIC.workingDays,
        warnWorkingDaysBefore: SPORADIC.warnWorkingDaysBefore,
      }),
      flags: [],
    }),
    auditApplication: () => Promise.resolve({ flags: [] }),
    confirmEnrollment: () => Promise.resolve(undefined),
    compareIdentity: () => Promise.resolve({ findings: [] }),
    registerCard: ({ applicationId }) =>
      Promise.resolve({ cardId: `C${applicationId.slice(1)}`, cancelled: [] }),
    placePrintOrder: async ({ orderId }) => {
      const report = reports(orderId);
      if (report) {
        const { workflowExecution } = Context.current().info;
        await temporal().workflow.getHandle(workflowExecution!.workflowId).signal(printReportSignal, report);
      }
      return { expectedBy: new Date(Date.now() + 86_400_000).toISOString() };
    },
    cancelPrintOrder: () => Promise.resolve({ cancelled: true }),
    openBankAccount: () => Promise.resolve({ opened: 'new' }),
    closeBankAccount: () => Promise.resolve({ closed: 'account' }),
    setFinancialFunction: ({ state }) => Promise.resolve({ state }),
    notifyIssuance: ({ at }) => Promise.resolve({ notifiedAt: at }),
    notifyUnit: told,
    notifyStaff: told,
    notifyWithdrawal: told,
    notifyPreviousCardRestored: told,
    remindCollection: told,
    escalate: told,
    registerCollection: () => Promise.resolve(undefined),
    withdrawApplication: () => Promise.resolve({ restored: [] }),
  };
}

type Handle = ReturnType<Client['workflow']['getHandle']>;

/** Polls the application's status query until `done` holds of it. */
export function until(
  handle: Handle,
  done: (status: ApplicationStatus) => boolean,
  what: string,
  timeoutMs = 15_000,
): Promise<ApplicationStatus> {
  return eventually(() => handle.query(statusQuery), done, what, timeoutMs, {
    show: (status) => `at ${status.stage}: ${JSON.stringify(timeline(status))}`,
    pollMs: 50,
  });
}

/** The application's timeline: each step's action, or the stage it moved to. */
export const timeline = (status: ApplicationStatus): string[] =>
  status.history.map((h) => h.action ?? h.stage);

/** Asserts that the workflow refused an update with the given code. */
export async function assertUpdateRefused(update: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(update, (error: unknown) => {
    assert.ok(error instanceof WorkflowUpdateFailedError, `expected a refused update, got ${String(error)}`);
    assert.ok(error.cause instanceof ApplicationFailure, String(error.cause));
    assert.equal(error.cause.type, code, error.cause.message);
    return true;
  });
}
