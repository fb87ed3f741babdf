// The command line without a server: help on every command, usage errors, files it reads, where the token comes
// from, and what it says when the API cannot be reached.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { review } from '../../domain/actions/applications';
import { renderProgress } from '../../cli/commands/batch/progress';
import { resolveConnection } from '../../cli/config';
import { createApi } from '../../cli/http';
import { decodeText, parseCsv } from '../../cli/files';
import { displayWidth, renderTable } from '../../cli/ui/table';
import iconv from 'iconv-lite';
import { COMMANDS, commandFirst } from '../../cli/main';
import { useLocale } from '../../cli/i18n';
import type { BatchProgress } from '../../domain/batch-progress';
import { sscard } from './run-sscard';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';

describe('the sscard command line, offline', () => {
  // What is drawn in this process is in English, whatever the machine's locale.
  before(() => useLocale('en'));
  after(() => useLocale(undefined));

  it('answers --help on every command with its usage and options, and lists them all', async () => {
    const top = await sscard(['--help']);
    assert.equal(top.code, 0);
    for (const command of COMMANDS) {
      assert.ok(top.stdout.includes(command.name), `sscard --help lists ${command.name}`);
      const help = await sscard([...command.name.split(' '), '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.ok(help.stdout.startsWith(`usage: sscard ${command.name}`), help.stdout);
      for (const option of Object.keys(command.options)) assert.ok(help.stdout.includes(`--${option}`));
      assert.ok(help.stdout.includes('--json'));
    }
  });

  it('takes the global options before the command as well as after it', async () => {
    assert.deepEqual(commandFirst(['--as', 'operator', '--json', 'list', '--queue', 'returned']), [
      'list',
      '--queue',
      'returned',
      '--as',
      'operator',
      '--json',
    ]);
    assert.deepEqual(commandFirst(['--api=http://x', 'batch', 'list']), ['batch', 'list', '--api=http://x']);
    assert.deepEqual(commandFirst(['status', 'A1', '--as', 'clerk']), ['status', 'A1', '--as', 'clerk']);
    const help = await sscard(['--as', 'operator', 'queues', '--help']);
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /queues/);
  });

  it('refuses wrong usage with exit code 2 and points to the help', async () => {
    for (const args of [
      ['frobnicate'],
      ['status'],
      ['review', 'A1234567'],
      ['list', '--queue', 'nope'],
      ['me', '--bogus'],
    ]) {
      const result = await sscard(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /^error: /);
    }
  });

  it('says how to start the stack when the API cannot be reached, with exit code 3', async () => {
    const result = await sscard(['me', '--token', 'x'.repeat(20)], { SSCARD_API_URL: 'http://127.0.0.1:9' });
    assert.equal(result.code, 3);
    assert.match(result.stderr, /cannot reach the sscard API at http:\/\/127\.0\.0\.1:9/);
    assert.match(result.stderr, /next: start the stack/);
  });

  it('sends an action again with the same key while the API answers 503, and gives up on other refusals', async () => {
    // A stand-in for the API that is restarting once: what is tested is the command line's side of the exchange.
    const keys: (string | undefined)[] = [];
    const server = http.createServer((request, response) => {
      keys.push(request.headers['idempotency-key'] as string | undefined);
      const unavailable = request.url === '/v1/busy' && keys.length === 1;
      const refused = request.url === '/v1/refused';
      response.writeHead(unavailable ? 503 : refused ? 409 : 200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          unavailable
            ? { error: { code: 'SERVICE_UNAVAILABLE', message: 'try again' } }
            : refused
              ? { error: { code: 'NOT_RETURNED', message: 'the application is printing' } }
              : { ok: true },
        ),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const api = createApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'token');
      assert.deepEqual(await api.request('POST', '/v1/busy', { body: {}, idempotent: true }), { ok: true });
      assert.equal(keys.length, 2);
      assert.ok(keys[0] && keys[0] === keys[1], 'the retry carries the first attempt’s key');
      await assert.rejects(api.request('POST', '/v1/refused', { body: {}, idempotent: true }), {
        code: 'NOT_RETURNED',
      });
      assert.equal(keys.length, 3, 'a refusal is an answer and is not sent again');
    } finally {
      server.close();
    }
  });

  it('collect names every option it misses at once, and takes today (Beijing time) when --on is not given', async () => {
    const nothing = await sscard(['collect', 'A1234567']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /^error: --by, --relation and --place are required\n/);
    const agent = await sscard(['collect', 'A1234567', '--relation', 'family']);
    assert.match(agent.stderr, /^error: --by, --agent-id and --place are required\n/);
    const wrong = await sscard(['collect', 'A1234567', '--relation', 'cousin']);
    assert.match(wrong.stderr, /^error: --relation cousin: one of self, family, guardian, unit_agent, proxy/);

    const bodies: unknown[] = [];
    const server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        bodies.push(JSON.parse(body));
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ applicationId: 'A1234567', stage: 'issued' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const before = shanghaiDate(new Date());
      const done = await sscard(
        ['collect', 'A1234567', '--by', '林新人', '--relation', 'self', '--place', 'hall', '--json'],
        {
          SSCARD_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          SSCARD_TOKEN: 'x'.repeat(20),
        },
      );
      assert.equal(done.code, 0, done.stderr);
      const receivedOn = (bodies[0] as { receivedOn?: string }).receivedOn;
      assert.ok(receivedOn === before || receivedOn === shanghaiDate(new Date()), String(receivedOn));
    } finally {
      server.close();
    }
  });

  it('takes the token from --token, then --as and the stack token file, then SSCARD_TOKEN', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-cli-'));
    const file = path.join(dir, 'tokens.json');
    // As the local stack writes it (scripts/stack/tokens.ts) for the API to seed.
    fs.writeFileSync(
      file,
      JSON.stringify({
        keys: [
          {
            name: 'clerk of Demo Works',
            actor: { role: 'unit_clerk', id: 'c1', unitId: 'U1' },
            token: 'clerk-token',
          },
          { name: 'operator', actor: { role: 'operator', id: 'o1' }, token: 'op-token' },
        ],
      }),
    );
    const env = { SSCARD_TOKEN: 'env-token', SSCARD_TOKEN_FILE: file };
    try {
      assert.equal(resolveConnection({ token: 'flag-token', as: 'operator' }, env).token, 'flag-token');
      assert.equal(resolveConnection({ as: 'operator' }, env).token, 'op-token');
      assert.equal(resolveConnection({ as: 'clerk' }, env).token, 'clerk-token');
      assert.equal(resolveConnection({}, env).token, 'env-token');
      assert.equal(resolveConnection({}, {}).apiUrl, 'http://127.0.0.1:8080');
      assert.throws(() => resolveConnection({ as: 'admin' }, env), /has no token for admin/);
      assert.throws(() => resolveConnection({ as: 'king' }, env), /choose one of/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a CSV batch file with quoted fields and empty cells as applicants', () => {
    const rows = parseCsv(
      '\uFEFFresidentId,name,phone,address\r\n' +
        '11010519491231002X,张三,13800138000,"Hangzhou, ""West Lake"" district"\r\n' +
        '110105194912310021,李四,,\n\n',
    );
    assert.deepEqual(rows, [
      {
        residentId: '11010519491231002X',
        name: '张三',
        phone: '13800138000',
        address: 'Hangzhou, "West Lake" district',
      },
      { residentId: '110105194912310021', name: '李四' },
    ]);
  });

  it('reads a CSV file as Excel saves it on a Chinese Windows (GB18030), and as UTF-8 with its BOM', () => {
    const csv = 'residentId,name,address\r\n11010519491231002X,张三·𠮷,"杭州市西湖区"\r\n';
    const expected = [{ residentId: '11010519491231002X', name: '张三·𠮷', address: '杭州市西湖区' }];
    const gb = iconv.encode(csv, 'gb18030');
    assert.notDeepEqual(gb, Buffer.from(csv, 'utf8'), 'the file really is in another encoding');
    assert.deepEqual(parseCsv(decodeText(gb)), expected);
    assert.deepEqual(
      parseCsv(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))),
      expected,
    );
  });

  it('sizes table columns by what a terminal shows: Han (rare ones too) take two columns, combining marks none', () => {
    assert.equal(displayWidth('张三'), 4);
    assert.equal(displayWidth('𠮷'), 2, 'a character beyond the basic plane, as in some names');
    assert.equal(displayWidth('José'), 4);
    assert.equal(displayWidth('Jose\u0301'), 4, 'e and a combining accent are one column');
    assert.equal(displayWidth('１２'), 4, 'full-width digits');
    const table = renderTable(
      ['Name', 'Unit'],
      [
        ['𠮷田', 'A'],
        ['Li', 'B'],
      ],
    );
    const [, , first, second] = table.split('\n');
    assert.equal(
      displayWidth(first!.slice(0, first!.indexOf('A'))),
      displayWidth(second!.slice(0, second!.indexOf('B'))),
    );
  });

  it('sends known return reasons as codes and free text as OTHER with the text as the note', () => {
    assert.deepEqual(review.complete!({ reasons: ['photo_missing', 'PHONE-MISSING'] }), {
      decision: 'return',
      reasons: ['PHOTO_MISSING', 'PHONE_MISSING'],
    });
    assert.deepEqual(review.complete!({ reasons: ['the photo is blurred'], note: 'sharper please' }), {
      decision: 'return',
      reasons: ['OTHER'],
      note: 'the photo is blurred; sharper please',
    });
  });

  it('draws a batch with a bar per stage it has applications in, named in the locale’s language', () => {
    const progress: BatchProgress = {
      batchId: 'B12345678',
      unitId: '91330100TEST01',
      phase: 'running',
      rows: { total: 10, invalid: 1, duplicates: 1, inFlightElsewhere: 0, started: 8 },
      counts: {
        byStage: { printing: 5, awaiting_collection: 3 },
        returned: 0,
        breached: 0,
        done: 3,
        notified: 3,
        accepted: 8,
        total: 8,
      },
      milestones: [],
      runs: 1,
    };
    const text = renderProgress(progress);
    assert.match(text, /batch B12345678 · unit 91330100TEST01 · running/);
    assert.match(text, /started .*\s+8\/8 {2}\(1 invalid rows\)/);
    assert.match(text, /printing .*\s+5\/8/);
    assert.match(text, /awaiting_collection .*\s+3\/8/);
    assert.doesNotMatch(text, /comparing/);
    useLocale('zh-CN');
    const chinese = renderProgress(progress);
    useLocale('en');
    assert.match(chinese, /批次 B12345678 · 单位 91330100TEST01 · 办理中/);
    assert.match(chinese, /已启动 .*\s+8\/8（1 行无效）/);
    assert.match(chinese, /制卡中 .*\s+5\/8/);
    assert.match(chinese, /待领卡 .*\s+3\/8/);
  });
});
