// Mocha global fixtures: one FerretDB for the whole run (unless MONGODB_URI points at a server already), on a free
// port with its data under .data/test/, stopped when the run ends however it ends.
import { DefaultLogger, Runtime } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { FERRETDB } from '../../scripts/tools/catalog';
import { ensureTool } from '../../scripts/tools/ensure';
import { freePort } from '../../scripts/stack/process';
import type { RunningService } from '../../scripts/stack/process';
import { mongoUriFor, startFerretDb } from '../../scripts/stack/servers';

// Workers log warnings and errors only: a passing test run should read as a list of business situations.
Runtime.install({ logger: new DefaultLogger(process.env.SSCARD_TEST_LOG === 'WARN' ? 'WARN' : 'ERROR') });

let ferret: RunningService | undefined;
let dataDir: string | undefined;

export async function mochaGlobalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) return;
  const port = await freePort();
  dataDir = path.resolve(__dirname, '../../.data/test', `ferretdb-${process.pid}`);
  ferret = await startFerretDb({
    executable: ensureTool(FERRETDB).path,
    port,
    dataDir,
    logFile: path.join(dataDir, 'ferretdb.log'),
  });
  process.env.MONGODB_URI = mongoUriFor(port);
}

export async function mochaGlobalTeardown(): Promise<void> {
  await ferret?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Names recorded histories after the test that produced them (see test/support/world.ts). */
export const mochaHooks = {
  beforeEach(this: Mocha.Context): void {
    (globalThis as { __sscardTestTitle?: string }).__sscardTestTitle = this.currentTest?.title;
  },
};
