// The configuration files of the self-hosted cluster (scripts/stack/cluster.ts): the Temporal server's, after the
// module's config/development-postgres12.yaml, and the Web UI server's. Written as JSON, which YAML parsers read
// as YAML, so that nothing has to be templated or escaped. Every port is chosen per start: several clusters (a
// stack, a test run) can run side by side.
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './process';

/** The server reads config/<env>.yaml below its --root; the UI server likewise below its own. */
export const CLUSTER_CONFIG_ENV = 'sscard';
/** Persisted in the databases at the first start: a cluster cannot change it afterwards. */
export const HISTORY_SHARDS = 4;
const SERVICES = ['frontend', 'history', 'matching', 'worker'] as const;

const DYNAMIC_CONFIG_FILE = 'dynamic.yaml';
/**
 * Settings a cluster reads at run time (and rereads every 10 s). A server's default allows each namespace 10
 * visibility calls a second per frontend: the operator console's queue counts are 10 counts a request, so a
 * second request within the second waited about 1.5 s for the limiter here. The dev server raises it to 100, and
 * so do we; a province's cluster needs the same (or `frontend.globalNamespaceRPS.visibility`).
 */
const DYNAMIC_CONFIG = {
  'frontend.namespaceRPS.visibility': [{ value: 100 }],
};

export interface ClusterPorts {
  /** The frontend's gRPC port: the address clients and workers use. */
  frontend: number;
  postgres: number;
}

function writeConfig(root: string, config: object): void {
  const dir = path.join(root, 'config');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, `${CLUSTER_CONFIG_ENV}.yaml`), `${JSON.stringify(config, null, 2)}\n`);
}

function sqlStore(database: string, port: number, maxConns: number) {
  return {
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `127.0.0.1:${port}`,
      connectProtocol: 'tcp',
      // The cluster's own PostgreSQL trusts local connections (scripts/stack/servers.ts, startPostgres).
      user: 'postgres',
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

/** Writes <root>/config/sscard.yaml for `server --root <root> --config config --env sscard start`. */
export async function writeServerConfig(root: string, ports: ClusterPorts): Promise<void> {
  const services: Record<string, { rpc: Record<string, number | boolean> }> = {};
  for (const name of SERVICES) {
    services[name] = {
      rpc: {
        grpcPort: name === 'frontend' ? ports.frontend : await freePort(),
        // Kept in the cluster_membership table as a smallint: freePort's ports (32768 and up) do not fit.
        membershipPort: await freePort(),
        bindOnLocalHost: true,
        ...(name === 'frontend' ? { httpPort: await freePort() } : {}),
      },
    };
  }
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      // SQL advanced visibility: custom search attributes and list filters, served by PostgreSQL.
      visibilityStore: 'postgres-visibility',
      numHistoryShards: HISTORY_SHARDS,
      datastores: {
        'postgres-default': sqlStore('temporal', ports.postgres, 20),
        'postgres-visibility': sqlStore('temporal_visibility', ports.postgres, 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: '127.0.0.1' } },
    services,
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `127.0.0.1:${ports.frontend}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    // No archival: closed workflows' records stay in MongoDB for good, histories go at the end of retention.
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    dynamicConfigClient: { filepath: path.join(root, 'config', DYNAMIC_CONFIG_FILE), pollInterval: '10s' },
  };
  writeConfig(root, config);
  fs.writeFileSync(
    path.join(root, 'config', DYNAMIC_CONFIG_FILE),
    `${JSON.stringify(DYNAMIC_CONFIG, null, 2)}\n`,
  );
}

export interface UiServerOptions {
  frontend: number;
  port: number;
  /** Remote codec endpoint the Web UI calls to show decrypted payloads. */
  codecEndpoint?: string;
}

/** Writes <root>/config/sscard.yaml for the UI server, `server --root <root> --env sscard start`. */
export function writeUiServerConfig(root: string, options: UiServerOptions): void {
  const config = {
    temporalGrpcAddress: `127.0.0.1:${options.frontend}`,
    host: '127.0.0.1',
    port: options.port,
    enableUi: true,
    defaultNamespace: 'default',
    // It would look for a newer release on the internet, which these machines do not reach.
    notifyOnNewVersion: false,
    refreshInterval: '1m',
    // Plain HTTP on loopback, as the dev server's UI: the CSRF cookie must be sent without HTTPS.
    cors: { cookieInsecure: true, allowOrigins: [`http://127.0.0.1:${options.port}`] },
    auth: { enabled: false },
    codec: { endpoint: options.codecEndpoint ?? '' },
  };
  writeConfig(root, config);
}
