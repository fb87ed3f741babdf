// The workflow code a worker runs, bundled once per version of the source instead of in every worker at start:
// webpack in the worker's own process took 8 to 18 s on this machine (a restarted worker's outage in the fault run)
// and its memory stayed in the worker's peak. The bundle is built by a child process and kept under
// .data/workflow-bundles/, named by a hash of the source and the lock file; the next start of any worker of this
// checkout loads it. A worker that cannot keep one (a read-only checkout) bundles in process as before.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const SOURCE_DIRS = [
  'workflows',
  'domain',
  'crypto',
  'activities',
  'integrations',
  'store',
  'client',
  'config',
];

/** A hash of everything a bundle could be made of: the source folders the workflows may import, and the lock. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.(ts|js|json)$/.test(entry.name))
        hash.update(path.relative(ROOT, file)).update(fs.readFileSync(file));
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(ROOT, dir));
  hash.update(fs.readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The path of this source's bundle, built by a child process when it is not there yet; undefined when it cannot
 * be kept (the worker then bundles in process).
 */
export async function cachedWorkflowBundle(log: (msg: string) => void): Promise<string | undefined> {
  const dir = path.join(ROOT, '.data', 'workflow-bundles');
  const file = path.join(dir, `${sourceHash()}.js`);
  if (fs.existsSync(file)) return file;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const started = Date.now();
    await promisify(execFile)(
      process.execPath,
      ['--require', 'tsx/cjs', path.join(__dirname, 'bundle-workflows.ts'), file],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    log(`workflow bundle built in ${Date.now() - started} ms: ${path.relative(ROOT, file)}`);
    return file;
  } catch (error) {
    log(`workflow bundle not kept (${(error as Error).message.split('\n')[0]}): bundling in this process`);
    return undefined;
  }
}
