// `npm start`: the whole local system. Starts the Temporal dev server (with Web UI), or a self-hosted cluster with
// `--temporal cluster`, and FerretDB (on PostgreSQL, or SQLite where PostgreSQL cannot be installed; SSCARD_STORE
// chooses), the worker and
// the HTTP API with the operator console, runs a demo, prints the URLs and stays up until Ctrl-C. Servers that
// TEMPORAL_ADDRESS / MONGODB_URI point at are used instead of starting our own.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { TEMPORAL_CLI } from '../tools/catalog';
import { describe, ensureTool } from '../tools/ensure';
import { portAnswers, startService, type RunningService } from './process';
import { localSecrets } from './secrets';
import { localTokens } from './tokens';
import { startTemporalCluster } from './cluster';
import { startDocumentStore } from './document-store';
import { removeLocalData } from './postgres-home';
import { startTemporalDev } from './servers';
import { runDemo } from '../demo/run';

const HELP = `usage: npm start [-- options]

Starts the local sscard system: Temporal dev server + Web UI (or a self-hosted cluster), FerretDB (MongoDB
protocol), the worker and the HTTP API with the operator console, then runs a demo of a dozen applications.
Ctrl-C stops everything.

options:
  --temporal dev|cluster
                dev (default): the Temporal CLI's dev server, one process on SQLite. cluster: a self-hosted
                cluster, server 1.29.1 on PostgreSQL (SQL visibility, 4 history shards) and the Web UI server;
                built once into ~/.cache/sscard/tools, data in .data/stack/temporal-cluster
  --no-demo     start the system without the demo
  --reset       delete the local data (.data/stack) first: workflows, database, secrets
  --help        this text

environment (defaults in brackets):
  SSCARD_TEMPORAL_PORT [7233]  SSCARD_UI_PORT [8233]  SSCARD_MONGO_PORT [27017]  SSCARD_API_PORT [8080]
  SSCARD_SIM_PORT [8090]: the partner simulators' HTTP service, which the workers reach through the partners'
    HTTP adapters (SSCARD_PARTNERS=simulated-in-process runs the simulators inside the workers instead)
  SSCARD_STACK_DIR [.data/stack]: where the stack keeps its data, secrets and logs
  SSCARD_TEMPORAL [dev]: as --temporal, which wins
  SSCARD_WORKERS [1]: worker processes sharing the task queue (metrics on SSCARD_WORKER_METRICS, then the next ports)
  SSCARD_STORE [auto]: FerretDB on postgresql (apt-get installs it when missing), sqlite, or auto (postgresql
    when it can be had, else sqlite)
  TEMPORAL_ADDRESS, MONGODB_URI: use servers that already run instead of starting them`;

