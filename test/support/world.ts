// A complete sscard for one test: a real Temporal environment (time-skipping or dev server), its own databases
// on the run's FerretDB, the simulated partners, a worker and the client library. Torn down by close().
import { Client, isGrpcServiceError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import fs from 'node:fs';
import path from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleOption } from '@temporalio/worker';
import { type Actor, PARTNER_ACCOUNTS } from '../../domain/actors';
import { dataConverterFor } from '../../crypto/data-converter';
import { keyringFrom, type Keyring } from '../../crypto/keyring';
import { createHash } from 'node:crypto';
import { createSscardClient, type SscardClient } from '../../client';
import { batchWorkflowId } from '../../client/batches';
import { callbacksThroughClient } from '../../client/partner-sink';
import { cardLifeWorkflowId } from '../../domain/card-life';
import type { PartnerQueue } from '../../domain/partner-queues';
import type { Tracing } from '../../observability/tracing';
import { createHttpPartners, type PartnerEndpoints } from '../../integrations/http/adapters';
import { createSimulators, type Simulators } from '../../integrations/simulators';
import { startSimulatorServer } from '../../integrations/simulators/server';
import { syntheticPeople, type SyntheticPerson } from '../../integrations/simulators/people';
import type { Db } from 'mongodb';
import { prepareDatabase, type Stores } from '../../store';
import type { RecordDoc } from '../../domain/documents/records';
import type { CounterDoc } from '../../domain/counters';
import { INSTANT_POLICY_EXAMPLE, onlinePolicy } from '../../domain/deadline-policy';
import type { UnitDoc } from '../../domain/documents/units';
import { createCardWorker } from '../../workers/card-worker';
import { createTimeSkippingEnv, openTestDb, uniqueName, type TestDb } from '../setup/servers';

let bundle: Promise<WorkflowBundleOption> | undefined;

let tracedBundle: Promise<WorkflowBundleOption> | undefined;

/**
 * The workflow bundle, built once per test run; with tracing's workflow interceptors when asked. When `npm test`
 * measures coverage it names a folder in SSCARD_TEST_BUNDLE_DIR: the bundle is written there and workers load it
 * from the file, whose inline source map lets the coverage report count the lines of workflows/ themselves.
 */
export function workflowBundle(traced = false): Promise<WorkflowBundleOption> {
  const build = async (workflowInterceptorModules: string[]): Promise<WorkflowBundleOption> => {
    const built = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules,
      logger: quietLogger,
    });
    const dir = process.env.SSCARD_TEST_BUNDLE_DIR;
    if (!dir) return built;
    const codePath = path.resolve(dir, `workflow-bundle-${traced ? 'traced-' : ''}${process.pid}.js`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(codePath, built.code);
    return { codePath };
  };
  if (traced)
    return (tracedBundle ??= build([
      require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
    ]));
  return (bundle ??= build([]));
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export const UNIT: UnitDoc = {
  _id: '91330100TEST01',
  name: 'Hangzhou Test Works',
  region: '330100',
  status: 'active',
  contact: 'portal:unit:91330100TEST01',
};
/** A service hall's counter with a card printer (the instant lane), and one without. */
export const COUNTER: CounterDoc = {
  _id: '330100-HALL-01',
  name: 'Hangzhou service hall, window 1',
  region: '330100',
  kind: 'service_hall',
  printer: true,
  status: 'open',
};
export const COUNTER_WITHOUT_PRINTER: CounterDoc = {
  ...COUNTER,
  _id: '330100-HALL-02',
  name: 'Hangzhou service hall, window 2',
  printer: false,
};
/** The instant lane, turned on for the test unit's city as a region does (domain/deadline-policy.ts). */
export const INSTANT_POLICY = { ...INSTANT_POLICY_EXAMPLE, id: 'hangzhou-instant', region: '3301' };
/** The center's online desk, and the online lane turned on for the test unit's city: 15 working days to dispatch. */
export const ONLINE_DESK: UnitDoc = {
  _id: '91330100ONLINE',
  name: 'Hangzhou online desk',
  region: '330100',
  status: 'active',
  contact: 'portal:unit:91330100ONLINE',
};
export const ONLINE_POLICY = onlinePolicy('hangzhou-online', '3301', {
  unitId: ONLINE_DESK._id,
  returnCounterId: '330100-HALL-01',
  codeValidDays: 14,
});
export const CLERK: Actor = { role: 'unit_clerk', id: 'clerk-01', unitId: UNIT._id };
export const OPERATOR: Actor = { role: 'operator', id: 'op-01' };
export const SUPERVISOR: Actor = { role: 'supervisor', id: 'sup-01' };
export const MANUFACTURER = PARTNER_ACCOUNTS.manufacturer;

