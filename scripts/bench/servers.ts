// The servers a benchmark runs on, fresh for each run, on free ports, with data under .data/<name>: the Temporal
// dev server (or the self-hosted cluster on PostgreSQL, as a province runs it), and FerretDB on PostgreSQL (Debian's
// package) or on SQLite. MONGODB_URI uses that server instead.
// The simulated partners keep their books on a document store of their own, as a real bank's are on its machines,
// so that the measured store's commands and CPU are sscard's alone.
import path from 'node:path';
import { TEMPORAL_CLI } from '../tools/catalog';
import { describe, ensureTool } from '../tools/ensure';
import { startDocumentStore } from '../stack/document-store';
import { freePort, type RunningService } from '../stack/process';
import { startTemporalCluster } from '../stack/cluster';
import { startTemporalDev } from '../stack/servers';

export type StoreKind = 'postgresql' | 'sqlite';
export type TemporalKind = 'dev' | 'cluster';

export interface BenchServers {
  temporalAddress: string;
  mongoUri: string;
  /** Process IDs to measure, by role; a missing role runs elsewhere. */
  pids: { temporal: number; 'temporal postgres'?: number; ferretdb?: number; postgres?: number };
  /** The simulated partners' own store, measured apart, when asked for. */
  partners?: { mongoUri: string; pids: { ferretdb: number; postgres?: number } };
  stop(): Promise<void>;
}

export async function startBenchServers(
  dataDir: string,
  store: StoreKind,
  options: { partnersStore?: boolean; temporal?: TemporalKind } = {},
): Promise<BenchServers> {
  const logDir = path.join(dataDir, 'logs');
  const services: RunningService[] = [];
  const stop = async () => {
    for (const service of services.reverse()) await service.stop();
  };
  try {
    const [temporalPort, uiPort, mongoPort, partnersPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    let pids: BenchServers['pids'];
    if (options.temporal === 'cluster') {
      // No Web UI: nobody looks at a benchmark's workflows, and its server would be measured by nobody.
      const cluster = await startTemporalCluster({
        dataDir: path.join(dataDir, 'cluster'),
        logDir,
        port: temporalPort,
        log: (line) => console.log(line),
      });
      services.push(...cluster.services);
      const [postgres, server] = cluster.services;
      pids = { temporal: server!.pid, 'temporal postgres': postgres!.pid };
    } else {
      const cli = ensureTool(TEMPORAL_CLI);
      console.log(describe(cli));
      const temporal = await startTemporalDev({
        executable: cli.path,
        port: temporalPort,
        uiPort,
        logFile: path.join(logDir, 'temporal.log'),
      });
      services.push(temporal);
      pids = { temporal: temporal.pid };
    }
    let mongoUri = process.env.MONGODB_URI;
    if (!mongoUri) {
      const documents = await startDocumentStore({ dataDir, logDir, port: mongoPort, store });
      services.push(...documents.services);
      Object.assign(pids, documents.pids);
      mongoUri = documents.uri;
    }
    const partners = options.partnersStore
      ? await startDocumentStore({
          dataDir: path.join(dataDir, 'partners'),
          logDir: path.join(logDir, 'partners'),
          port: partnersPort,
          store,
          log: () => undefined, // the same versions as the measured store's, said above
        })
      : undefined;
    if (partners) services.push(...partners.services);
    return {
      temporalAddress: `127.0.0.1:${temporalPort}`,
      mongoUri,
      pids,
      ...(partners ? { partners: { mongoUri: partners.uri, pids: partners.pids } } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
