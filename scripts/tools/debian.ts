// Tools that come from Debian's packages (Chromium for the console test, PostgreSQL for FerretDB at scale):
// found at their environment variable, on the system, or installed with apt-get when the machine lets us
// (root, Debian). The package lists are refreshed only when an install needs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ToolUnavailableError } from './ensure';

export interface DebianTool {
  /** The Debian package that provides it. */
  package: string;
  /** Where the package puts the executable; the first that exists wins. */
  candidates: () => string[];
  /** The variable that points at another copy. */
  env: string;
}

export interface ResolvedDebianTool {
  path: string;
  source: 'env' | 'system' | 'installed';
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function apt(args: string[]): boolean {
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

export function ensureDebianTool(tool: DebianTool): ResolvedDebianTool {
  const fromEnv = process.env[tool.env];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ToolUnavailableError(`${tool.env}=${fromEnv} is not an executable file; fix or unset it`);
    }
    return { path: fromEnv, source: 'env' };
  }
  const found = () => tool.candidates().find(isExecutable);
  const present = found();
  if (present) return { path: present, source: 'system' };
  const root = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !hasApt) {
    throw new ToolUnavailableError(
      `${tool.package} is not installed: run \`apt-get install -y ${tool.package}\` as root, or set ${tool.env}`,
    );
  }
  const install = ['install', '-y', '-q', '--no-install-recommends', tool.package];
  if (!apt(install) && !(apt(['update', '-q']) && apt(install))) {
    throw new ToolUnavailableError(
      `apt-get install ${tool.package} failed; install it by hand or set ${tool.env}`,
    );
  }
  const installed = found();
  if (!installed)
    throw new ToolUnavailableError(`apt-get installed ${tool.package} but its executable is missing`);
  return { path: installed, source: 'installed' };
}

export function describeDebianTool(name: string, tool: DebianTool, resolved: ResolvedDebianTool): string {
  const how = { env: `from ${tool.env}`, system: 'installed', installed: 'installed with apt-get' }[
    resolved.source
  ];
  return `${name}: ${how} at ${resolved.path}`;
}
