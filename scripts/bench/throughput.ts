// `npm run bench`: sscard against a raw-Temporal baseline of the same shape (bench/raw/), in one run on the same
// fresh servers, worker as its own process, instant simulated partners. For each store (FerretDB on PostgreSQL,
// on SQLite) it starts N workflows at once and prints throughput, CPU per application by process, history events
// to the notification by type, MongoDB commands per application, workflow-task times, idle latency and worker
// memory. A measurement, not a test: nothing asserts. Do not run it beside the test suite (2 cores).
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { LiveBlock, bar } from '../../cli/ui/progress';
import { openSscard, type OpenSscard } from '../../client/connect';
import type { Actor } from '../../domain/actors';
import { createSimulators } from '../../integrations/simulators';
import { syntheticPeople } from '../../integrations/simulators/people';
import { scriptOptions, wholeNumber } from '../options';
import { removeLocalData } from '../stack/postgres-home';
import { startService } from '../stack/process';
import { localSecrets } from '../stack/secrets';
import { analyseHistories } from './histories';
import { readPartnerCounts, routePartnersDb } from './partners-store';
import { cpuMs, memoryOf, treeCpuMs } from './proc';
import { report, type RunFigures } from './report';
import { startBenchServers, type BenchServers, type StoreKind } from './servers';

const HELP = `usage: npm run bench [-- options]

Starts N raw-Temporal workflows, N of the record floor (the same workflow writing sscard's records), then N sscard
applications, at once, on the same fresh servers (Temporal dev server, FerretDB, data under
.data/bench-throughput), each worker as its own process, partners instant with their books on a FerretDB of their
own, and prints what each cost, with sscard/raw and sscard/floor. Then it runs one at a time on the idle system
for the latency. It exits 1 when the floor's activities, local activities or signals differ from sscard's
histories (scripts/bench/raw/workflows.ts then wants updating).

options:
  --applications N   workflows started at once in each run [300]
  --idle N           one-at-a-time runs for the idle latency [10]
  --store S          FerretDB's backend: postgresql, sqlite or both [both]
  --help             this text`;

const options = scriptOptions(HELP, {
  applications: { type: 'string', default: '300' },
  idle: { type: 'string', default: '10' },
  store: { type: 'string', default: 'both' },
});
const N = wholeNumber('applications', options.applications, 1);
const IDLE = wholeNumber('idle', options.idle, 1);
const STORES: StoreKind[] =
  options.store === 'both' ? ['postgresql', 'sqlite'] : [options.store as StoreKind];
if (!STORES.every((s) => s === 'postgresql' || s === 'sqlite')) {
  console.error('--store must be postgresql, sqlite or both');
  process.exit(2);
}

const root = path.resolve(__dirname, '../..');
const UNIT = { _id: '91330106MA2B0001', name: 'Bench Co.', region: '330106', status: 'active' as const };
const CLERK: Actor = { role: 'unit_clerk', id: 'bench-clerk', unitId: UNIT._id };

type Pids = Record<string, number | undefined>;
type PartnersStore = NonNullable<BenchServers['partners']>;

/** CPU milliseconds of each role's process so far (a PostgreSQL role with its backends). */
function cpuOf(pids: Pids): Record<string, number> {
  const cpu: Record<string, number> = {};
  for (const [role, pid] of Object.entries(pids)) {
    if (pid) cpu[role] = role.includes('postgres') ? treeCpuMs(pid) : cpuMs(pid);
  }
  cpu['bench client'] = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  return cpu;
}

/** The partners' store's processes, as roles of their own: measured apart from sscard's. */
function partnerRoles(partners: PartnersStore): Pids {
  const { ferretdb, postgres } = partners.pids;
  return { "partners' ferretdb": ferretdb, "partners' postgres": postgres };
}

function cpuSince(before: Record<string, number>, pids: Pids): Record<string, number> {
  const after = cpuOf(pids);
  return Object.fromEntries(Object.entries(after).map(([role, ms]) => [role, ms - (before[role] ?? 0)]));
}

async function startWorker(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  preload: string[] = [],
) {
  const logFile = path.join(logDir, `${name}.log`);
  fs.writeFileSync(logFile, '');
  return startService({
    name,
    command: process.execPath,
    // BENCH_PROFILE_DIR: each worker writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
    args: [
      ...(process.env.BENCH_PROFILE_DIR
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
        : []),
      '--require',
      'tsx/cjs',
      ...preload.flatMap((file) => ['--require', path.join(root, file)]),
      path.join(root, script),
    ],
    env,
    cwd: root,
    logFile,
    ready: () => Promise.resolve(/worker ready/.test(fs.readFileSync(logFile, 'utf8'))),
    readyTimeoutMs: 120_000,
  });
}