export interface World {
  env: TestWorkflowEnvironment;
  stores: Stores;
  /** The card management database itself, for a test to look at what the stores wrote. */
  db: Db;
  sims: Simulators;
  client: SscardClient;
  temporal: Client;
  keyring: Keyring;
  taskQueue: string;
  people: SyntheticPerson[];
  /** Stops the worker (as a restart does, or a crash that a new worker follows); startWorker brings one back. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Tests use fixed keys, so that any test's histories can be recorded (SSCARD_RECORD_HISTORIES=1) and replayed
 * later by test/replay.test.ts. The data in them is synthetic.
 */
export const TEST_KEYRING: Keyring = keyringFrom(
  createHash('sha256').update('sscard test person key').digest(),
  [['test1', createHash('sha256').update('sscard test codec key').digest()]],
);

export async function createWorld(
  env: TestWorkflowEnvironment,
  /** `partners: 'http'`: the worker reaches the simulators through the HTTP adapters and the simulator server. */
  options: {
    people?: number;
    seed?: number;
    partners?: 'http' | 'in-process';
    partnerRates?: Partial<Record<PartnerQueue, number>>;
    /** Traces the client's calls, the workflows and the activities (observability/tracing.ts). */
    tracing?: Tracing;
  } = {},
): Promise<World> {
  const keyring = TEST_KEYRING;
  const cardDb: TestDb = await openTestDb('card');
  const partnerDb: TestDb = await openTestDb('partners');
  const stores = await prepareDatabase(cardDb.db);
  await stores.units.upsert(UNIT);
  for (const counter of [COUNTER, COUNTER_WITHOUT_PRINTER]) await stores.counters.upsert(counter);
  await stores.policies.upsert(INSTANT_POLICY);
  await stores.units.upsert(ONLINE_DESK);
  await stores.policies.upsert(ONLINE_POLICY);
  const sims = createSimulators(partnerDb.db);
  const people = syntheticPeople(options.people ?? 20, options.seed ?? Math.floor(Math.random() * 1e9));
  await sims.registerPeople(people);
  const taskQueue = uniqueName('sscard');
  const temporal = new Client({
    connection: env.connection,
    namespace: env.namespace ?? 'default',
    dataConverter: dataConverterFor(keyring),
    ...(options.tracing ? { interceptors: options.tracing.clientInterceptors } : {}),
  });
  const client = createSscardClient({
    temporal,
    stores,
    keyring,
    taskQueue,
    notifier: sims.notifier,
    identity: { population: sims.population, photoSource: sims.photoSource },
  });
  sims.attach(callbacksThroughClient(client));
  // The card-use reports, each named as the API names a signed callback's message: "<partner>:<webhook-id>".
  sims.terminals.attach(async ({ from, messageId, report }) => {
    const partner = PARTNER_ACCOUNTS[from];
    await client.cards.reportUse(report, partner, `${partner.id}:${messageId}`);
  });
  const server =
    options.partners === 'http' ? await startSimulatorServer({ sims, token: PARTNERS_TOKEN }) : undefined;
  const bundle = await workflowBundle(Boolean(options.tracing));
  const startWorker = async () => {
    const worker = await createCardWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue,
      keyring,
      stores,
      partners: server ? createHttpPartners(endpointsAt(server.url)) : sims,
      workflowBundle: bundle,
      ...(options.partnerRates ? { partnerRates: options.partnerRates } : {}),
      ...(options.tracing ? { plugins: [options.tracing.plugin] } : {}),
    });
    return { worker, running: worker.run() };
  };
  let current: Awaited<ReturnType<typeof startWorker>> | undefined = await startWorker();
  const stopWorker = async () => {
    if (!current) return;
    const { worker, running } = current;
    current = undefined;
    worker.shutdown();
    await running;
  };
  return {
    env,
    stores,
    db: cardDb.db,
    sims,
    client,
    temporal,
    keyring,
    taskQueue,
    people,
    stopWorker,
    startWorker: async () => {
      current ??= await startWorker();
    },
    close: async () => {
      sims.manufacturer.stop();
      sims.courier.stop();
      sims.payment.stop();
      if (process.env.SSCARD_RECORD_HISTORIES) await recordHistories(temporal, cardDb.db);
      await stopWorker();
      await server?.close();
      await cardDb.close();
      await partnerDb.close();
    },
  };
}

