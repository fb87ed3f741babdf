// Mocha global fixtures: one FerretDB for the whole run, on PostgreSQL as the stack runs it (SSCARD_STORE=sqlite for
// its SQLite backend), unless MONGODB_URI points at a server already; on free ports with data under .data/test/,
// stopped when the run ends however it ends.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import path from 'node:path';
import { startDocumentStore } from '../../scripts/stack/document-store';
import { removeLocalData } from '../../scripts/stack/postgres-home';
import { freePort } from '../../scripts/stack/process';
import type { RunningService } from '../../scripts/stack/process';

// Workers log warnings and errors only: a passing test run should read as a list of business situations.
Runtime.install({ logger: new DefaultLogger(process.env.SSCARD_TEST_LOG === 'WARN' ? 'WARN' : 'ERROR') });

let services: RunningService[] = [];
let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) return;
  const port = await freePort();
  dataDir = path.resolve(__dirname, '../../.data/test', `store-${process.pid}`);
  const store = await startDocumentStore({ dataDir, logDir: dataDir, port, log: () => undefined });
  services = store.services;
  process.env.MONGODB_URI = store.uri;
  process.env.SSCARD_TEST_STORE = store.kind;
}

export async function mochaGlobalTeardown(): Promise<void> {
  for (const service of services.reverse()) await service.stop();
  if (dataDir) removeLocalData(dataDir);
}

/** Names recorded histories after the test that produced them (see test/support/world.ts). */
export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    (globalThis as { __sscardTestTitle?: string }).__sscardTestTitle = this.currentTest?.title;
  },
};
