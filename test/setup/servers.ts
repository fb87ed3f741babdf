// Real Temporal test environments and isolated databases for tests. Nothing here is a stand-in: the servers are
// the provisioned binaries, each test gets its own database on the run's FerretDB (or MONGODB_URI).
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { randomUUID } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';
import { TEMPORAL_CLI, TEST_SERVER } from '../../scripts/tools/catalog';
import { ensureTool } from '../../scripts/tools/ensure';

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
  if (!uri) throw new Error('MONGODB_URI is not set: run tests through mocha so test/setup/hooks.ts starts FerretDB');
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

export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTool(TEST_SERVER).path } },
  });
}

export async function createDevServerEnv(
  options: Parameters<typeof TestWorkflowEnvironment.createLocal>[0] = {},
): Promise<TestWorkflowEnvironment> {
  return TestWorkflowEnvironment.createLocal({
    ...options,
    server: { ...options.server, executable: { type: 'existing-path', path: ensureTool(TEMPORAL_CLI).path } },
  });
}
