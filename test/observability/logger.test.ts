import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createLog, runtimeLogger } from '../../observability/logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: { write(line: string): void } } {
  const written: string[] = [];
  return {
    stream: { write: (line: string) => void written.push(line) },
    lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('the JSON log lines', () => {
  it('carry the service, level, time, message and the IDs to find a request by, at or above the level', () => {
    const out = capture();
    const log = createLog('api', 'info', out.stream);
    log({ level: 'debug', msg: 'not written at info' });
    const requestId = '0b9c4d1e-5290-483f-835a-49b1234560e5';
    log({
      level: 'info',
      msg: 'answered',
      requestId,
      route: '/v1/applications/:id',
      status: 200,
      ms: 12,
    });
    const [line, ...rest] = out.lines();
    assert.equal(rest.length, 0);
    assert.equal(line!.service, 'api');
    assert.equal(line!.level, 'info');
    assert.equal(line!.msg, 'answered');
    assert.equal(line!.requestId, requestId, 'IDs are kept whole');
    assert.equal(line!.route, '/v1/applications/:id');
    assert.ok(!Number.isNaN(Date.parse(String(line!.time))));
  });

  it('hold no name, resident ID number or phone that a driver, library or the SDK quoted', () => {
    const out = capture();
    const log = createLog('worker', 'debug', out.stream);
    log({
      level: 'error',
      msg: 'E11000 duplicate key error: { name: "张三", residentId: "11010119900307447X" }',
      error: new Error('could not reach 13912345678 for 李四'),
      details: { nested: ['王五 called'] },
    });
    const sdk = runtimeLogger(log, 'debug');
    sdk.warn('Activity failed', {
      workflowId: 'card-0a1b2c',
      error: 'person 11010119900307447X unknown',
      attempt: 3,
    });
    const written = JSON.stringify(out.lines());
    for (const canary of ['张三', '11010119900307447X', '13912345678', '李四', '王五'])
      assert.ok(!written.includes(canary), `${canary} in ${written}`);
    const [, activity] = out.lines();
    assert.equal(activity!.workflowId, 'card-0a1b2c', 'the IDs to find it by stay');
    assert.equal(activity!.attempt, 3);
    assert.equal(activity!.level, 'warn');
  });

  it('an API that cannot start says why in one JSON line, not a stack trace', function () {
    this.timeout(60_000);
    const key = randomBytes(32).toString('base64');
    const started = spawnSync(process.execPath, ['--require', 'tsx/cjs', 'api/main.ts'], {
      cwd: path.resolve(__dirname, '../..'),
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        // Not a database address at all: the driver's own error, as any failure below the configuration.
        MONGODB_URI: 'mongodb://',
        SSCARD_PERSON_KEY: key,
        SSCARD_CODEC_KEYS: `k1:${key}`,
      },
    });
    assert.equal(started.status, 1);
    const lines = `${started.stdout}${started.stderr}`.trim().split('\n');
    assert.equal(lines.length, 1, lines.join('\n'));
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(line.level, 'error');
    assert.equal(line.service, 'api');
    assert.match(String(line.msg), /^api could not start: \w+/);
  });
});
