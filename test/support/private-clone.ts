// A copy of this checkout inside a folder only its owner may enter, as a clone in root's home (0700) is: what the
// servers started from it must cope with. The copy is the working tree's files (tracked or not ignored), with
// this checkout's npm packages linked in.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeLocalData } from '../../scripts/stack/postgres-home';

const root = path.resolve(__dirname, '../..');

export interface PrivateClone {
  /** The copy's root, inside `home`. */
  dir: string;
  /** The private folder (mode 0700). */
  home: string;
  remove(): void;
}

export function privateClone(): PrivateClone {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-home-'));
  fs.chmodSync(home, 0o700);
  const dir = path.join(home, 'sscard');
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree, not yet in the index
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
    fs.chmodSync(path.join(dir, file), fs.statSync(from).mode);
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  return { dir, home, remove: () => removeLocalData(home) };
}

/** The environment of a run of its own: not this test run's database or Temporal. */
export function ownEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const own = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !['MONGODB_URI', 'TEMPORAL_ADDRESS', 'SSCARD_TEST_STORE'].includes(name),
    ),
  );
  return { ...own, ...extra };
}
