// The console test's browser is provisioned like the servers: an explicit path first, then the system's.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_ENV, DEBIAN_CHROMIUM, ensureChromium } from '../../scripts/tools/chromium';

describe('chromium provisioning', () => {
  const saved = process.env[CHROMIUM_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[CHROMIUM_ENV];
    else process.env[CHROMIUM_ENV] = saved;
  });

  it('uses CHROMIUM_PATH when set, refuses one that is not executable, and otherwise the installed chromium', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-chromium-'));
    try {
      const notExecutable = path.join(dir, 'chromium');
      fs.writeFileSync(notExecutable, '');
      process.env[CHROMIUM_ENV] = notExecutable;
      assert.throws(() => ensureChromium(), /CHROMIUM_PATH=.* is not an executable file/);

      const executable = path.join(dir, 'my-chromium');
      fs.writeFileSync(executable, '#!/bin/sh\n', { mode: 0o755 });
      process.env[CHROMIUM_ENV] = executable;
      assert.deepEqual(ensureChromium(), { path: executable, source: 'env' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    delete process.env[CHROMIUM_ENV];
    // npm test provisioned it before the tests ran, so nothing is installed here.
    if (fs.existsSync(DEBIAN_CHROMIUM))
      assert.deepEqual(ensureChromium(), { path: DEBIAN_CHROMIUM, source: 'system' });
  });
});
