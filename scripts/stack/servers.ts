// The real servers of the local stack: the Temporal CLI dev server (with Web UI) and FerretDB, on SQLite, or on
// PostgreSQL where a run needs conditional updates served by index (large batches).
import { Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { asPostgresUser, postgresDataDir } from './postgres-home';
import { portAnswers, startService, type RunningService } from './process';

const CLI_TYPE_NAMES: Record<string, string> = {
  KEYWORD: 'Keyword',
  TEXT: 'Text',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export interface TemporalDevOptions {
  executable: string;
  port: number;
  uiPort: number;
  /** SQLite file that keeps workflows across restarts; omit for an in-memory server. */
  dbFile?: string;
  logFile: string;
  /** Remote codec endpoint the Web UI calls to show decrypted payloads. */
  codecEndpoint?: string;
}

export async function startTemporalDev(options: TemporalDevOptions): Promise<RunningService> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--ui-port',
    String(options.uiPort),
    '--log-level',
    'warn',
    // Temporal's own stress CI runs the dev server this way: one SQLite connection is its bottleneck.
    '--sqlite-pragma',
    'journal_mode=WAL',
    '--sqlite-pragma',
    'synchronous=OFF',
    ...(options.dbFile ? ['--db-filename', options.dbFile] : []),
    ...(options.codecEndpoint ? ['--ui-codec-endpoint', options.codecEndpoint] : []),
    ...ALL_SEARCH_ATTRIBUTES.flatMap((key) => [
      '--search-attribute',
      `${key.name}=${CLI_TYPE_NAMES[key.type]}`,
    ]),
  ];
  if (options.dbFile) fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  return startService({
    name: 'temporal',
    command: options.executable,
    args,
    logFile: options.logFile,
    readyTimeoutMs: 120_000,
    ready: async () => {
      if (!(await portAnswers(options.port)) || !(await portAnswers(options.uiPort))) return false;
      return frontendServes(address, 'default');
    },
  });
}

/** Whether a Temporal frontend answers for the namespace: it is up and knows it (throws while it does not). */
export async function frontendServes(address: string, namespace: string): Promise<boolean> {
  const connection = await Connection.connect({ address, connectTimeout: 2000 });
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return true;
  } finally {
    await connection.close();
  }
}

export interface FerretDbOptions {
  executable: string;
  port: number;
  dataDir: string;
  logFile: string;
  /** FerretDB on this PostgreSQL database instead of SQLite files in dataDir. */
  postgresUrl?: string;
}

export interface PostgresOptions {
  /** The `postgres` server executable; initdb sits beside it. */
  executable: string;
  port: number;
  dataDir: string;
  logFile: string;
}

/**
 * A throwaway PostgreSQL cluster for FerretDB: created on first use, trusting local connections, without fsync
 * (a local stack's data is disposable). Its files belong in `dataDir` (see postgres-home.ts for where they are kept
 * when it runs as root, as `postgres`). Its programs run inside their data directory: `postgres` may not be able
 * to enter the folder we run in.
 */
export async function startPostgres(options: PostgresOptions): Promise<RunningService> {
  const dataDir = postgresDataDir(options.dataDir);
  const asPostgres = asPostgresUser();
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const initdb = path.join(path.dirname(options.executable), 'initdb');
    const [command, ...args] = [
      ...asPostgres,
      initdb,
      '-D',
      dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ];
    const result = spawnSync(command, args, { encoding: 'utf8', cwd: dataDir });
    if (result.status !== 0) throw new Error(`initdb failed: ${result.stderr || result.stdout}`);
  }
  const server = [options.executable, '-D', dataDir, '-p', String(options.port), '-k', dataDir];
  const settings = [
    'listen_addresses=127.0.0.1',
    'max_connections=300',
    'fsync=off',
    'synchronous_commit=off',
    'full_page_writes=off',
  ];
  const [command, ...prefix] =
    asPostgres.length > 0 ? [...asPostgres, '--pdeathsig', 'KILL', '--'] : [server[0]!];
  return startService({
    name: 'postgres',
    command: command,
    args: [
      ...prefix,
      ...(asPostgres.length > 0 ? server : server.slice(1)),
      ...settings.flatMap((s) => ['-c', s]),
    ],
    cwd: dataDir,
    logFile: options.logFile,
    readyTimeoutMs: 60_000,
    ready: () => portAnswers(options.port),
  });
}

/** Waits until a PostgreSQL started by startPostgres takes queries: its port answers a moment before. */
export function waitForPostgresQueries(executable: string, port: number): void {
  const psql = path.join(path.dirname(executable), 'psql');
  for (let attempt = 0; attempt < 60; attempt++) {
    const probe = [`postgres://postgres@127.0.0.1:${port}/postgres`, '-c', 'SELECT 1'];
    if (spawnSync(psql, probe, { stdio: 'ignore' }).status === 0) return;
    spawnSync('sleep', ['0.5']);
  }
}

const FERRETDB_TUNING = path.join(__dirname, 'ferretdb-postgres.sql');

/** Creates the database FerretDB keeps its data in, once, and lets FerretDB's reads use its indexes. */
export function createPostgresDatabase(executable: string, port: number, name: string): string {
  const psql = path.join(path.dirname(executable), 'psql');
  const url = `postgres://postgres@127.0.0.1:${port}`;
  waitForPostgresQueries(executable, port);
  spawnSync(psql, [`${url}/postgres`, '-c', `CREATE DATABASE ${name}`], { stdio: 'ignore' });
  // Finds by index instead of by reading the whole collection (the file says how).
  const tuned = spawnSync(psql, [`${url}/${name}`, '-v', 'ON_ERROR_STOP=1', '-q', '-f', FERRETDB_TUNING], {
    encoding: 'utf8',
  });
  if (tuned.status !== 0) throw new Error(`tuning PostgreSQL for FerretDB failed: ${tuned.stderr.trim()}`);
  // FerretDB's pool must outnumber its clients' connections: with the default (50) and a worker's 100, every
  // pooled connection can end up waiting for another one and FerretDB stops answering (seen in the bench).
  return `${url}/${name}?pool_max_conns=250`;
}

export function mongoUriFor(port: number): string {
  return `mongodb://127.0.0.1:${port}/`;
}

export async function startFerretDb(options: FerretDbOptions): Promise<RunningService> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const dataDir = path.resolve(options.dataDir);
  return startService({
    name: 'ferretdb',
    command: options.executable,
    args: [
      ...(options.postgresUrl
        ? ['--handler=postgresql', `--postgresql-url=${options.postgresUrl}`]
        : [
            '--handler=sqlite',
            // WAL without a sync per commit (SQLite's NORMAL): safe against a crashed process, faster writes.
            `--sqlite-url=file:${dataDir}/?_pragma=synchronous(NORMAL)`,
          ]),
      `--state-dir=${dataDir}`,
      `--listen-addr=127.0.0.1:${options.port}`,
      '--telemetry=disable',
      // Its debug/metrics listener defaults to a fixed port (8088), which would clash between stacks.
      '--debug-addr=127.0.0.1:0',
      '--log-level=warn',
    ],
    cwd: dataDir,
    logFile: options.logFile,
    ready: async () => {
      if (!(await portAnswers(options.port))) return false;
      const client = await MongoClient.connect(mongoUriFor(options.port), { serverSelectionTimeoutMS: 2000 });
      try {
        await client.db('admin').command({ ping: 1 });
        return true;
      } finally {
        await client.close();
      }
    },
  });
}
