// `npm run bench`: sscard against a raw-Temporal baseline of the same shape (bench/raw/), in one run on the same
// fresh servers, worker as its own process, instant simulated partners. For each store (FerretDB on PostgreSQL,
// on SQLite) it starts N workflows at once and prints throughput, CPU per application by process, history events
// to the notification by type, MongoDB commands per application, workflow-task times, idle latency and worker
// memory. A measurement, not a test: nothing asserts. Do not run it beside the test suite (2 cores).
import fs from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { renderTable } from '../../cli/ui/table';
import { LiveBlock, bar } from '../../cli/ui/progress';
import { openSscard, type OpenSscard } from '../../client/connect';
import type { Actor } from '../../domain/actors';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { createSimulators } from '../../integrations/simulators';
import { syntheticPeople } from '../../integrations/simulators/people';
import { scriptOptions, wholeNumber } from '../options';
import { removeLocalData } from '../stack/postgres-home';
import { startService } from '../stack/process';
import { localSecrets } from '../stack/secrets';
import { analyseHistories, type HistoryFigures, percentile } from './histories';
import { cpuMs, memoryOf, treeCpuMs } from './proc';
import { startBenchServers, type BenchServers, type StoreKind } from './servers';

const HELP = `usage: npm run bench [-- options]

Starts N raw-Temporal workflows, then N sscard applications, at once, on the same fresh servers (Temporal dev
server, FerretDB, data under .data/bench-throughput), each worker as its own process, partners instant, and
prints what each cost. Then it runs one at a time on the idle system for the latency.

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

interface RunFigures {
  seconds: number;
  cpu: Record<string, number>;
  histories: HistoryFigures;
  mongo?: {
    sscard: number;
    sscardSlow: number;
    partners: number;
    /** Per application, by `database command collection`. */
    byKind: Record<string, number>;
  };
  idleMs: number[];
  workerPeakMiB: number;
}

type Pids = Record<string, number | undefined>;

/** CPU milliseconds of each role's process so far. */
function cpuOf(pids: Pids): Record<string, number> {
  const cpu: Record<string, number> = {};
  for (const [role, pid] of Object.entries(pids)) {
    if (pid) cpu[role] = role === 'postgres' ? treeCpuMs(pid) : cpuMs(pid);
  }
  cpu['bench client'] = (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  return cpu;
}

function cpuSince(before: Record<string, number>, pids: Pids): Record<string, number> {
  const after = cpuOf(pids);
  return Object.fromEntries(Object.entries(after).map(([role, ms]) => [role, ms - (before[role] ?? 0)]));
}

async function startWorker(name: string, script: string, env: NodeJS.ProcessEnv, logDir: string) {
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
      path.join(root, script),
    ],
    env,
    cwd: root,
    logFile,
    ready: () => Promise.resolve(/worker ready/.test(fs.readFileSync(logFile, 'utf8'))),
    readyTimeoutMs: 120_000,
  });
}

/** Resolves when `done()` holds, showing progress meanwhile. */
async function follow(label: string, count: () => Promise<number>): Promise<void> {
  const live = new LiveBlock();
  for (;;) {
    const n = await count();
    live.render(`${label} ${bar(n, N)} ${n} of ${N}`);
    if (n >= N) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The raw baseline; with `writes`, each of its ten steps also writes twice to MongoDB (raw/activities.ts). */
async function runRaw(servers: BenchServers, dataDir: string, writes: boolean): Promise<RunFigures> {
  const name = writes ? 'raw-writes' : 'raw';
  const taskQueue = `bench-${name}`;
  const worker = await startWorker(
    `${name}-worker`,
    'scripts/bench/raw/worker.ts',
    {
      ...process.env,
      TEMPORAL_ADDRESS: servers.temporalAddress,
      BENCH_TASK_QUEUE: taskQueue,
      ...(writes ? { BENCH_RAW_MONGO_URI: servers.mongoUri } : {}),
    },
    path.join(dataDir, 'logs'),
  );
  const connection = await Connection.connect({ address: servers.temporalAddress });
  const client = new Client({ connection });
  try {
    const pids = { worker: worker.pid, ...servers.pids };
    const start = (id: string) =>
      client.workflow.start('rawApplication', { workflowId: id, taskQueue, args: [] });
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
    return { seconds, cpu, histories, idleMs, workerPeakMiB };
  } finally {
    await connection.close();
    await worker.stop();
  }
}

function readCounts(file: string): Record<string, { all: number; slow: number }> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { all: number; slow: number }>;
  } catch {
    return {};
  }
}

async function runSscard(servers: BenchServers, dataDir: string, store: StoreKind): Promise<RunFigures> {
  const workerCounts = path.join(dataDir, 'mongo-worker.json');
  const clientCounts = path.join(dataDir, 'mongo-client.json');
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
    { ...env, SSCARD_MONGO_COUNT_FILE: workerCounts },
    path.join(dataDir, 'logs'),
  );
  process.env.SSCARD_MONGO_COUNT_FILE = clientCounts;
  const system: OpenSscard = await openSscard(env);
  try {
    await system.stores.units.upsert({ ...UNIT, contact: `portal:unit:${UNIT._id}` });
    const people = syntheticPeople(N + IDLE, 20261202);
    await createSimulators(system.mongo.db(system.config.SSCARD_PARTNERS_DB)).registerPeople(people);
    // The bench's own polls go through a connection of their own, so they are not counted as sscard's.
    const watcher = await MongoClient.connect(servers.mongoUri);
    const records = watcher.db(system.config.SSCARD_DB).collection('application_records');
    const notified = () => records.countDocuments({ notifiedAt: { $exists: true } });
    const pids = { worker: worker.pid, ...servers.pids };
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the count files start from here
    const counts0 = { ...readCounts(workerCounts) };
    const client0 = { ...readCounts(clientCounts) };
    const before = cpuOf(pids);
    const started = Date.now();
    const submitted = await Promise.all(
      people
        .slice(0, N)
        .map((applicant) => system.client.applications.submit({ unitId: UNIT._id, applicant }, CLERK)),
    );
    await follow('sscard'.padEnd(10), notified);
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSince(before, pids);
    const workerPeakMiB = memoryOf(worker.pid).peak;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the count files catch up
    const counted = (files: [Record<string, { all: number; slow: number }>, typeof counts0][], db: string) =>
      files.reduce(
        (sum, [now, then]) => ({
          all: sum.all + (now[db]?.all ?? 0) - (then[db]?.all ?? 0),
          slow: sum.slow + (now[db]?.slow ?? 0) - (then[db]?.slow ?? 0),
        }),
        { all: 0, slow: 0 },
      );
    const files: [Record<string, { all: number; slow: number }>, typeof counts0][] = [
      [readCounts(workerCounts), counts0],
      [readCounts(clientCounts), client0],
    ];
    const sscardCommands = counted(files, system.config.SSCARD_DB);
    const partnerCommands = counted(files, system.config.SSCARD_PARTNERS_DB);
    const kinds = new Set(files.flatMap(([now]) => Object.keys(now).filter((k) => k.includes(' '))));
    const byKind = Object.fromEntries([...kinds].map((kind) => [kind, counted(files, kind).all / N]));
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
      while (!(await system.stores.records.get(applicationId))?.notifiedAt) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      idleMs.push(Date.now() - t0);
    }
    return {
      seconds,
      cpu,
      histories,
      mongo: {
        sscard: sscardCommands.all / N,
        sscardSlow: sscardCommands.slow / N,
        partners: partnerCommands.all / N,
        byKind,
      },
      idleMs,
      workerPeakMiB,
    };
  } finally {
    await system.close();
    await worker.stop();
  }
}

function report(store: StoreKind, raw: RunFigures, rawWrites: RunFigures, sscard: RunFigures): void {
  const runs = [raw, rawWrites, sscard];
  const per = (ms: number) => `${(ms / N).toFixed(0)} ms`;
  const total = (f: RunFigures) => Object.values(f.cpu).reduce((a, b) => a + b, 0);
  const roles = [...new Set(runs.flatMap((f) => Object.keys(f.cpu)))];
  const rate = (f: RunFigures) => N / f.seconds;
  const ratio = (f: RunFigures) => `(ratio ${(rate(f) / rate(raw)).toFixed(2)})`;
  const tasks = (f: RunFigures) =>
    `p50 ${percentile(f.histories.taskRunMs, 50).toFixed(0)} · p99 ${percentile(f.histories.taskRunMs, 99).toFixed(0)} · ` +
    `max ${Math.max(...f.histories.taskRunMs).toFixed(0)} ms`;
  const over1s = (f: RunFigures) =>
    `${f.histories.taskRunMs.filter((t) => t > 1000).length} of ${f.histories.taskRunMs.length}`;
  const row = (label: string, cell: (f: RunFigures) => string): string[] => [label, ...runs.map(cell)];
  const rows: string[][] = [
    [
      'throughput',
      `${rate(raw).toFixed(1)} workflows/s`,
      `${rate(rawWrites).toFixed(1)} workflows/s ${ratio(rawWrites)}`,
      `${rate(sscard).toFixed(1)} applications/s ${ratio(sscard)}`,
    ],
    row('wall time for all', (f) => `${f.seconds.toFixed(1)} s`),
    row('CPU per application, all processes', (f) => per(total(f))),
    ...roles.map((role) => row(`  ${role}`, (f) => per(f.cpu[role] ?? 0))),
    row('history events to notification', (f) => String(f.histories.eventsToNotification)),
    [
      'MongoDB commands per application',
      '–',
      '20',
      `${sscard.mongo!.sscard.toFixed(1)}; simulated partners ${sscard.mongo!.partners.toFixed(1)}`,
    ],
    row('workflow task run time', tasks),
    row('workflow tasks over 1 s', over1s),
    row('workflow task wait p50', (f) => `${percentile(f.histories.taskWaitMs, 50).toFixed(0)} ms`),
    row('idle latency, start to notified (p50)', (f) => `${percentile(f.idleMs, 50).toFixed(0)} ms`),
    row('worker peak RSS', (f) => `${f.workerPeakMiB.toFixed(0)} MiB`),
  ];
  console.log(`\n${N} at once · FerretDB on ${store} · ${shanghaiDate(new Date())}`);
  console.log(renderTable(['', 'raw Temporal', 'raw + 20 MongoDB writes', 'sscard'], rows));
  console.log(
    "raw + 20 MongoDB writes: each of the raw workflow's ten steps inserts an entry and updates a record by _id, " +
      "the least record keeping\nof sscard's size; its ratio is the best sscard could reach with 20 commands if " +
      'everything else it does were free.',
  );
  const types = [...new Set(runs.flatMap((f) => Object.keys(f.histories.byType)))].sort();
  console.log(
    `\nhistory events to notification, by type (mean per workflow)\n${renderTable(
      ['event type', 'raw', 'sscard'],
      types.map((t) => [
        t,
        (raw.histories.byType[t] ?? 0).toFixed(1),
        (sscard.histories.byType[t] ?? 0).toFixed(1),
      ]),
    )}`,
  );
  const kinds = Object.entries(sscard.mongo!.byKind)
    .filter(([, perApplication]) => perApplication >= 0.05)
    .sort(([a], [b]) => a.localeCompare(b));
  console.log(
    `\nMongoDB commands per application, by database, command and collection\n${renderTable(
      ['command', 'per application'],
      kinds.map(([kind, perApplication]) => [kind, perApplication.toFixed(2)]),
    )}`,
  );
}

async function main(): Promise<void> {
  for (const store of STORES) {
    const dataDir = path.join(root, '.data', 'bench-throughput', store);
    removeLocalData(dataDir);
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    const servers = await startBenchServers(dataDir, store);
    const stopping = () => void servers.stop().then(() => process.exit(130));
    process.once('SIGINT', stopping);
    try {
      console.log(
        `\n── FerretDB on ${store}: ${N} raw workflows, ${N} raw workflows that write, then ${N} sscard applications ──`,
      );
      const raw = await runRaw(servers, dataDir, false);
      const rawWrites = await runRaw(servers, dataDir, true);
      const sscard = await runSscard(servers, dataDir, store);
      report(store, raw, rawWrites, sscard);
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
