// Headless Chromium for the console's end-to-end test: Debian's own package, driven by playwright-core. Found at
// CHROMIUM_PATH, at /usr/bin/chromium, or installed with apt-get when the machine lets us (root, Debian).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ToolUnavailableError } from './ensure';

export const CHROMIUM_ENV = 'CHROMIUM_PATH';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export interface ResolvedChromium {
  path: string;
  source: 'env' | 'system' | 'installed';
}

function isExecutable(file: string): boolean {
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

export function ensureChromium(): ResolvedChromium {
  const fromEnv = process.env[CHROMIUM_ENV];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ToolUnavailableError(`${CHROMIUM_ENV}=${fromEnv} is not an executable file; fix or unset it`);
    }
    return { path: fromEnv, source: 'env' };
  }
  if (isExecutable(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: 'system' };
  const root = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!root || !hasApt) {
    throw new ToolUnavailableError(
      `chromium is not installed: run \`apt-get install -y chromium\` as root, or set ${CHROMIUM_ENV}`,
    );
  }
  // The package lists may be missing or stale on a fresh machine; refresh them only when the install needs it.
  const install = ['install', '-y', '-q', '--no-install-recommends', 'chromium'];
  if (!apt(install) && !(apt(['update', '-q']) && apt(install))) {
    throw new ToolUnavailableError(
      `apt-get install chromium failed; install it by hand or set ${CHROMIUM_ENV}`,
    );
  }
  if (!isExecutable(DEBIAN_CHROMIUM)) {
    throw new ToolUnavailableError(`apt-get installed chromium but ${DEBIAN_CHROMIUM} is missing`);
  }
  return { path: DEBIAN_CHROMIUM, source: 'installed' };
}

export function describeChromium(resolved: ResolvedChromium): string {
  const how = { env: `from ${CHROMIUM_ENV}`, system: 'installed', installed: 'installed with apt-get' }[
    resolved.source
  ];
  return `chromium: ${how} at ${resolved.path}`;
}
