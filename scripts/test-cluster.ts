// `npm run test:cluster`: the tests that otherwise start Temporal dev servers, run against a self-hosted cluster
// (scripts/stack/cluster.ts) started for the run, with its data under .data/test/ and removed afterwards. With
// SSCARD_TEST_TEMPORAL_ADDRESS set, they run against that cluster instead and nothing is started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTemporalCluster } from './stack/cluster';
import { removeLocalData } from './stack/postgres-home';
import { freePort, type RunningService } from './stack/process';

/**
 * The suites that show what a cluster does otherwise than the dev server, out of those whose Temporal server comes
 * from createDevServerEnv (test/setup/servers.ts): the end-to-end runs (an application over HTTP partners, the
 * partners' task queues and their rates, the patch register's counts from SQL visibility, a namespace's setup), and
 * the API suites that read visibility (the queues and lists by role, the administrators' views). The other API,
 * command-line and console suites ask of Temporal only what both servers do alike, and run on the dev server.
 */
const SPECS = [
  'test/e2e/*.test.ts',
  'test/api/queues-and-calendar.test.ts',
  'test/api/roles.test.ts',
  'test/api/http.test.ts',
];

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`usage: npm run test:cluster [-- [mocha args...]]

Builds (once; cached in ~/.cache/sscard/tools) and starts a self-hosted Temporal cluster: server 1.29.1 on
PostgreSQL with SQL visibility and 4 history shards, then runs on it ${SPECS.join(', ')}.
Extra arguments go to mocha, e.g. npm run test:cluster -- --grep "end to end".
SSCARD_TEST_TEMPORAL_ADDRESS=host:port runs them against that cluster (its default namespace must have sscard's
search attributes: npm run setup:temporal) and starts none.`);
  process.exit(0);
}

const root = path.resolve(__dirname, '..');
let services: RunningService[] = [];
let dataDir: string | undefined;

/** Stops the cluster; its data goes too, unless the run failed and its logs may tell why. */
async function stopCluster(failed: boolean): Promise<void> {
  const running = services;
  services = [];
  for (const service of running.reverse()) await service.stop();
  if (!dataDir) return;
  if (failed)
    console.log(`temporal cluster: logs kept in ${path.relative(root, path.join(dataDir, 'logs'))}/`);
  else removeLocalData(dataDir);
}

function mocha(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(
    path.join(root, 'node_modules/.bin/mocha'),
    ['--reporter', 'test/setup/reporter.ts', ...SPECS, ...args],
    { cwd: root, stdio: 'inherit', env },
  );
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  let address = process.env.SSCARD_TEST_TEMPORAL_ADDRESS;
  if (address) {
    console.log(`temporal cluster: SSCARD_TEST_TEMPORAL_ADDRESS=${address}`);
  } else {
    const started = Date.now();
    dataDir = path.join(root, '.data/test', `cluster-${process.pid}`);
    const cluster = await startTemporalCluster({
      dataDir,
      logDir: path.join(dataDir, 'logs'),
      port: await freePort(),
      retentionDays: 1,
    });
    services = cluster.services;
    address = cluster.address;
    console.log(`temporal cluster: ready at ${address} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return mocha({ ...process.env, SSCARD_TEST_TEMPORAL_ADDRESS: address });
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => void stopCluster(false).finally(() => process.exit(code)));
}

main().then(
  async (code) => {
    await stopCluster(code !== 0);
    process.exit(code);
  },
  async (error: unknown) => {
    console.error(`test:cluster: ${error instanceof Error ? error.message : String(error)}`);
    await stopCluster(true);
    process.exit(1);
  },
);
