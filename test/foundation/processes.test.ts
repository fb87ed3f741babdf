import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { freePort, portAnswers } from '../../scripts/stack/process';
import { ownEnvironment, privateClone } from '../support/private-clone';

interface Started {
  pids: number[];
  ports: number[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startServers(): Promise<{ child: ReturnType<typeof spawn>; started: Started }> {
  const root = path.resolve(__dirname, '../..');
  // Plain node with tsx's hook: one process, so killing it is killing the servers' parent (the tsx command
  // would put a second process in between).
  const child = spawn(
    process.execPath,
    ['--require', 'tsx/cjs', path.join(__dirname, '../fixtures/start-servers.ts')],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const started = await new Promise<Started>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Started);
    });
    child.once('exit', (code) => reject(new Error(`server starter exited with ${code}`)));
  });
  return { child, started };
}

async function gone(started: Started): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const living = started.pids.filter(alive);
    const open = [];
    for (const port of started.ports) if (await portAnswers(port)) open.push(port);
    if (living.length === 0 && open.length === 0) return;
    if (Date.now() > deadline) assert.fail(`left behind: pids ${living.join(',')} ports ${open.join(',')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('the local servers leave nothing behind', () => {
  it('are answering while their parent lives', async () => {
    const { child, started } = await startServers();
    try {
      assert.ok(started.pids.every(alive));
      for (const port of started.ports) assert.ok(await portAnswers(port), `port ${port} answers`);
    } finally {
      child.kill('SIGINT');
      await gone(started);
    }
  });

  it('stop with their parent when it is killed outright (a crash), freeing their ports', async () => {
    const { child, started } = await startServers();
    child.kill('SIGKILL');
    await gone(started);
  });
});

/** `count` free ports in a row (a stack's workers take the metrics ports after the first). */
async function neighbouringFreePorts(count: number): Promise<number> {
  for (;;) {
    const first = await freePort();
    let free = true;
    for (let i = 1; i < count && free; i++)
      free = await new Promise<boolean>((resolve) => {
        const probe = net.createServer().once('error', () => resolve(false));
        probe.listen(first + i, '127.0.0.1', () => probe.close(() => resolve(true)));
      });
    if (free) return first;
  }
}

describe('free ports', () => {
  it('are never handed out twice, though none was bound yet, and lie below the system’s ephemeral range', async () => {
    const ports = [];
    for (let i = 0; i < 300; i++) ports.push(await freePort());
    assert.equal(new Set(ports).size, ports.length);
    assert.ok(ports.every((port) => port >= 20_000 && port < 32_768));
  });
});

describe('npm start', () => {
  // The README's command, signalled as a person or a process manager would from another shell: npm passes
  // SIGINT and SIGTERM on to its child, which must be the stack itself for them to stop it. With SIGINT it runs
  // from a clone in a private folder (root's home is 0700) on PostgreSQL, which runs as another user there.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const where = signal === 'SIGINT' ? 'from a clone in a private folder, ' : '';
    it(`${where}stops the whole stack within seconds on ${signal} to the npm process`, async function () {
      this.timeout(300_000);
      const clone = signal === 'SIGINT' ? privateClone() : undefined;
      const root = clone?.dir ?? path.resolve(__dirname, '../..');
      const dir = clone
        ? path.join(clone.dir, '.data', 'stack')
        : fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-stack-'));
      // With SIGTERM, two workers share the task queue, their metrics on two neighbouring ports.
      const workers = signal === 'SIGTERM' ? 2 : 1;
      const metricsBase = await neighbouringFreePorts(workers);
      const ports = [
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
        await freePort(),
        ...Array.from({ length: workers }, (_, i) => metricsBase + i),
      ];
      const npm = spawn('npm', ['start', '--', '--no-demo'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        // A stack of its own: not the test run's database (mocha's hooks set MONGODB_URI).
        env: ownEnvironment({
          ...(clone ? {} : { SSCARD_STACK_DIR: dir }),
          SSCARD_STORE: clone ? 'postgresql' : 'sqlite',
          SSCARD_TEMPORAL_PORT: String(ports[0]),
          SSCARD_UI_PORT: String(ports[1]),
          SSCARD_MONGO_PORT: String(ports[2]),
          SSCARD_API_PORT: String(ports[3]),
          SSCARD_SIM_PORT: String(ports[4]),
          SSCARD_WORKER_METRICS: `127.0.0.1:${metricsBase}`,
          SSCARD_WORKERS: String(workers),
        }),
      });
      try {
        await new Promise<void>((resolve, reject) => {
          let out = '';
          npm.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
            if (out.includes('sscard is running')) resolve();
          });
          npm.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
          npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${out}`)));
        });
        for (const [i, port] of ports.entries())
          assert.ok(
            await portAnswers(port),
            `${['temporal', 'ui', 'mongo', 'api', 'partners'][i] ?? 'worker metrics'} port ${port} answers`,
          );
        // The stack's workers reach the partners through the HTTP adapters, the simulators being a service.
        const workerLog = fs.readFileSync(
          path.join(dir, 'logs', workers === 1 ? 'worker.log' : 'worker-1.log'),
          'utf8',
        );
        assert.match(workerLog, /partners: http/);
        // Each worker's Temporal SDK metrics, for Prometheus: each polls the task queue.
        for (let i = 0; i < workers; i++) {
          const scraped = await (await fetch(`http://127.0.0.1:${metricsBase + i}/metrics`)).text();
          assert.match(scraped, /^temporal_num_pollers\{.*poller_type="workflow_task".*\} [1-9]/m);
        }
        const exited = new Promise((resolve) => npm.once('exit', resolve));
        const signalledAt = Date.now();
        npm.kill(signal);
        await gone({ pids: [npm.pid!], ports });
        await exited;
        assert.ok(Date.now() - signalledAt < 15_000, `stopped after ${Date.now() - signalledAt} ms`);
      } finally {
        npm.kill('SIGKILL');
        if (clone) clone.remove();
        else fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
