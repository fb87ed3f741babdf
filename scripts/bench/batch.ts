// `npm run bench:batch`: one large batch through the real local stack (the Temporal dev server or the self-hosted
// cluster, FerretDB, the workers as processes of their own) with instant simulated partners. Prints wall time,
// applications per second, CPU by process, the largest history in the batch's tree, the peak of pending children and
// activities in any batch run, and each worker's resident memory at 25/50/75/100 % of the applications notified.
// A measurement, not a test: nothing asserts.
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { temporal as proto } from '@temporalio/proto';
import { bar, LiveBlock } from '../../cli/ui/progress';
import { renderTable } from '../../cli/ui/table';
import { batchWorkflowId } from '../../client/batches';
import { batchProgressQuery } from '../../workflows/batch/messages';
import { openSscard } from '../../client/connect';
import type { Actor } from '../../domain/actors';
import { createSimulators } from '../../integrations/simulators';
import { syntheticPeople } from '../../integrations/simulators/people';
import { scriptOptions, wholeNumber } from '../options';
import { removeLocalData } from '../stack/postgres-home';
import { startService, type RunningService } from '../stack/process';
import { localSecrets } from '../stack/secrets';
import { cpuMs, memoryOf, treeCpuMs } from './proc';
import { startBenchServers, type StoreKind, type TemporalKind } from './servers';

const HELP = `usage: npm run bench:batch [-- options]

Runs one batch of synthetic applicants through a fresh local stack (its own Temporal dev server or self-hosted
cluster, FerretDB and worker processes on free ports, data under .data/bench) with instant simulated partners, and
prints what it measured. MONGODB_URI runs it against that MongoDB-protocol server instead of a fresh FerretDB (FerretDB's SQLite
backend scans collections for conditional updates, which makes large batches slow there; see docs/operations.md, "Real servers").

options:
  --applicants N   batch size [10000]
  --page-size N    staged rows per page, one start activity each [500]
  --window N       applications a page's activity starts at once [50]
  --in-flight N    the batch's sliding window: applications on their way at most [1000 per worker]
  --workers N      worker processes [1]
  --temporal T     dev (the CLI's dev server) or cluster (self-hosted, on PostgreSQL) [dev]
  --store S        FerretDB's backend: postgresql (installed with apt-get when missing) or sqlite [postgresql]
  --help           this text`;

const options = scriptOptions(HELP, {
  applicants: { type: 'string', default: '10000' },
  'page-size': { type: 'string', default: '500' },
  window: { type: 'string', default: '50' },
  'in-flight': { type: 'string', default: '' },
  workers: { type: 'string', default: '1' },
  temporal: { type: 'string', default: 'dev' },
  store: { type: 'string', default: 'postgresql' },
});
if (options.temporal !== 'dev' && options.temporal !== 'cluster') {
  console.error('--temporal must be dev or cluster');
  process.exit(2);
}
if (options.store !== 'postgresql' && options.store !== 'sqlite') {
  console.error('--store must be postgresql or sqlite');
  process.exit(2);
}
const APPLICANTS = wholeNumber('applicants', options.applicants, 1);
const PAGE_SIZE = wholeNumber('page-size', options['page-size'], 1);
const WINDOW = wholeNumber('window', options.window, 1);
const WORKERS = wholeNumber('workers', options.workers, 1);
const IN_FLIGHT = wholeNumber('in-flight', options['in-flight'] || String(1000 * WORKERS), 1);

const UNIT = {
  _id: '91330106MA2B0001',
  name: 'Bench Manufacturing Co.',
  region: '330106',
  status: 'active' as const,
};
const CLERK: Actor = { role: 'unit_clerk', id: 'bench-clerk', unitId: UNIT._id };
const root = path.resolve(__dirname, '../..');
/**
 * How often the bench asks the batch workflow for its progress: the counts of its own last reading, so that the
 * bench adds no reading of the records (each an aggregation over all of the batch's, see below).
 */
const POLL_MS = 5000;
const dataDir = path.join(root, '.data', 'bench');

type HistoryEvent = proto.api.history.v1.IHistoryEvent;

