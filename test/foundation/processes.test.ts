import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { portAnswers } from '../../scripts/stack/process';

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
