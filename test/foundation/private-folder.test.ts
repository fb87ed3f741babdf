import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ownEnvironment, privateClone } from '../support/private-clone';

// `npm test` from a clone in root's home (0700): the run's document store on PostgreSQL, which runs as another
// user there, and a test world of real servers. `npm start` from such a clone: test/foundation/processes.test.ts.
describe('a clone in a private folder', () => {
  it("runs the suite's document store on PostgreSQL and a test world", async function () {
    this.timeout(300_000);
    const clone = privateClone();
    try {
      assert.equal(fs.statSync(clone.home).mode & 0o777, 0o700);
      const mocha = spawn(
        path.join(clone.dir, 'node_modules', '.bin', 'mocha'),
        [
          '--reporter',
          'dot',
          'test/foundation/mongo.test.ts',
          'test/card-application/happy-path.test.ts',
          '--grep',
          'unique index|all seven steps',
        ],
        // postgresql, not auto: falling back to SQLite would hide the failure this is about.
        {
          cwd: clone.dir,
          env: ownEnvironment({ SSCARD_STORE: 'postgresql' }),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      mocha.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      mocha.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      const code = await new Promise((resolve) => mocha.once('exit', resolve));
      assert.equal(code, 0, out);
      assert.match(out, /2 passing/);
    } finally {
      clone.remove();
    }
  });
});
