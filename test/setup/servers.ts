// Real Temporal test environments and isolated databases for tests. Nothing here is a stand-in: the servers are
// the provisioned binaries, each test gets its own database on the run's FerretDB (or MONGODB_URI).
import { Connection, type ConnectionPlugin } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { TEMPORAL_CLI, TEST_SERVER } from '../../scripts/tools/catalog';
import { ensureTool } from '../../scripts/tools/ensure';
import { prepareNamespace } from '../../client/setup-temporal';
import { ensureNamespace, waitForSearchAttributes } from '../../scripts/stack/namespaces';

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

export interface TestDb {
  db: Db;
  client: MongoClient;
  close(): Promise<void>;
}

/** A fresh, empty database of its own; dropped on close. */
export async function openTestDb(prefix = 't'): Promise<TestDb> {
  const uri = process.env.MONGODB_URI;
  if (!uri)
    throw new Error('MONGODB_URI is not set: run tests through mocha so test/setup/hooks.ts starts FerretDB');
  const client = await MongoClient.connect(uri);
  const db = client.db(uniqueName(prefix).replace(/-/g, '_'));
  return {
    db,
    client,
    close: async () => {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}

/**
 * The Java test server refuses client keepalive pings more often than every 5 minutes (grpc-java's default) and
 * answers them with GOAWAY, which leaves long calls such as env.sleep() hanging. Ping less often.
 */
const gentleKeepalive: ConnectionPlugin = {
  name: 'sscard-test-keepalive',
  configureConnection: (options) => ({
    ...options,
    channelArgs: {
      ...options.channelArgs,
      'grpc.keepalive_time_ms': 10 * 60_000,
      'grpc.keepalive_permit_without_calls': 0,
    },
  }),
};

/**
 * When the run's time-skipping servers start unless a test chooses its own instant: `SSCARD_TEST_START` (an ISO
 * instant) runs the suite as if it were another day; unset, they start at the machine's clock, as the SDK's do.
 */
export function defaultTestStart(): Date | undefined {
  const value = process.env.SSCARD_TEST_START;
  if (!value) return undefined;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`SSCARD_TEST_START=${value} is not an ISO instant`);
  return at;
}

/**
 * The time-skipping test server, with sscard's search attributes registered as on the dev server. `startAt` sets
 * the server's clock (workflow time) at start, in the past or the future, so a test begins on a day of its choosing.
 */
export async function createTimeSkippingEnv(
  options: { startAt?: Date } = {},
): Promise<TestWorkflowEnvironment> {
  const startAt = options.startAt ?? defaultTestStart();
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: ensureTool(TEST_SERVER).path },
      extraArgs: startAt ? [`--initial-time=${startAt.getTime()}`] : [],
    },
    plugins: [gentleKeepalive],
  });
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPE[key.type]!]),
    ),
  });
  return env;
}

const INDEXED_VALUE_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  DOUBLE: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

/**
 * A dev server of the test's own, or, when SSCARD_TEST_TEMPORAL_ADDRESS names a running cluster (`npm run
 * test:cluster` starts one), a new namespace of the test's own on that cluster: with sscard's search attributes
 * when the test registers them (as `npm run setup:temporal` prepares a namespace), none otherwise, as a fresh
 * cluster. Its own, so that what visibility counts is the test's workflows only.
 */
export async function createDevServerEnv(
  options: Parameters<typeof TestWorkflowEnvironment.createLocal>[0] = {},
): Promise<TestWorkflowEnvironment> {
  const cluster = process.env.SSCARD_TEST_TEMPORAL_ADDRESS;
  if (cluster) {
    const namespace = uniqueName('sscard-test');
    const connection = await Connection.connect({ address: cluster });
    try {
      await ensureNamespace(connection, namespace, 1);
      if (options.server?.searchAttributes?.length) {
        await prepareNamespace(connection, namespace, 1);
        await waitForSearchAttributes(connection, namespace, ALL_SEARCH_ATTRIBUTES[0]!.name);
      }
    } finally {
      await connection.close();
    }
    return TestWorkflowEnvironment.createFromExistingServer({ address: cluster, namespace });
  }
  return TestWorkflowEnvironment.createLocal({
    ...options,
    server: { ...options.server, executable: { type: 'existing-path', path: ensureTool(TEMPORAL_CLI).path } },
  });
}
