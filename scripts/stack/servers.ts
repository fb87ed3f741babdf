// The two real servers of the local stack: the Temporal CLI dev server (with Web UI) and FerretDB.
import { Connection } from '@temporalio/client';
import { MongoClient } from 'mongodb';
import fs from 'node:fs';
import path from 'node:path';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
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
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return true;
      } finally {
        await connection.close();
      }
    },
  });
}

export interface FerretDbOptions {
  executable: string;
  port: number;
  dataDir: string;
  logFile: string;
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
      '--handler=sqlite',
      // WAL without a sync per commit (SQLite's NORMAL): safe against a crashed process, twice as fast on writes.
      `--sqlite-url=file:${dataDir}/?_pragma=synchronous(NORMAL)`,
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
