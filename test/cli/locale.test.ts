// The command line in the clerk's language: Chinese when the locale says so, in the words the console uses, with
// a stand-in for the API where an answer is needed (what is tested is the command line's side).
import assert from 'node:assert/strict';
import { type CONSOLE_DOMAIN, consoleDomainModule } from '../../api/console-domain';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ISSUANCE_MODES, RETURN_REASONS } from '../../domain/application';
import { INSTANT_REASONS } from '../../domain/counters';
import { ERROR_CODES } from '../../domain/errors';
import { QUEUES } from '../../domain/lists';
import { COLLECTION_RELATIONS } from '../../domain/messages';
import { SLA_STATES, STAGES } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { ZH_REFUSALS, ZH_WORDS } from '../../domain/words';
import words from '../../domain/words.zh-CN.json';
import { hasChinese, localeOf, refusalWords, useLocale, word } from '../../cli/i18n';
import { COMMANDS } from '../../cli/main';
import { sscard } from './run-sscard';

const CHINESE = { LANG: 'zh_CN.UTF-8' };

/** An API that answers each `METHOD /path` with what it is given. */
async function standIn(answers: Record<string, { status: number; body: unknown }>) {
  const server = http.createServer((request, response) => {
    const answer = answers[`${request.method} ${request.url}`] ?? {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No such resource' } },
    };
    request.resume();
    response.writeHead(answer.status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    env: {
      SSCARD_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      SSCARD_TOKEN: 'stand-in-token-0123456789',
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A sporadic application waiting for an operator's review, as the API shows it. */
const AWAITING_REVIEW: ApplicationStatus = {
  applicationId: 'A1234567',
  unitId: '91330100TEST01',
  mode: 'sporadic',
  stage: 'awaiting_review',
  awaiting: 'review',
  history: [
    {
      seq: 1,
      stage: 'accepted',
      at: '2026-12-07T01:00:00.000Z',
      actor: { role: 'unit_clerk', id: 'clerk-01', unitId: '91330100TEST01' },
    },
    {
      seq: 2,
      stage: 'awaiting_review',
      at: '2026-12-07T01:00:01.000Z',
      actor: { role: 'system', id: 'sscard' },
      note: 'PHOTO_MISSING',
    },
  ],
  deadline: {
    dueAt: '2026-12-13T16:00:00.000Z',
    warnAt: '2026-12-12T16:00:00.000Z',
    sla: 'on_track',
    provisional: false,
    workingDaysTotal: 5,
    workingDaysUsed: 0,
    workingDaysLeft: 5,
    paused: false,
  },
  returnCount: 0,
  returns: [],
  expedited: false,
  escalations: [],
  printAttempts: 0,
  auditFlags: ['PHOTO_MISSING'],
};
describe('the sscard command line in the locale’s language', () => {
  after(() => useLocale(undefined));

  it('speaks Chinese when LC_ALL, else LC_MESSAGES, else LANG names Chinese', () => {
    assert.equal(localeOf({ LANG: 'zh_CN.UTF-8' }), 'zh-CN');
    assert.equal(localeOf({ LANG: 'zh_CN.GB18030' }), 'zh-CN');
    assert.equal(localeOf({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }), 'zh-CN');
    assert.equal(localeOf({ LC_ALL: 'C', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
    assert.equal(localeOf({ LC_ALL: '', LC_MESSAGES: '', LANG: 'zh_CN' }), 'zh-CN', 'empty means unset');
    assert.equal(localeOf({ LANG: 'C.UTF-8' }), 'en');
    assert.equal(localeOf({ LANG: 'zu_ZA.UTF-8' }), 'en');
    assert.equal(localeOf({}), 'en');
  });

  it('has Chinese for every command’s summary and options, and its help is Chinese', async () => {
    const untranslated = COMMANDS.flatMap((c) => [
      c.summary,
      ...Object.values(c.options)
        .map((o) => o.description)
        .filter((text) => !/^[\w|]+$/.test(text)), // a list of codes is what the API takes
    ]).filter((text) => !hasChinese(text));
    assert.deepEqual(untranslated, []);

    const top = await sscard(['--help'], CHINESE);
    assert.equal(top.code, 0, top.stderr);
    assert.match(top.stdout, /^用法：sscard <命令>/);
    assert.match(top.stdout, /submit <applicant\.json>\s+提交一个人的申请（零星申领，5 个工作日；/);
    const submit = await sscard(['submit', '--help'], CHINESE);
    assert.match(submit.stdout, /--counter COUNTER\s+在该窗口（须有制卡机）当场制卡/);
    assert.match(submit.stdout, /--reason REASON\s+急需用卡的原因/);
    const review = await sscard(['review', '--help'], CHINESE);
    assert.match(review.stdout, /缺少照片或照片不合格的申请不能审核通过/);
    assert.match(review.stdout, /--approve\s+审核通过/);
    const english = await sscard(['--help'], { LANG: 'zh_CN.UTF-8', LC_ALL: 'C' });
    assert.match(english.stdout, /Submit one person's application/);
  });

  it('names a refusal of the API in Chinese, with its code, the API’s words and what to do next', async () => {
    const api = await standIn({
      'POST /v1/applications/A1234567/review': {
        status: 409,
        body: {
          error: { code: 'FLAG_BLOCKS_APPROVAL', message: 'PHOTO_MISSING blocks approval' },
        },
      },
    });
    try {
      const zh = await sscard(['review', 'A1234567', '--approve'], { ...api.env, ...CHINESE });
      assert.equal(zh.code, 1);
      assert.equal(
        zh.stderr,
        '错误 FLAG_BLOCKS_APPROVAL：缺少照片或照片不合格，不能审核通过\n' +
          '  PHOTO_MISSING blocks approval\n' +
          '下一步：退回单位补交合格照片，或不予受理。\n',
      );
      const en = await sscard(['review', 'A1234567', '--approve'], api.env);
      assert.match(en.stderr, /^error FLAG_BLOCKS_APPROVAL: PHOTO_MISSING blocks approval\nnext: Return/);
      const usage = await sscard(['collect', 'A1234567'], CHINESE);
      assert.equal(usage.code, 2);
      assert.equal(usage.stderr, '错误：缺少 --by, --relation 和 --place\n下一步：请查看该命令的 --help\n');
    } finally {
      await api.close();
    }
  });

  it('shows an application with Chinese stage names, table headers and reasons', async () => {
    const api = await standIn({ 'GET /v1/applications/A1234567': { status: 200, body: AWAITING_REVIEW } });
    try {
      const zh = await sscard(['status', 'A1234567'], { ...api.env, ...CHINESE });
      assert.equal(zh.code, 0, zh.stderr);
      assert.match(zh.stdout, /环节\s+待人工审核 \(awaiting_review\)，等待人工审核/);
      assert.match(zh.stdout, /办结期限\s+正常 · 共 5 个工作日，已用 0 个，剩余 5 个 · 2026-12-13下班前办结/);
      assert.match(zh.stdout, /审核提示\s+缺少照片/);
      assert.match(zh.stdout, /时间（北京时间）\s+环节\s+操作\s+操作人\s+备注/);
      assert.match(zh.stdout, /待人工审核\s+系统:sscard\s+缺少照片/);
      const en = await sscard(['status', 'A1234567'], api.env);
      assert.match(en.stdout, /Stage\s+Awaiting operator review \(awaiting_review\), waiting for review/);
      assert.match(en.stdout, /Audit flags\s+PHOTO_MISSING/);
    } finally {
      await api.close();
    }
  });

  it('shows a card’s use in the person’s cards: locked, with the wrong PINs counted', async () => {
    const locked = {
      cardId: 'C1234567',
      status: 'issued',
      cardNumber: 'A12345678',
      history: [{ status: 'issued', at: '2026-12-07T01:00:00.000Z' }],
      use: {
        state: 'locked',
        tracked: true,
        social: { state: 'active' },
        financial: { state: 'sealed' },
        pinFailures: 6,
        lockedAt: '2026-12-07T02:00:00.000Z',
      },
    };
    const api = await standIn({ 'POST /v1/cards/lookup': { status: 200, body: { cards: [locked] } } });
    try {
      const zh = await sscard(['card', 'lookup', '110101199003077578'], { ...api.env, ...CHINESE });
      assert.equal(zh.code, 0, zh.stderr);
      assert.match(zh.stdout, /用卡状态/);
      assert.match(zh.stdout, /已锁定 \(密码错误 6 次\)/);
      const en = await sscard(['card', 'lookup', '110101199003077578'], api.env);
      assert.match(en.stdout, /\(6 wrong PINs\)/);
    } finally {
      await api.close();
    }
  });

  it('shows who a minor’s guardian is to them, and when the card was handed over to the holder', async () => {
    const minor: ApplicationStatus = { ...AWAITING_REVIEW, guardian: { relation: 'mother' } };
    const grown: ApplicationStatus = {
      ...AWAITING_REVIEW,
      applicationId: 'A1234568',
      guardian: { relation: 'father', handedOverAt: '2026-12-06T16:30:00.000Z' },
    };
    const api = await standIn({
      'GET /v1/applications/A1234567': { status: 200, body: minor },
      'GET /v1/applications/A1234568': { status: 200, body: grown },
    });
    try {
      assert.match(
        (await sscard(['status', 'A1234567'], { ...api.env, ...CHINESE })).stdout,
        /监护人\s+母亲\n/,
      );
      const zh = await sscard(['status', 'A1234568'], { ...api.env, ...CHINESE });
      assert.match(zh.stdout, /监护人\s+父亲，2026-12-07 00:30 起已移交本人/);
      const en = await sscard(['status', 'A1234568'], api.env);
      assert.match(en.stdout, /Guardian\s+father, handed over at 2026-12-07 00:30/);
    } finally {
      await api.close();
    }
  });

  it('shows an instant application’s lane: its counter, reason and target, and the hand-over with why', async () => {
    const { awaiting: _awaiting, ...open } = AWAITING_REVIEW;
    const base = { ...open, applicationId: 'A7654321', mode: 'instant', stage: 'printing' } as const;
    const instant = {
      counterId: '330100-HALL-01',
      reason: 'HOSPITAL_ADMISSION',
      targetMinutes: 15,
      targetAt: '2026-12-07T01:15:00.000Z',
    } as const;
    const made: ApplicationStatus = {
      ...base,
      lane: 'instant',
      instant: { ...instant, blankSerial: 'BK000123' },
    };
    const handedOver: ApplicationStatus = {
      ...base,
      applicationId: 'A7654322',
      lane: 'sporadic',
      instant: {
        ...instant,
        targetExceeded: true,
        fellBack: { at: '2026-12-07T01:03:00.000Z', reason: 'PRINTER_JAMMED: the printer jammed' },
      },
    };
    const api = await standIn({
      'GET /v1/applications/A7654321': { status: 200, body: made },
      'GET /v1/applications/A7654322': { status: 200, body: handedOver },
    });
    try {
      const en = await sscard(['status', 'A7654321'], api.env);
      assert.equal(en.code, 0, en.stderr);
      assert.match(
        en.stdout,
        /Lane\s+instant · counter 330100-HALL-01 · hospital admission · within 15 min, by 2026-12-07 09:15 · card made from blank BK000123\n/,
      );
      const zh = await sscard(['status', 'A7654321'], { ...api.env, ...CHINESE });
      assert.match(
        zh.stdout,
        /办理方式\s+即时制卡 · 窗口 330100-HALL-01 · 住院 · 15 分钟内，.*09:15前 · 空白卡 BK000123 已制成/,
      );
      const over = await sscard(['status', 'A7654322'], api.env);
      assert.match(
        over.stdout,
        /Lane\s+sporadic · counter 330100-HALL-01 · .* \(exceeded\) · handed over to sporadic at .*09:03: PRINTER_JAMMED: the printer jammed\n/,
      );
      const overZh = await sscard(['status', 'A7654322'], { ...api.env, ...CHINESE });
      assert.match(overZh.stdout, /办理方式\s+零星申领 · .*（已超时） · .*09:03转为零星申领：PRINTER_JAMMED/);
    } finally {
      await api.close();
    }
  });

  it('shows an online application’s parcel: its tracking, its state, the failed attempts and where it came back', async () => {
    const { awaiting: _awaiting, ...open } = AWAITING_REVIEW;
    const returned: ApplicationStatus = {
      ...open,
      applicationId: 'A7654323',
      mode: 'online',
      stage: 'awaiting_collection',
      awaiting: 'collection',
      delivery: {
        parcelId: 'A7654323-D1',
        trackingNumber: 'SF123456789012',
        status: 'returned',
        failedAttempts: 3,
        returnedTo: '330100-HALL-01',
      },
    };
    const onItsWay: ApplicationStatus = {
      ...returned,
      applicationId: 'A7654324',
      stage: 'in_delivery',
      awaiting: 'delivery',
      delivery: { parcelId: 'A7654324-D1', status: 'booked', failedAttempts: 0 },
    };
    const api = await standIn({
      'GET /v1/applications/A7654323': { status: 200, body: returned },
      'GET /v1/applications/A7654324': { status: 200, body: onItsWay },
      'GET /v1/applications/A1234567': { status: 200, body: AWAITING_REVIEW },
    });
    try {
      const en = await sscard(['status', 'A7654323'], api.env);
      assert.equal(en.code, 0, en.stderr);
      assert.match(
        en.stdout,
        /Delivery\s+tracking SF123456789012 · parcel returned · 3 failed attempts · back at 330100-HALL-01\n/,
      );
      const zh = await sscard(['status', 'A7654323'], { ...api.env, ...CHINESE });
      assert.match(
        zh.stdout,
        /邮寄\s+快递单号 SF123456789012 · 邮件退回服务网点 · 投递未成功 3 次 · 已退回 330100-HALL-01\n/,
      );
      const booked = await sscard(['status', 'A7654324'], { ...api.env, ...CHINESE });
      assert.match(booked.stdout, /环节\s+邮寄中 \(in_delivery\)，等待快递投递/);
      assert.match(booked.stdout, /邮寄\s+尚无快递单号 · 已交寄，待快递揽收 · 投递未成功 0 次\n/);
      const sporadic = await sscard(['status', 'A1234567'], api.env);
      assert.match(sporadic.stdout, /Lane\s+sporadic\n/);
      assert.doesNotMatch(sporadic.stdout, /Delivery/);
    } finally {
      await api.close();
    }
  });

  it('shows the batch report in words, not the keys of its data, in English and in Chinese', async () => {
    const report = {
      batchId: 'B1234567',
      unitId: '91330100TEST01',
      submittedAt: '2026-12-07T01:00:00.000Z',
      status: 'running',
      rows: {
        total: 4,
        staged: 3,
        invalid: 1,
        duplicates: 0,
        started: 2,
        inFlightElsewhere: 1,
        waitingToStart: 0,
      },
      byStage: { awaiting_review: 2 },
      byOutcome: { open: 2 },
      bySla: { on_track: 2 },
      returned: 0,
      workingDaysUsed: {},
      problems: [{ rowNo: 4, status: 'in_flight_elsewhere' }],
    };
    const api = await standIn({ 'GET /v1/batches/B1234567/report': { status: 200, body: report } });
    try {
      const en = await sscard(['batch', 'report', 'B1234567'], api.env);
      assert.equal(en.code, 0, en.stderr);
      assert.match(en.stdout, /already in progress elsewhere\s+1/);
      assert.match(en.stdout, /rows in the file\s+4/);
      assert.match(en.stdout, /Awaiting operator review\s+2/);
      assert.match(en.stdout, /in progress\s+2/);
      assert.match(en.stdout, /on track\s+2/);
      assert.match(en.stdout, /4\s+already in progress elsewhere/);
      for (const key of ['inFlightElsewhere', 'waitingToStart', 'awaiting_review', 'on_track', 'in_flight'])
        assert.ok(!en.stdout.includes(key), `${key} is shown in words:\n${en.stdout}`);
      const zh = await sscard(['batch', 'report', 'B1234567'], { ...api.env, ...CHINESE });
      assert.match(zh.stdout, /已在别处办理\s+1/);
      assert.match(zh.stdout, /待人工审核\s+2/);
      assert.match(zh.stdout, /批次 B1234567 · 单位 91330100TEST01 · 办理中/);
      assert.ok(!/[a-z][A-Z]|_[a-z]/.test(zh.stdout.replace(/B1234567|91330100TEST01/g, '')), zh.stdout);
    } finally {
      await api.close();
    }
  });
});

describe('the Chinese words of sscard', () => {
  it('name every refusal with what to do next, and every stage, deadline state, reason, relation and queue', () => {
    assert.deepEqual(
      ERROR_CODES.filter((code) => !ZH_REFUSALS[code]?.title || !ZH_REFUSALS[code]?.action),
      [],
    );
    // One word per code: kinds of codes that share one share its word.
    const kinds = Object.values(words.codes) as Record<string, string>[];
    const twice = kinds.flatMap((kind, i) =>
      Object.entries(kind).filter(([code, word]) =>
        kinds.slice(i + 1).some((other) => other[code] !== undefined && other[code] !== word),
      ),
    );
    assert.deepEqual(twice, []);
    const codes = [
      ...STAGES,
      ...SLA_STATES,
      ...RETURN_REASONS,
      ...COLLECTION_RELATIONS,
      ...QUEUES,
      ...ISSUANCE_MODES,
      ...INSTANT_REASONS,
    ];
    assert.deepEqual(
      codes.filter((code) => !ZH_WORDS[code]),
      [],
    );
  });

  it('are the ones the console shows wherever both name a code', async () => {
    // The console's words are those of the domain.js the API makes for it, imported as the browser does.
    const module = Buffer.from(consoleDomainModule()).toString('base64');
    const shown = (await import(`data:text/javascript;base64,${module}`)) as typeof CONSOLE_DOMAIN;
    assert.ok(Object.keys(shown.ZH_WORDS).length > 50, 'the console’s words were read');
    useLocale('zh-CN');
    try {
      assert.deepEqual(
        Object.entries(shown.ZH_WORDS)
          .filter(([code, words]) => word(code) !== words)
          .map(([code, words]) => `${code}: console ${words}, command line ${word(code)}`),
        [],
      );
      assert.deepEqual(
        ERROR_CODES.filter((code) => refusalWords(code)?.title !== shown.ZH_REFUSALS[code]),
        [],
      );
    } finally {
      useLocale(undefined);
    }
  });
});
