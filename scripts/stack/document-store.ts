// The MongoDB-protocol server of the local stack, the tests and the benchmarks: FerretDB on PostgreSQL (Debian's
// package, installed with apt-get when missing), or on SQLite where PostgreSQL cannot be had. PostgreSQL is the
// default because FerretDB's SQLite backend reads a collection document by document for any filter but a bare
// `_id`, which makes the record keeping of a busy system crawl (see docs/operations.md, "Real servers").
import path from 'node:path';
import { FERRETDB } from '../tools/catalog';
import { describe, ensureTool, ToolUnavailableError } from '../tools/ensure';
import { describePostgres, ensurePostgres } from '../tools/postgres';
import { freePort, type RunningService } from './process';
import { createPostgresDatabase, mongoUriFor, startFerretDb, startPostgres } from './servers';

export const STORE_KINDS = ['postgresql', 'sqlite', 'auto'] as const;
export type StoreChoice = (typeof STORE_KINDS)[number];

export interface DocumentStore {
  uri: string;
  kind: 'postgresql' | 'sqlite';
  /** Started first to last: stop them in reverse. */
  services: RunningService[];
  pids: { ferretdb: number; postgres?: number };
}

/**
 * Starts FerretDB on `port` with its data under `dataDir`. `auto` (SSCARD_STORE, default) takes PostgreSQL when
 * it is installed or can be, and says why when it falls back to SQLite.
 */
export async function startDocumentStore(options: {
  dataDir: string;
  logDir: string;
  port: number;
  store?: StoreChoice;
  log?: (line: string) => void;
}): Promise<DocumentStore> {
  const log = options.log ?? console.log;
  const choice = options.store ?? (process.env.SSCARD_STORE as StoreChoice | undefined) ?? 'auto';
  if (!STORE_KINDS.includes(choice))
    throw new Error(`SSCARD_STORE=${choice}: use postgresql, sqlite or auto`);
  const ferret = ensureTool(FERRETDB);
  log(describe(ferret));
  const services: RunningService[] = [];
  let postgresUrl: string | undefined;
  let postgresPid: number | undefined;
  if (choice !== 'sqlite') {
    try {
      const postgres = ensurePostgres();
      log(describePostgres(postgres));
      const pgPort = await freePort();
      const server = await startPostgres({
        executable: postgres.path,
        port: pgPort,
        dataDir: path.join(options.dataDir, 'postgres'),
        logFile: path.join(options.logDir, 'postgres.log'),
      });
      services.push(server);
      postgresPid = server.pid;
      postgresUrl = createPostgresDatabase(postgres.path, pgPort, 'ferretdb');
    } catch (error) {
      // The last resort, said in one line: SQLite works anywhere, slowly for large batches.
      if (choice === 'postgresql') throw error;
      for (const service of services.reverse()) await service.stop();
      services.length = 0;
      postgresPid = undefined;
      const why = error instanceof ToolUnavailableError ? 'unavailable' : 'did not start';
      const cause = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      log(`postgresql: ${why} (${cause}); FerretDB runs on SQLite, which is slow for large batches`);
    }
  }
  try {
    const ferretdb = await startFerretDb({
      executable: ferret.path,
      port: options.port,
      dataDir: path.join(options.dataDir, 'ferretdb'),
      logFile: path.join(options.logDir, 'ferretdb.log'),
      ...(postgresUrl ? { postgresUrl } : {}),
    });
    services.push(ferretdb);
    return {
      uri: mongoUriFor(options.port),
      kind: postgresUrl ? 'postgresql' : 'sqlite',
      services,
      pids: { ferretdb: ferretdb.pid, ...(postgresPid ? { postgres: postgresPid } : {}) },
    };
  } catch (error) {
    for (const service of services.reverse()) await service.stop();
    throw error;
  }
}
