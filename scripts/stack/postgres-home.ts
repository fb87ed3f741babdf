// Where a local PostgreSQL keeps its files. PostgreSQL refuses to run as root, so as root it runs as `postgres`,
// which cannot enter a clone in a private folder (root's home is 0700). As root its files therefore live in
// /var/lib/sscard/postgres/<hash of the folder they belong in>/, and that folder holds a link to them; as any other
// user they stay where they belong. The link marks ownership: files whose link is gone (a reset, a removed clone,
// a test run's folder) are removed by the next start.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const POSTGRES_HOME = '/var/lib/sscard/postgres';

const runsAsPostgres = (): boolean => process.getuid?.() === 0;

/** The command prefix that runs a PostgreSQL program as its own user, when needed. */
export const asPostgresUser = (): string[] =>
  runsAsPostgres() ? ['setpriv', '--reuid=postgres', '--regid=postgres', '--init-groups'] : [];

/**
 * The data directory to give PostgreSQL for files that belong in `wanted`: `wanted` itself, or, as root, a folder
 * under POSTGRES_HOME that `wanted` links to, owned by `postgres`. A link that points elsewhere (or nowhere) is
 * replaced, and its files start afresh.
 */
export function postgresDataDir(wanted: string): string {
  const at = path.resolve(wanted);
  if (!runsAsPostgres()) {
    fs.mkdirSync(at, { recursive: true });
    return at;
  }
  removeOrphans();
  const home = path.join(POSTGRES_HOME, createHash('sha256').update(at).digest('hex').slice(0, 16));
  const data = path.join(home, 'data');
  if (linkTarget(at) !== data) {
    fs.rmSync(home, { recursive: true, force: true });
    fs.rmSync(at, { recursive: true, force: true });
    // Every folder on the way stays open to `postgres`; only its data directory is closed to others.
    fs.mkdirSync(home, { recursive: true, mode: 0o755 });
    for (const dir of [home, POSTGRES_HOME, path.dirname(POSTGRES_HOME)]) fs.chmodSync(dir, 0o755);
    fs.mkdirSync(data, { mode: 0o700 });
    fs.writeFileSync(path.join(home, 'owner'), at);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    fs.symlinkSync(data, at);
  }
  spawnSync('chown', ['-R', 'postgres:postgres', data]);
  return data;
}

/** Removes `dir` with the PostgreSQL files kept elsewhere for anything in it. */
export function removeLocalData(dir: string): void {
  const root = path.resolve(dir);
  if (fs.existsSync(root)) {
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isSymbolicLink()) continue;
      const target = linkTarget(path.join(entry.parentPath, entry.name));
      if (target?.startsWith(`${POSTGRES_HOME}/`))
        fs.rmSync(path.dirname(target), { recursive: true, force: true });
    }
  }
  fs.rmSync(root, { recursive: true, force: true });
}

function linkTarget(at: string): string | undefined {
  try {
    return fs.readlinkSync(at);
  } catch {
    return undefined;
  }
}

/** Files under POSTGRES_HOME whose folder no longer links to them, unless a server may still run on them. */
function removeOrphans(): void {
  if (!fs.existsSync(POSTGRES_HOME)) return;
  for (const name of fs.readdirSync(POSTGRES_HOME)) {
    const home = path.join(POSTGRES_HOME, name);
    const data = path.join(home, 'data');
    const owner = fs.existsSync(path.join(home, 'owner'))
      ? fs.readFileSync(path.join(home, 'owner'), 'utf8')
      : '';
    if (owner && linkTarget(owner) === data) continue;
    // A minute's grace: another run may be between making these files and linking them.
    if (serverRunsOn(data) || Date.now() - fs.statSync(home).mtimeMs < 60_000) continue;
    fs.rmSync(home, { recursive: true, force: true });
  }
}

function serverRunsOn(data: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