/** Resolves when `count()` reaches N, showing progress meanwhile. */
async function follow(label: string, count: () => Promise<number>): Promise<void> {
  const live = new LiveBlock();
  for (;;) {
    const n = await count();
    live.render(`${label} ${bar(n, N)} ${n} of ${N}`);
    if (n >= N) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type CommandCounts = Record<string, { all: number; slow: number }>;

function readCounts(file: string): CommandCounts {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as CommandCounts;
  } catch {
    return {};
  }
}

/** Commands counted in `files` since their snapshots, by the database or kind (`db command collection`) given. */
function commandsSince(files: [now: CommandCounts, then: CommandCounts][], key: string) {
  return files.reduce(
    (sum, [now, then]) => ({
      all: sum.all + (now[key]?.all ?? 0) - (then[key]?.all ?? 0),
      slow: sum.slow + (now[key]?.slow ?? 0) - (then[key]?.slow ?? 0),
    }),
    { all: 0, slow: 0 },
  );
}

/** Per application, every `db command collection` of `db` in the files. */
function commandsByKind(files: [CommandCounts, CommandCounts][], db: string): Record<string, number> {
  const kinds = new Set(files.flatMap(([now]) => Object.keys(now).filter((k) => k.startsWith(`${db} `))));
  return Object.fromEntries([...kinds].map((kind) => [kind, commandsSince(files, kind).all / N]));
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Raw Temporal; as the record floor (`floor`), its keepRecord steps write records as sscard's do (raw/activities.ts). */
async function runRaw(servers: BenchServers, dataDir: string, floor: boolean): Promise<RunFigures> {
  const name = floor ? 'floor' : 'raw';
  const taskQueue = `bench-${name}`;
  const countFile = path.join(dataDir, `mongo-${name}.json`);
  const worker = await startWorker(
    `${name}-worker`,
    'scripts/bench/raw/worker.ts',
    {
      ...process.env,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      BENCH_TASK_QUEUE: taskQueue,
      ...(floor ? { BENCH_RAW_MONGO_URI: servers.mongoUri, SSCARD_MONGO_COUNT_FILE: countFile } : {}),
    },
    path.join(dataDir, 'logs'),
  );
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({ connection });
  try {
    const pids = { worker: worker.pid, ...servers.pids };
    const start = (id: string) =>
      client.workflow.start('rawApplication', { workflowId: id, taskQueue, args: [] });
    const counts0 = readCounts(countFile);
    const before = cpuOf(pids);
    const started = Date.now();
    const handles = await Promise.all(Array.from({ length: N }, (_, i) => start(`${name}-${i}`)));
    let completed = 0;
    const results = Promise.all(handles.map((h) => h.result().then(() => void (completed += 1))));
    await follow(name.padEnd(10), () => Promise.resolve(completed));
    await results;
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSince(before, pids);
    const workerPeakMiB = memoryOf(worker.pid).peak;
    await pause(1000); // let the count file catch up
    const files: [CommandCounts, CommandCounts][] = [[readCounts(countFile), counts0]];
    const mongo = floor
      ? {
          commands: commandsSince(files, 'raw_bench').all / N,
          byKind: commandsByKind(files, 'raw_bench'),
        }
      : undefined;
    const histories = await analyseHistories(
      client,
      handles.map((h) => ({ workflowId: h.workflowId })),
    );
    const idleMs: number[] = [];
    for (let i = 0; i < IDLE; i++) {
      const t0 = Date.now();
      await (await start(`${name}-idle-${i}`)).result();
      idleMs.push(Date.now() - t0);
    }
    return { seconds, cpu, histories, ...(mongo ? { mongo } : {}), idleMs, workerPeakMiB };
  } finally {
    await connection.close();
    await worker.stop();
  }
}

async function runSscard(
  servers: BenchServers & { partners: PartnersStore },
  dataDir: string,
  store: StoreKind,
): Promise<RunFigures> {
  const workerCounts = path.join(dataDir, 'mongo-worker.json');
  const clientCounts = path.join(dataDir, 'mongo-client.json');
  const workerPartners = path.join(dataDir, 'partners-worker.json');
  const clientPartners = path.join(dataDir, 'partners-client.json');
  const env = {
    ...process.env,
    ...localSecrets(dataDir),
    TEMPORAL_ADDRESS: servers.temporalAddress,
    MONGODB_URI: servers.mongoUri,
    SSCARD_DB: `sscard_bench_${store}`,
    SSCARD_PARTNERS_DB: `partners_bench_${store}`,
    SSCARD_SIM_LATENCY_MS: '0',
    // No metrics port: it would collide with a local stack's worker.
    SSCARD_WORKER_METRICS: 'off',
    SSCARD_SIM_PRINT_MS: '0',
  };
  const worker = await startWorker(
    'sscard-worker',
    'workers/main.ts',
    {
      ...env,
      SSCARD_MONGO_COUNT_FILE: workerCounts,
      BENCH_PARTNERS_MONGODB_URI: servers.partners.mongoUri,
      BENCH_PARTNER_COUNT_FILE: workerPartners,
    },
    path.join(dataDir, 'logs'),
    ['scripts/bench/partners-store.ts'],
  );
  // This process's simulators (the bench registers the people; the client's partners) use the partners' store too.
  const partnersRoute = routePartnersDb(servers.partners.mongoUri, env.SSCARD_PARTNERS_DB, clientPartners);
  process.env.SSCARD_MONGO_COUNT_FILE = clientCounts;
  const system: OpenSscard = await openSscard(env);
  try {
    await system.stores.units.upsert({ ...UNIT, contact: `portal:unit:${UNIT._id}` });
    const people = syntheticPeople(N + IDLE, 20261202);
    await createSimulators(system.mongo.db(system.config.SSCARD_PARTNERS_DB)).registerPeople(people);
    // The bench's own count goes through a connection of its own, so it is not counted as sscard's.
    const watcher = await MongoClient.connect(servers.mongoUri);
    const records = watcher.db(system.config.SSCARD_DB).collection('application_records');
    const partnerCommands = () =>
      readPartnerCounts(workerPartners).commands + readPartnerCounts(clientPartners).commands;
    const pids = { worker: worker.pid, ...servers.pids, ...partnerRoles(servers.partners) };
    await pause(1000); // the count files start from here
    const counts0 = { ...readCounts(workerCounts) };
    const client0 = { ...readCounts(clientCounts) };
    const partners0 = partnerCommands();
    const sms0 = readPartnerCounts(workerPartners).sms;
    const before = cpuOf(pids);
    const started = Date.now();
    const submitted = await Promise.all(
      people
        .slice(0, N)
        .map((applicant) => system.client.applications.submit({ unitId: UNIT._id, applicant }, CLERK)),
    );
    // The bench follows the notifier's SMS from the worker's side, which costs sscard's store nothing, and asks
    // the records once they are all sent: FerretDB answers that count by reading every record.
    await follow('sscard'.padEnd(10), () => Promise.resolve(readPartnerCounts(workerPartners).sms - sms0));
    while ((await records.countDocuments({ notifiedAt: { $exists: true } })) < N) await pause(200);
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSince(before, pids);
    const workerPeakMiB = memoryOf(worker.pid).peak;
    await pause(1000); // let the count files catch up
    const files: [CommandCounts, CommandCounts][] = [
      [readCounts(workerCounts), counts0],
      [readCounts(clientCounts), client0],
    ];
    const sscardCommands = commandsSince(files, system.config.SSCARD_DB);
    const partners = (partnerCommands() - partners0) / N;
    await watcher.close();
    const docs = await Promise.all(submitted.map((s) => system.stores.records.get(s.applicationId)));
    const histories = await analyseHistories(
      system.temporal,
      docs.map((d) => ({ workflowId: d!.workflowId, runId: d!.runId })),
    );
    const idleMs: number[] = [];
    for (const applicant of people.slice(N)) {
      const t0 = Date.now();
      const { applicationId } = await system.client.applications.submit(
        { unitId: UNIT._id, applicant },
        CLERK,
      );
      while (!(await system.stores.records.get(applicationId))?.notifiedAt) await pause(5);
      idleMs.push(Date.now() - t0);
    }
    return {
      seconds,
      cpu,
      histories,
      mongo: {
        commands: sscardCommands.all / N,
        slow: sscardCommands.slow / N,
        partners,
        byKind: commandsByKind(files, system.config.SSCARD_DB),
      },
      idleMs,
      workerPeakMiB,
    };
  } finally {
    await system.close();
    await partnersRoute.close();
    await worker.stop();
  }
}

async function main(): Promise<void> {
  for (const store of STORES) {
    const dataDir = path.join(root, '.data', 'bench-throughput', store);
    removeLocalData(dataDir);
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const servers = await startBenchServers(dataDir, store, { partnersStore: true });
    const stopping = () => void servers.stop().then(() => process.exit(130));
    process.once('SIGINT', stopping);
    try {
      console.log(
        `\n── FerretDB on ${store}: ${N} raw workflows, ${N} of the record floor, then ${N} sscard applications ──`,
      );
      const raw = await runRaw(servers, dataDir, false);
      const floor = await runRaw(servers, dataDir, true);
      const sscard = await runSscard({ ...servers, partners: servers.partners! }, dataDir, store);
      if (!report({ store, n: N }, raw, floor, sscard)) process.exitCode = 1;
    } finally {
      process.off('SIGINT', stopping);
      await servers.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