/** Every run of the batch workflow: history length, and the most children and activities pending at once. */
async function batchRuns(temporal: Client, batchId: string) {
  const runs: { events: number; peakChildren: number; peakActivities: number }[] = [];
  const first = await temporal.workflow.getHandle(batchWorkflowId(batchId)).describe();
  let runId: string | undefined = first.raw.workflowExecutionInfo?.firstRunId ?? first.runId;
  while (runId) {
    const { events = [] } = (await temporal.workflow
      .getHandle(batchWorkflowId(batchId), runId)
      .fetchHistory()) as {
      events?: HistoryEvent[];
    };
    let children = 0;
    let activities = 0;
    const run = { events: events.length, peakChildren: 0, peakActivities: 0 };
    for (const e of events) {
      if (e.startChildWorkflowExecutionInitiatedEventAttributes) children++;
      if (
        e.childWorkflowExecutionCompletedEventAttributes ||
        e.startChildWorkflowExecutionFailedEventAttributes
      )
        children--;
      if (e.activityTaskScheduledEventAttributes) activities++;
      if (e.activityTaskCompletedEventAttributes || e.activityTaskFailedEventAttributes) activities--;
      run.peakChildren = Math.max(run.peakChildren, children);
      run.peakActivities = Math.max(run.peakActivities, activities);
    }
    runs.push(run);
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** The longest history among the batch's applications. Visibility records history length only when a run
 * closes, and the applications still wait for collection, so each one is described. */
async function longestApplicationHistory(temporal: Client, batchId: string): Promise<number> {
  const ids: string[] = [];
  for await (const execution of temporal.workflow.list({
    query: `SscardBatch = '${batchId}' AND SscardKind = 'application'`,
  }))
    ids.push(execution.workflowId);
  let longest = 0;
  for (let i = 0; i < ids.length; i += 50) {
    const described = await Promise.all(
      ids.slice(i, i + 50).map((id) => temporal.workflow.getHandle(id).describe()),
    );
    for (const d of described)
      longest = Math.max(longest, Number(d.raw.workflowExecutionInfo?.historyLength ?? 0));
  }
  return longest;
}

/** CPU milliseconds of each process so far (a PostgreSQL with its backends), and of this script. */
function cpuOf(pids: Record<string, number | undefined>): Record<string, number> {
  const cpu: Record<string, number> = {};
  for (const [role, pid] of Object.entries(pids))
    if (pid) cpu[role] = role.includes('postgres') ? treeCpuMs(pid) : cpuMs(pid);
  const own = process.cpuUsage();
  cpu['bench client'] = (own.user + own.system) / 1000;
  return cpu;
}

async function main(): Promise<void> {
  removeLocalData(dataDir);
  const logDir = path.join(dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const servers = await startBenchServers(dataDir, options.store as StoreKind, {
    temporal: options.temporal as TemporalKind,
  });
  const services: RunningService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
    await servers.stop();
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  try {
    const env = {
      ...process.env,
      ...localSecrets(dataDir),
      TEMPORAL_ADDRESS: servers.temporalAddress,
      MONGODB_URI: servers.mongoUri,
      SSCARD_DB: `sscard_bench_${Date.now()}`,
      SSCARD_SIM_LATENCY_MS: '0',
      // No metrics port: it would collide with a local stack's worker, and the workers' with each other.
      SSCARD_WORKER_METRICS: 'off',
      SSCARD_SIM_PRINT_MS: '0',
    };
    const workers: RunningService[] = [];
    for (let n = 1; n <= WORKERS; n++) {
      const workerLog = path.join(logDir, `worker-${n}.log`);
      fs.writeFileSync(workerLog, '');
      const worker = await startService({
        name: `worker ${n}`,
        command: process.execPath,
        args: ['--require', 'tsx/cjs', path.join(root, 'workers/main.ts')],
        env,
        cwd: root,
        logFile: workerLog,
        ready: () => Promise.resolve(fs.readFileSync(workerLog, 'utf8').includes('sscard worker ready')),
        readyTimeoutMs: 120_000,
      });
      services.push(worker);
      workers.push(worker);
    }
    console.log(
      `Temporal (${options.temporal}), ${WORKERS} worker(s) up (pids ${workers.map((w) => w.pid).join(', ')}); ` +
        `staging ${APPLICANTS} synthetic applicants…`,
    );
    const pids = {
      ...servers.pids,
      ...Object.fromEntries(workers.map((w) => [w.name, w.pid])),
    };

    const system = await openSscard(env);
    try {
      await system.stores.units.upsert({ ...UNIT, contact: `portal:unit:${UNIT._id}` });
      const people = syntheticPeople(APPLICANTS, 20261129);
      await createSimulators(system.mongo.db(system.config.SSCARD_PARTNERS_DB)).registerPeople(people);

      const cpuBefore = cpuOf(pids);
      const started = Date.now();
      const receipt = await system.client.batches.submit({ unitId: UNIT._id, applicants: people }, CLERK, {
        pageSize: PAGE_SIZE,
        window: WINDOW,
        inFlight: IN_FLIGHT,
        // The window's room is read at its default; the counts behind it and behind each poll aggregate the batch's
        // records, which FerretDB does by reading every one of them, so a bench reading them itself every few seconds
        // measured mostly its own reading at 20,000 (FerretDB's CPU per application doubled as the batch grew).
        pollEvery: '10 seconds',
        maxPollEvery: '30 seconds',
      });
      const stagedMs = Date.now() - started;
      const batch = system.temporal.workflow.getHandle(batchWorkflowId(receipt.batchId));
      const live = new LiveBlock();
      const memoryAt: { at: string; seconds: number; rss: number[] }[] = [];
      const marks = [25, 50, 75, 100];
      const peakRss = workers.map(() => 0);
      let finished: ReturnType<typeof cpuOf> | undefined;
      for (;;) {
        // Unanswered before the workflow's first task and between two runs: the next poll asks again.
        const progress = await batch.query(batchProgressQuery).catch(() => undefined);
        const memory = workers.map((w) => memoryOf(w.pid));
        memory.forEach((m, i) => (peakRss[i] = Math.max(peakRss[i]!, m.peak)));
        const done = progress?.counts.done ?? 0;
        const percent = (100 * done) / receipt.staged;
        while (marks.length > 0 && percent >= marks[0]!) {
          memoryAt.push({
            at: `${marks.shift()} %`,
            seconds: (Date.now() - started) / 1000,
            rss: memory.map((m) => m.rss),
          });
        }
        const rss = memory.map((m) => `${m.rss.toFixed(0)}`).join(' / ');
        live.render(
          `started  ${bar(progress?.rows.started ?? 0, receipt.staged)} ${progress?.rows.started ?? 0}\n` +
            `notified ${bar(done, receipt.staged)} ${done} of ${receipt.staged} · worker RSS ${rss} MiB`,
        );
        // CPU is read once the batch's last reading (every 10 s at most) finds every application notified.
        if (done >= receipt.staged && finished === undefined) finished = cpuOf(pids);
        if (progress?.phase === 'notified') break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      // The time is the last notice's, from the records: one reading of them, after the measurement.
      const records = await system.stores.records.forBatch(receipt.batchId);
      const lastNotice = records.reduce((last, r) => Math.max(last, r.notifiedAt?.getTime() ?? 0), 0);
      const wallSeconds = (lastNotice - started) / 1000;
      const cpuAfter = finished ?? cpuOf(pids);
      const cpu = Object.entries(cpuAfter).map(
        ([role, ms]) => [role, (ms - (cpuBefore[role] ?? 0)) / receipt.staged] as const,
      );
      const cpuTotal = cpu.reduce((sum, [, ms]) => sum + ms, 0);
      const runs = await batchRuns(system.temporal, receipt.batchId);
      const longestApp = await longestApplicationHistory(system.temporal, receipt.batchId);
      const figures: [string, string][] = [
        ['Temporal', options.temporal === 'cluster' ? 'self-hosted cluster on PostgreSQL' : 'CLI dev server'],
        ['workers · sliding window', `${WORKERS} · ${IN_FLIGHT} on their way at most`],
        ['applicants', String(receipt.staged)],
        ['staging (validate + write rows)', `${(stagedMs / 1000).toFixed(1)} s`],
        ['wall time, submit to all notified', `${wallSeconds.toFixed(1)} s`],
        ['applications per second', (receipt.staged / wallSeconds).toFixed(1)],
        ['CPU per application, all processes', `${cpuTotal.toFixed(0)} ms`],
        ...cpu.map(([role, ms]): [string, string] => [`  ${role}`, `${ms.toFixed(0)} ms`]),
        ['batch runs (continue-as-new)', String(runs.length)],
        ['largest batch run history', `${Math.max(...runs.map((r) => r.events))} events`],
        ['largest application history', `${longestApp} events`],
        ['peak pending children (any run)', String(Math.max(...runs.map((r) => r.peakChildren)))],
        ['peak pending activities (any run)', String(Math.max(...runs.map((r) => r.peakActivities)))],
        ['worker peak RSS', peakRss.map((p) => `${p.toFixed(0)} MiB`).join(' / ')],
      ];
      console.log(`\n${renderTable(['measure', 'value'], figures)}`);
      console.log(
        `\nworker memory while the batch ran\n${renderTable(
          ['notified', 'after', 'worker RSS'],
          memoryAt.map((m) => [
            m.at,
            `${m.seconds.toFixed(0)} s`,
            m.rss.map((r) => `${r.toFixed(0)} MiB`).join(' / '),
          ]),
        )}`,
      );
    } finally {
      await system.close();
    }
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