const PARTNERS_TOKEN = 'test-partners-token-0123456789';

/** The HTTP adapters' settings for a simulator server at `url`. */
export function endpointsAt(
  url: string,
  settings: { token?: string; timeoutMs?: number } = {},
): PartnerEndpoints {
  const endpoint = (name: string) => ({
    url: `${url}/${name}`,
    token: settings.token ?? PARTNERS_TOKEN,
    timeoutMs: settings.timeoutMs ?? 10_000,
  });
  return {
    population: endpoint('population'),
    bank: endpoint('bank'),
    manufacturer: endpoint('manufacturer'),
    printer: endpoint('printer'),
    photos: endpoint('photos'),
    courier: endpoint('courier'),
    notifier: endpoint('notifier'),
    ecard: endpoint('ecard'),
    national: endpoint('national'),
    terminals: endpoint('terminals'),
    payment: endpoint('payment'),
  };
}

const GRPC_NOT_FOUND = 5;

/** The most application histories one test records: a batch test runs hundreds of the same path. */
const RECORDED_PER_TEST = 6;

/**
 * Saves the histories of this world's applications, and of every run of its batches, under test/histories/,
 * named after the running test.
 */
async function recordHistories(temporal: Client, db: Db): Promise<void> {
  const title = (globalThis as { __sscardTestTitle?: string }).__sscardTestTitle ?? 'unnamed';
  // One folder per release: histories of older releases stay, since workflows they describe may still be running.
  const { version } = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
    version: string;
  };
  const dir = path.resolve(__dirname, '../histories', `v${version}`);
  fs.mkdirSync(dir, { recursive: true });
  const name = `${title
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .slice(0, 60)}`;
  const save = (
    file: string,
    history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>>,
  ) => fs.writeFileSync(path.join(dir, file), historyToJSON(history));
  const docs = await db
    .collection<RecordDoc>('application_records')
    .find({})
    .sort({ _id: 1 })
    .limit(RECORDED_PER_TEST)
    .toArray();
  for (const [i, doc] of docs.entries()) {
    save(
      `${name}-${i + 1}.json`,
      await temporal.workflow.getHandle(doc.workflowId, doc.runId).fetchHistory(),
    );
  }
  // The latest run of each card's life process (loss reports), for the cards that had one.
  const lossCards = await db
    .collection<{ _id: string }>('cards')
    .find({ 'history.status': { $in: ['suspended', 'lost'] } })
    .toArray();
  for (const [i, card] of lossCards.slice(0, RECORDED_PER_TEST).entries()) {
    // A card put into the registry as lost by the test itself had no process of its own.
    const history = await temporal.workflow
      .getHandle(cardLifeWorkflowId(card._id))
      .fetchHistory()
      .catch((error: unknown) => {
        if (isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND) return undefined;
        throw error;
      });
    if (history) save(`${name}-card-life-${i + 1}.json`, history);
  }
  for (const batch of await db.collection<{ _id: string }>('batches').find({}).toArray()) {
    const workflowId = batchWorkflowId(batch._id);
    const first = await temporal.workflow.getHandle(workflowId).describe();
    let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
    for (let run = 1; runId; run++) {
      const history = await temporal.workflow.getHandle(workflowId, runId).fetchHistory();
      save(`${name}-batch-run-${run}.json`, history);
      runId =
        history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ??
        undefined;
    }
  }
}

/**
 * One time-skipping server for the suite, and a world of its own for each test on it: its databases, task queue,
 * worker and client. After each test the server's open workflows are terminated: a timer of one would fire with no
 * worker to take its task, and the server holds its clock still while a task is outstanding, so the next test
 * could skip no time. The clock goes on from test to test: a suite whose outcome depends on the calendar chooses
 * `startAt` (see support/time.ts) and its later tests either do not depend on the day or move time themselves;
 * the others start at the run's default.
 *
 * Returns the running test's world, named once by the suite: `const world = oneServerPerSuite()`.
 */
