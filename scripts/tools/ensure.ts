// Finds or provisions one tool and says in one line which way it went.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toolDir, type ToolSpec } from './catalog';

export type ToolSource = 'env' | 'cache' | 'built' | 'downloaded';

export interface ResolvedTool {
  tool: ToolSpec;
  path: string;
  source: ToolSource;
}

export class ToolUnavailableError extends Error {}

const POM = path.join(__dirname, 'test-server.pom.xml');
const INITIAL_TIME_LAUNCHER = path.join(__dirname, 'InitialTimeTestServer.java');

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): string {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: options.env ?? process.env,
    cwd: options.cwd,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new ToolUnavailableError(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
  }
  return result.stdout;
}

function buildWithGo(tool: ToolSpec, staging: string): void {
  const pkg = tool.goPackage!;
  const bin = path.join(staging, tool.relativeBin);
  if (!tool.goVersionFile) {
    run('go', ['install', `${pkg}@v${tool.version}`], { env: { ...process.env, GOBIN: path.dirname(bin) } });
    // `go install` names the binary after the package's folder (the server and the UI server are both `server`).
    const installed = path.join(path.dirname(bin), path.basename(pkg));
    if (installed !== bin) fs.renameSync(installed, bin);
    return;
  }
  const modulePath = pkg.split('/').slice(0, 3).join('/');
  const download = JSON.parse(run('go', ['mod', 'download', '-json', `${modulePath}@v${tool.version}`])) as {
    Dir: string;
  };
  const source = path.join(staging, 'src');
  fs.cpSync(download.Dir, source, { recursive: true });
  run('chmod', ['-R', 'u+w', source]);
  fs.writeFileSync(path.join(source, tool.goVersionFile), `v${tool.version}\n`);
  run('go', ['build', '-buildvcs=false', '-o', bin, `./${pkg.slice(modulePath.length + 1)}`], {
    cwd: source,
  });
  fs.rmSync(source, { recursive: true, force: true });
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Builds into a private staging folder and renames it into place, so a concurrent run never sees half a tool. */
function installAtomically(tool: ToolSpec, fill: (staging: string) => void): string {
  const final = toolDir(tool);
  const staging = `${final}.staging-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.join(staging, 'bin'), { recursive: true });
  try {
    fill(staging);
    fs.mkdirSync(path.dirname(final), { recursive: true });
    try {
      fs.renameSync(staging, final);
    } catch (error) {
      // Another process finished first: keep theirs.
      if (!isExecutable(path.join(final, tool.relativeBin))) throw error;
    }
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return path.join(final, tool.relativeBin);
}

function build(tool: ToolSpec): string {
  return installAtomically(tool, (staging) => {
    if (tool.builder === 'go') return buildWithGo(tool, staging);
    const lib = path.join(staging, 'lib');
    run('mvn', [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      `-DtestServerVersion=${tool.version}`,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
    ]);
    // A launcher that starts the same services at a chosen instant (`--initial-time=<epoch ms>`), for tests that
    // must begin on a given local day; compiled once here, next to the jars.
    const classes = path.join(staging, 'classes');
    run('javac', ['-cp', `${lib}/*`, '-d', classes, INITIAL_TIME_LAUNCHER]);
    // The SDK starts the server as `<exe> <port> [extra args]`; folders are resolved next to this wrapper at run time.
    const wrapper = [
      '#!/bin/sh',
      'here=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)',
      'case "${2:-}" in',
      '  --initial-time=*) exec java -Xss2m -cp "$here/lib/*:$here/classes" InitialTimeTestServer "$1" "${2#--initial-time=}" ;;',
      'esac',
      'exec java -Xss2m -cp "$here/lib/*" io.temporal.testserver.TestServer "$@"',
      '',
    ].join('\n');
    fs.writeFileSync(path.join(staging, tool.relativeBin), wrapper, { mode: 0o755 });
  });
}

function download(tool: ToolSpec): string {
  const url = tool.downloadUrl;
  if (!url) throw new ToolUnavailableError(`${tool.name} has no download; install ${tool.builder}`);
  return installAtomically(tool, (staging) => {
    const file = path.join(staging, 'download');
    run('curl', ['-fsSL', '--retry', '2', '-o', file, url]);
    const target = path.join(staging, tool.relativeBin);
    if (url.includes('archive')) {
      run('tar', ['-xzf', file, '-C', path.join(staging, 'bin'), tool.name]);
    } else {
      fs.renameSync(file, target);
    }
    fs.chmodSync(target, 0o755);
    fs.rmSync(file, { force: true });
  });
}

export function ensureTool(tool: ToolSpec): ResolvedTool {
  const fromEnv = process.env[tool.envVar];
  if (fromEnv) {
    if (!isExecutable(fromEnv)) {
      throw new ToolUnavailableError(`${tool.envVar}=${fromEnv} is not an executable file; fix or unset it`);
    }
    return { tool, path: fromEnv, source: 'env' };
  }
  const cached = path.join(toolDir(tool), tool.relativeBin);
  if (isExecutable(cached)) return { tool, path: cached, source: 'cache' };
  const needsJava = tool.builder === 'mvn' && !(onPath('java') && onPath('javac'));
  if (onPath(tool.builder) && !needsJava) return { tool, path: build(tool), source: 'built' };
  if (tool.downloadUrl) return { tool, path: download(tool), source: 'downloaded' };
  throw new ToolUnavailableError(
    `${tool.name} ${tool.version} needs ${tool.builder}${tool.builder === 'mvn' ? ' and java' : ''} on PATH, ` +
      `or ${tool.envVar} pointing at an existing executable`,
  );
}

export function describe(resolved: ResolvedTool): string {
  const how = {
    env: `from ${resolved.tool.envVar}`,
    cache: 'cached',
    built: `built with ${resolved.tool.builder}`,
    downloaded: 'downloaded',
  }[resolved.source];
  return `${resolved.tool.name} ${resolved.tool.version}: ${how} at ${resolved.path}`;
}