const { values: options } = parseArgs({
  options: {
    demo: { type: 'boolean', default: true },
    'no-demo': { type: 'boolean' },
    reset: { type: 'boolean' },
    temporal: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (options.help) {
  console.log(HELP);
  process.exit(0);
}
const temporalKind = z
  .enum(['dev', 'cluster'])
  .safeParse(options.temporal ?? process.env.SSCARD_TEMPORAL ?? 'dev');
if (!temporalKind.success) {
  console.error('--temporal / SSCARD_TEMPORAL: dev or cluster');
  process.exit(2);
}

const root = path.resolve(__dirname, '../..');
const dataDir = path.resolve(root, process.env.SSCARD_STACK_DIR ?? path.join('.data', 'stack'));
const logDir = path.join(dataDir, 'logs');
const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const ports = {
  temporal: port('SSCARD_TEMPORAL_PORT', 7233),
  ui: port('SSCARD_UI_PORT', 8233),
  mongo: port('SSCARD_MONGO_PORT', 27017),
  api: port('SSCARD_API_PORT', 8080),
  partners: port('SSCARD_SIM_PORT', 8090),
};

/** How many worker processes the stack runs (SSCARD_WORKERS), and where the i-th serves its metrics. */
const workerCount = Number(process.env.SSCARD_WORKERS ?? 1);
if (!Number.isInteger(workerCount) || workerCount < 1 || workerCount > 16) {
  console.error('SSCARD_WORKERS: a whole number of worker processes, 1 to 16');
  process.exit(2);
}
function workerMetrics(i: number): string {
  const first = process.env.SSCARD_WORKER_METRICS ?? '127.0.0.1:9464';
  if (first === 'off') return 'off';
  const [host, port] = [
    first.slice(0, first.lastIndexOf(':')),
    Number(first.slice(first.lastIndexOf(':') + 1)),
  ];
  return `${host}:${port + i - 1}`;
}

const services: RunningService[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log('\nstopping sscard…');
    for (const service of services.reverse()) await service.stop();
  }
  process.exit(code);
}

async function requireFree(portNumber: number, what: string, variable: string): Promise<void> {
  if (await portAnswers(portNumber)) {
    throw new Error(
      `port ${portNumber} (${what}) is already in use. Is another sscard stack running? ` +
        `Stop it with Ctrl-C in its terminal, or choose another port with ${variable}=<port>.`,
    );
  }
}

async function main(): Promise<void> {
  if (options.reset) removeLocalData(dataDir);
  fs.mkdirSync(logDir, { recursive: true });
  process.on('SIGINT', () => void stopAll(130));
  process.on('SIGTERM', () => void stopAll(143));

  const apiUrl = `http://127.0.0.1:${ports.api}`;
  let mongoUri = process.env.MONGODB_URI;
  if (!mongoUri) {
    await requireFree(ports.mongo, 'FerretDB', 'SSCARD_MONGO_PORT');
    const documents = await startDocumentStore({ dataDir, logDir, port: ports.mongo });
    services.push(...documents.services);
    mongoUri = documents.uri;
  }
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    await requireFree(ports.temporal, 'Temporal', 'SSCARD_TEMPORAL_PORT');
    await requireFree(ports.ui, 'Temporal Web UI', 'SSCARD_UI_PORT');
    if (temporalKind.data === 'cluster') {
      const cluster = await startTemporalCluster({
        dataDir: path.join(dataDir, 'temporal-cluster'),
        logDir,
        port: ports.temporal,
        uiPort: ports.ui,
        codecEndpoint: `${apiUrl}/codec`,
      });
      services.push(...cluster.services);
    } else {
      const cli = ensureTool(TEMPORAL_CLI);
      console.log(describe(cli));
      services.push(
        await startTemporalDev({
          executable: cli.path,
          port: ports.temporal,
          uiPort: ports.ui,
          dbFile: path.join(dataDir, 'temporal.db'),
          logFile: path.join(logDir, 'temporal.log'),
          codecEndpoint: `${apiUrl}/codec`,
        }),
      );
    }
    temporalAddress = `127.0.0.1:${ports.temporal}`;
  }
  await requireFree(ports.api, 'sscard API', 'SSCARD_API_PORT');
  const partnersKind = process.env.SSCARD_PARTNERS ?? 'http';
  if (partnersKind === 'http') await requireFree(ports.partners, 'partner simulators', 'SSCARD_SIM_PORT');

  const tokens = localTokens(dataDir);
  const env = {
    ...process.env,
    ...localSecrets(dataDir),
    SSCARD_API_SEED_KEYS: tokens.file,
    TEMPORAL_ADDRESS: temporalAddress,
    MONGODB_URI: mongoUri,
    SSCARD_API_PORT: String(ports.api),
    SSCARD_API_URL: apiUrl,
    SSCARD_PARTNERS: partnersKind,
    SSCARD_SIM_PORT: String(ports.partners),
    SSCARD_PARTNERS_URL: `http://127.0.0.1:${ports.partners}`,
    // The token the partners issue sscard: a fresh one each start, known only to the stack's processes.
    SSCARD_PARTNERS_TOKEN: process.env.SSCARD_PARTNERS_TOKEN ?? randomBytes(24).toString('base64url'),
  };
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const startNode = (
    name: string,
    script: string,
    ready: () => Promise<boolean>,
    ownEnv: Record<string, string> = {},
  ) =>
    startService({
      name,
      command: tsx,
      args: [path.join(root, script)],
      env: { ...env, ...ownEnv },
      cwd: root,
      logFile: path.join(logDir, `${name}.log`),
      ready,
      readyTimeoutMs: 120_000,
    });
  const logSays = (name: string, text: string) => () =>
    Promise.resolve(fs.readFileSync(path.join(logDir, `${name}.log`), 'utf8').includes(text));

  // The partners as their own service: the workers call them over HTTP, the manufacturer reports by webhook.
  if (partnersKind === 'http') {
    fs.writeFileSync(path.join(logDir, 'partners.log'), '');
    services.push(
      await startNode(
        'partners',
        'integrations/simulators/main.ts',
        logSays('partners', 'partner simulators ready'),
      ),
    );
    console.log(
      `partners: simulated at http://127.0.0.1:${ports.partners} (log: ${path.relative(process.cwd(), path.join(logDir, 'partners.log'))})`,
    );
  }
  // Several workers share the task queue as they would on several machines; each has its log and metrics port.
  for (let i = 1; i <= workerCount; i++) {
    const name = workerCount === 1 ? 'worker' : `worker-${i}`;
    fs.writeFileSync(path.join(logDir, `${name}.log`), '');
    const metrics = workerMetrics(i);
    services.push(
      await startNode(name, 'workers/main.ts', logSays(name, 'sscard worker ready'), {
        SSCARD_WORKER_METRICS: metrics,
      }),
    );
    console.log(
      `${name}: running (log: ${path.relative(process.cwd(), path.join(logDir, `${name}.log`))}, metrics: ${metrics})`,
    );
  }
  fs.writeFileSync(path.join(logDir, 'api.log'), '');
  // The Web UI on this machine decodes payloads through the API's codec endpoint without a token.
  const codecEnv = {
    SSCARD_UI_ORIGIN: `http://127.0.0.1:${ports.ui}`,
    SSCARD_CODEC_TRUST_LOOPBACK: process.env.SSCARD_CODEC_TRUST_LOOPBACK ?? 'true',
  };
  services.push(await startNode('api', 'api/main.ts', logSays('api', 'sscard api ready'), codecEnv));
  console.log(`api: ${apiUrl} (log: ${path.relative(process.cwd(), path.join(logDir, 'api.log'))})`);

  if (options.demo && !options['no-demo']) {
    await runDemo({ env });
  }

  console.log(`
sscard is running. Ctrl-C stops everything.
  Operator console  ${apiUrl}/console/
  HTTP API          ${apiUrl}/v1/  (reference: ${apiUrl}/docs/, OpenAPI: ${apiUrl}/openapi.json)
  API tokens        ${path.relative(process.cwd(), tokens.file)}
${tokens.keys.map((k) => `    ${k.name.padEnd(38)} ${k.token}`).join('\n')}
  Temporal Web UI   http://127.0.0.1:${ports.ui}/namespaces/default/workflows (decoded by ${apiUrl}/codec)
  Temporal service  ${temporalAddress}
  Metrics           ${apiUrl}/metrics (supervisor or admin key), workers: ${Array.from({ length: workerCount }, (_, i) => workerMetrics(i + 1)).join(', ')}
  Partners          ${partnersKind === 'http' ? `http://127.0.0.1:${ports.partners}/<partner>/ (contracts: /<partner>/openapi.json)` : 'simulated inside the workers'}
  MongoDB protocol  ${mongoUri}
  Logs              ${path.relative(process.cwd(), logDir)}/`);
  await new Promise(() => undefined);
}

main().catch(async (error: unknown) => {
  console.error(`\nsscard could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