export function oneServerPerSuite(options: { people?: number; startAt?: Date } = {}): World {
  let world: World | undefined;
  timeSkippingServerPerSuite(options, {
    setUp: async (env) => {
      world = await createWorld(env, options);
    },
    tearDown: async () => {
      await world?.close();
      world = undefined;
    },
  });
  return ofTheRunningTest(() => world);
}

/**
 * The hooks of a suite on one time-skipping server: the server started before the first test, each test's own
 * part set up before it and torn down after it, then the server's open workflows terminated (see
 * oneServerPerSuite), and the server stopped after the last test.
 */
export function timeSkippingServerPerSuite(
  options: { startAt?: Date },
  eachTest: { setUp?: (env: TestWorkflowEnvironment) => Promise<void>; tearDown: () => Promise<void> },
): () => TestWorkflowEnvironment {
  let env: TestWorkflowEnvironment | undefined;
  before(async function () {
    this.timeout(60_000);
    env = await createTimeSkippingEnv({ startAt: options.startAt });
  });
  beforeEach(async function () {
    this.timeout(60_000);
    await eachTest.setUp?.(env!);
  });
  afterEach(async function () {
    this.timeout(60_000);
    await eachTest.tearDown();
    if (env) await terminateOpenWorkflows(env);
  });
  after(async function () {
    this.timeout(60_000);
    await env?.teardown();
    env = undefined;
  });
  return () => env!;
}

/** Ends every workflow still open on the server (the test server lists open workflows, not by query). */
export async function terminateOpenWorkflows(env: TestWorkflowEnvironment): Promise<void> {
  const namespace = env.namespace ?? 'default';
  const service = env.connection.workflowService;
  for (let round = 0; round < 10; round++) {
    const { executions } = await service.listOpenWorkflowExecutions({ namespace, maximumPageSize: 1000 });
    if (!executions?.length) return;
    await Promise.all(
      executions.map(({ execution }) =>
        service
          .terminateWorkflowExecution({ namespace, workflowExecution: execution, reason: 'the test ended' })
          .catch((error: unknown) => {
            // Closed meanwhile.
            if (!(isGrpcServiceError(error) && Number(error.code) === GRPC_NOT_FOUND)) throw error;
          }),
      ),
    );
  }
  throw new Error('workflows kept opening after the test ended');
}

/**
 * Gives each test of a suite its own time-skipping server and world, for tests that each need the clock to start at
 * the instant the suite chose and then move it by weeks (a batch's 30 working days).
 */
export function eachTestInItsOwnWorld(options: { people?: number; startAt?: Date } = {}): World {
  let env: TestWorkflowEnvironment | undefined;
  let world: World | undefined;
  beforeEach(async function () {
    this.timeout(60_000);
    env = await createTimeSkippingEnv({ startAt: options.startAt });
    world = await createWorld(env, options);
  });
  afterEach(async function () {
    this.timeout(60_000);
    await world?.close();
    await env?.teardown();
    world = undefined;
    env = undefined;
  });
  return ofTheRunningTest(() => world);
}

/**
 * A database of its own for each test of the suite, on the run's FerretDB, with what `open` makes of it (a store,
 * the stores): `const t = databasePerTest('cards', async (db) => ({ stores: await prepareDatabase(db) }))`, then
 * `t.stores`, `t.db` in the tests. Dropped after each test.
 */
export function databasePerTest<T extends object>(
  prefix: string,
  open: (db: Db) => T | Promise<T>,
): T & { db: Db } {
  let current: (T & { db: Db }) | undefined;
  let testDb: TestDb | undefined;
  beforeEach(async () => {
    testDb = await openTestDb(prefix);
    current = { ...(await open(testDb.db)), db: testDb.db };
  });
  afterEach(async () => {
    await testDb?.close();
    testDb = current = undefined;
  });
  return ofTheRunningTest(() => current);
}

/**
 * Stands for what each test gets in its turn (its world, its database), so that a suite names it once instead of
 * reassigning a variable before each test; read outside a test (in a describe's body), it says so.
 */
export function ofTheRunningTest<T extends object>(current: () => T | undefined): T {
  return new Proxy({} as T, {
    get: (_target, key) => {
      const value = current();
      if (!value) throw new Error('this exists only while a test runs, not in the body of a describe');
      return Reflect.get(value, key) as unknown;
    },
  });
}
