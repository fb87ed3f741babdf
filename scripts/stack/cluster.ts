// A self-hosted Temporal cluster on this machine, run the way a cluster is run rather than as the dev server: the
// server built from its Go module (1.29.1, the release CLI 1.5.1's dev server embeds), its SQL schema tool,
// PostgreSQL from Debian for persistence and SQL advanced visibility, 4 history shards, and the Web UI as a server of
// its own. All four services run in one server process. Its data stays in dataDir, so a second start skips the
// setup and finds its workflows again. `npm start -- --temporal cluster` and `npm run test:cluster` start it.
import { Connection } from '@temporalio/client';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { prepareNamespace } from '../../client/setup-temporal';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { TEMPORAL_SERVER, TEMPORAL_SQL_TOOL, TEMPORAL_UI_SERVER } from '../tools/catalog';
import { describe, ensureTool } from '../tools/ensure';
import { describePostgres, ensurePostgres } from '../tools/postgres';
import { CLUSTER_CONFIG_ENV, writeServerConfig, writeUiServerConfig } from './cluster-config';
import { ensureNamespace, waitForSearchAttributes } from './namespaces';
import { freePort, portAnswers, startService, type RunningService } from './process';
import { frontendServes, startPostgres, waitForPostgresQueries } from './servers';

/** The two databases and the schema of each that the schema tool carries in its binary. */
const DATABASES = [
  { name: 'temporal', schema: 'postgresql/v12/temporal' },
  { name: 'temporal_visibility', schema: 'postgresql/v12/visibility' },
];

export interface ClusterOptions {
  /** Where PostgreSQL's data and the generated configuration live. */
  dataDir: string;
  logDir: string;
  /** The frontend's gRPC port; the services' other ports are free ones chosen at each start. */
  port: number;
  /** Where the Web UI listens; without it no UI server is built or started (tests). */
  uiPort?: number;
  /** Remote codec endpoint the Web UI calls to show decrypted payloads. */
  codecEndpoint?: string;
  /** How long the `default` namespace keeps closed workflows (7 days unless said). */
  retentionDays?: number;
  log?: (line: string) => void;
}

export interface TemporalCluster {
  address: string;
  namespace: string;
  uiUrl?: string;
  /** Started first to last: stop them in reverse. */
  services: RunningService[];
}

/**
 * Creates each database unless it exists, and brings its schema to the newest version the tool knows: all three
 * steps are safe to repeat (`setup-schema -v 0.0` only creates the version tables when they are missing), so a
 * cluster created by an older release is upgraded on start, as its operators would do by hand.
 */
function migrateDatabases(tool: string, postgresPort: number, logFile: string): void {
  for (const database of DATABASES) {
    const connect = [
      '--plugin',
      'postgres12',
      '--endpoint',
      '127.0.0.1',
      '--port',
      String(postgresPort),
      '--user',
      'postgres',
      '--database',
      database.name,
    ];
    const steps = [
      ['create-database'],
      ['setup-schema', '-v', '0.0'],
      ['update-schema', '--schema-name', database.schema],
    ];
    for (const step of steps) {
      const result = spawnSync(tool, [...connect, ...step], { encoding: 'utf8' });
      const output = `${result.stdout}${result.stderr}`;
      fs.appendFileSync(logFile, `$ temporal-sql-tool ${[...connect, ...step].join(' ')}\n${output}\n`);
      if (result.status === 0) continue;
      if (step[0] === 'create-database' && /already exists/.test(output)) continue;
      throw new Error(`temporal-sql-tool ${step[0]} of ${database.name} failed; see ${logFile}`);
    }
  }
}

/** Starts the cluster and prepares its `default` namespace for sscard; on any failure, stops what it started. */
export async function startTemporalCluster(options: ClusterOptions): Promise<TemporalCluster> {
  const log = options.log ?? console.log;
  const server = ensureTool(TEMPORAL_SERVER);
  const sqlTool = ensureTool(TEMPORAL_SQL_TOOL);
  const ui = options.uiPort === undefined ? undefined : ensureTool(TEMPORAL_UI_SERVER);
  // No fallback as for FerretDB: SQLite would make this the dev server again.
  const postgres = ensurePostgres();
  for (const tool of [server, sqlTool, ...(ui ? [ui] : [])]) log(describe(tool));
  log(describePostgres(postgres));

  const dataDir = path.resolve(options.dataDir);
  const logFile = (name: string) => path.join(options.logDir, `${name}.log`);
  const address = `127.0.0.1:${options.port}`;
  const namespace = 'default';
  const services: RunningService[] = [];
  try {
    const postgresPort = await freePort();
    services.push(
      await startPostgres({
        executable: postgres.path,
        port: postgresPort,
        dataDir: path.join(dataDir, 'postgres'),
        logFile: logFile('temporal-postgres'),
      }),
    );
    waitForPostgresQueries(postgres.path, postgresPort);
    migrateDatabases(sqlTool.path, postgresPort, logFile('temporal-schema'));

    const serverRoot = path.join(dataDir, 'server');
    await writeServerConfig(serverRoot, { frontend: options.port, postgres: postgresPort });
    services.push(
      await startService({
        name: 'temporal-server',
        command: server.path,
        args: [
          '--root',
          serverRoot,
          '--config',
          'config',
          '--env',
          CLUSTER_CONFIG_ENV,
          '--allow-no-auth',
          'start',
        ],
        cwd: serverRoot,
        logFile: logFile('temporal-server'),
        readyTimeoutMs: 120_000,
        // The frontend answers for its own system namespace once it has joined the cluster's membership ring.
        ready: async () => (await portAnswers(options.port)) && frontendServes(address, 'temporal-system'),
      }),
    );

    const connection = await Connection.connect({ address });
    try {
      const retentionDays = options.retentionDays ?? 7;
      await ensureNamespace(connection, namespace, retentionDays);
      const prepared = await prepareNamespace(connection, namespace, retentionDays);
      if (prepared.added.length > 0) {
        await waitForSearchAttributes(connection, namespace, ALL_SEARCH_ATTRIBUTES[0]!.name);
      }
    } finally {
      await connection.close();
    }

    let uiUrl: string | undefined;
    if (ui && options.uiPort !== undefined) {
      const uiPort = options.uiPort;
      const uiRoot = path.join(dataDir, 'ui');
      writeUiServerConfig(uiRoot, {
        frontend: options.port,
        port: uiPort,
        ...(options.codecEndpoint ? { codecEndpoint: options.codecEndpoint } : {}),
      });
      uiUrl = `http://127.0.0.1:${uiPort}`;
      const healthz = `${uiUrl}/healthz`;
      services.push(
        await startService({
          name: 'temporal-ui-server',
          command: ui.path,
          args: ['--root', uiRoot, '--config', 'config', '--env', CLUSTER_CONFIG_ENV, 'start'],
          cwd: uiRoot,
          logFile: logFile('temporal-ui-server'),
          ready: async () => (await fetch(healthz)).ok,
        }),
      );
    }
    return { address, namespace, services, ...(uiUrl ? { uiUrl } : {}) };
  } catch (error) {
    for (const service of services.reverse()) await service.stop();
    throw error;
  }
}
