// Starts the local servers as child processes that cannot outlive us: on Linux each is started under
// `setpriv --pdeathsig KILL`, so even a crashed or SIGKILLed parent leaves no orphan behind.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface ServiceSpec {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where stdout and stderr go; the last lines are shown if the service fails to start. */
  logFile: string;
  /** Resolves true once the service answers. */
  ready: () => Promise<boolean>;
  readyTimeoutMs?: number;
}

export interface RunningService {
  name: string;
  pid: number;
  stop(): Promise<void>;
}

const hasSetpriv =
  process.platform === 'linux' && spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

/** Binds the port (0: any the system gives) on 127.0.0.1 and lets it go again: it was free a moment ago. */
function tryPort(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const handedOut = new Set<number>();

/**
 * A free port below Linux's ephemeral range (32768 and up). A port the system hands out (listening on port 0) comes
 * from that range, where every outgoing connection of any process on the machine takes its own port too: one of
 * them took such a port between its check and the server's start while the suite's halves ran at once. Below
 * it, only another server asking here could. Temporal's cluster membership table also keeps a port in a signed
 * 16-bit column.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    // Free, but maybe handed out a moment ago for a server still starting (the cluster's configuration names
    // ten ports before any server binds one): never the same port twice.
    if (handedOut.has(candidate)) continue;
    const port = await tryPort(candidate).catch(() => undefined);
    if (port) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port between 20000 and 32000');
}

export function portAnswers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startService(spec: ServiceSpec): Promise<RunningService> {
  fs.mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const log = fs.openSync(spec.logFile, 'a');
  const [command, args] = hasSetpriv
    ? ['setpriv', ['--pdeathsig', 'KILL', '--', spec.command, ...spec.args]]
    : [spec.command, spec.args];
  const child = spawn(command, args, {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5_000);
    }
  };

  const deadline = Date.now() + (spec.readyTimeoutMs ?? 60_000);
  while (!(await spec.ready().catch(() => false))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const why = exited ? `exited with code ${child.exitCode}` : 'did not become ready in time';
      throw new Error(`${spec.name} ${why}; last lines of ${spec.logFile}:\n${tail(spec.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { name: spec.name, pid: child.pid!, stop };
}
