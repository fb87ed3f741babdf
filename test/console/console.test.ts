// The operator console end to end: the real page served by the API, in Debian's headless Chromium driven by
// playwright-core, against the dev server, a worker and FerretDB.
import {
  addNote,
  expedite,
  registerCollection,
  resubmit,
  review,
  withdraw,
} from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { type Browser, chromium, type Page } from 'playwright-core';
import { createApiServer, type ApiServer } from '../../api/server';
import { addCalendarDays, shanghaiDate } from '../../domain/calendar/shanghai-time';
import { makeResidentId } from '../../domain/resident-id';
import { ensureChromium } from '../../scripts/tools/chromium';
import { type ApiWorld, flaggedApplication, PARTNER_SECRETS, startApiWorld, tokenOf } from '../api/support';
import { eventually, submitApplication, waitFor, waitForStage } from '../support/flow';
import { samplePhoto as jpegOf } from '../../scripts/tools/sample-photo';
import { CLERK, COUNTER, COUNTER_WITHOUT_PRINTER, ONLINE_DESK, OPERATOR, UNIT } from '../support/world';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the operator console in headless Chromium', () => {
  let t: ApiWorld;
  let api: ApiServer;
  let url: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    t = await startApiWorld();
    // The same API over the same world, serving the real console folder.
    api = createApiServer({
      client: t.world.client,
      stores: t.world.stores,
      temporal: t.world.temporal,
      config: { partnerSecrets: PARTNER_SECRETS },
    });
    url = await api.listen(0);
    browser = await chromium.launch({ executablePath: ensureChromium().path, args: CHROMIUM_FLAGS });
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterEach(() => assert.deepEqual(pageErrors, [], 'no script errors on the page'));
  after(async () => {
    await browser?.close();
    await api?.close();
    await t?.close();
  });

  it('an operator signs in, finds an application awaiting review, approves it and sees it move on', async () => {
    const applicationId = await flaggedApplication(t, 0);
    await waitForStage(t.world, applicationId, 'awaiting_review');

    await page.goto(`${url}/console/`);
    // The console speaks Chinese unless a person chooses English.
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    await page.getByLabel('访问令牌').fill('not-a-valid-token-0123456789');
    await page.getByRole('button', { name: '登录' }).click();
    await page
      .getByRole('alert')
      .getByText(/^未提供有效的访问令牌（UNAUTHENTICATED）：/)
      .waitFor();

    await page.getByLabel('访问令牌').fill(tokenOf('operator'));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('经办员 op-01', { exact: true }).waitFor();
    assert.equal(await page.getByRole('tab', { name: /待审核/ }).getAttribute('aria-selected'), 'true');

    const detail = await openFromQueue(page, '待审核', applicationId);
    const stage = page.locator('#detail-stage');
    await page.locator('#detail-stage[data-stage="awaiting_review"]').waitFor();
    assert.match((await detail.textContent()) ?? '', /环节待人工审核/);
    assert.match((await detail.textContent()) ?? '', /工作日已用 \d+ 个 · 剩余 \d+ 个，共 5 个/);
    assert.match((await detail.textContent()) ?? '', /时限状态正常/);
    // Dates as the center writes them, in Beijing time.
    assert.match(
      (await detail.textContent()) ?? '',
      /办结期限\d{4}年\d{1,2}月\d{1,2}日（周[一二三四五六日]）下班前/,
    );
    assert.match(
      (await detail.locator('table.timeline tbody td').first().textContent()) ?? '',
      /^(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/,
    );
    assert.ok(
      (await detail.locator('table.timeline tbody tr').count()) >= 2,
      'a timeline of the steps so far',
    );
    for (const secret of [t.world.people[0]!.name, t.world.people[0]!.residentId]) {
      assert.ok(!(await page.content()).includes(secret), 'no personal data on the page');
    }

    // The API answers the first attempt 503, as while a worker restarts: the console sends it again with its key.
    const reviewPath = `**/v1/applications/${applicationId}/review`;
    const keys: (string | undefined)[] = [];
    await page.route(reviewPath, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (keys.length > 1) return route.continue();
      return route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'SERVICE_UNAVAILABLE', message: 'try again' } }),
      });
    });
    await detail.getByRole('button', { name: '审核通过', exact: true }).click();
    await page
      .getByRole('status')
      .getByText(new RegExp(`^${decision('approve').done.zh}：${applicationId} 现处于「`))
      .waitFor();
    await page.unroute(reviewPath);
    assert.equal(keys.length, 2);
    assert.ok(keys[0] && keys[0] === keys[1], 'sent again with the same Idempotency-Key');
    // The page follows the application as the worker moves it through the next steps.
    await page.locator('#detail-stage:not([data-stage="awaiting_review"])').waitFor({ timeout: 30_000 });
    const shown = await stage.getAttribute('data-stage');
    const status = await t.world.client.applications.status(applicationId, OPERATOR);
    assert.notEqual(status.stage, 'awaiting_review');
    assert.ok(
      status.history.some((step) => step.actor.id === OPERATOR.id),
      'the approval is in the history',
    );
    assert.ok(
      shown && status.history.some((step) => step.stage === shown),
      `${shown} is a stage it went through`,
    );
    await detail
      .getByRole('cell', { name: `经办员 ${OPERATOR.id}` })
      .first()
      .waitFor();

    // And it leaves the review queue.
    const open = page.getByRole('button', { name: applicationId, exact: true });
    await poll(async () => {
      await page.getByRole('button', { name: '刷新' }).click();
      await page.waitForTimeout(200);
      return !(await open.isVisible());
    });

    // Another queue shows its own applications, and no longer the one opened from the last.
    await page.getByRole('tab', { name: /已退回单位/ }).click();
    await page.getByRole('heading', { name: '已退回单位', level: 2 }).waitFor();
    assert.equal(await detail.getByRole('heading', { level: 2 }).count(), 0, 'the detail follows the queue');
    assert.match((await detail.textContent()) ?? '', /选择一条申请/);
  });

  it('offers no approval for an application without a photo, says why, and returns it for the photo', async () => {
    const { photoId: _photo, ...withoutPhoto } = t.world.people[3]!;
    const applicationId = await submitApplication(t.world, withoutPhoto);
    await waitForStage(t.world, applicationId, 'awaiting_review');
    await signedIn(page, url);
    const detail = await openFromQueue(page, '待审核', applicationId);
    await page.locator('#detail-stage[data-stage="awaiting_review"]').waitFor();
    assert.equal(await detail.getByRole('button', { name: '审核通过', exact: true }).count(), 0);
    assert.match(
      (await detail.getByRole('note').textContent()) ?? '',
      /^缺少照片，不能审核通过：请退回单位补传/,
    );
    // Every action the operator may take on it has its form, in its description's words (domain/actions): a
    // review's decisions, a withdrawal, an expedite and a note, which the console was never told of.
    const decisions = review.presets!.filter((p) => p.when.includes('review') && p !== decision('approve'));
    assert.deepEqual(await detail.locator('form.action h3').allTextContents(), [
      ...decisions.map((p) => p.words.zh),
      withdraw.label.zh,
      expedite.label.zh,
      addNote.label.zh,
    ]);
    const noting = detail.getByRole('form', { name: addNote.label.zh });
    await noting.getByLabel(addNote.fields!.note!.zh).fill('单位来电：明天补交照片');
    await noting.getByRole('button', { name: addNote.label.zh }).click();
    await page
      .getByRole('status')
      .getByText(new RegExp(`^${addNote.done.zh}：${applicationId} 现处于「待人工审核」`))
      .waitFor();
    await detail.getByRole('cell', { name: '单位来电：明天补交照片' }).waitFor();

    const returning = detail.getByRole('form', { name: decision('return').words.zh });
    assert.deepEqual(await returning.locator('label').allTextContents(), [
      review.fields!.reasons!.zh,
      review.fields!.note!.zh,
    ]);
    const reason = returning.getByLabel(review.fields!.reasons!.zh);
    assert.equal(await reason.inputValue(), 'PHOTO_MISSING', 'the flag is the reason');
    await returning.getByRole('button', { name: decision('return').words.zh }).click();
    await page
      .getByRole('status')
      .getByText(new RegExp(`^${decision('return').done.zh}：${applicationId} 现处于「已退回单位」`))
      .waitFor();
    const status = await t.world.client.applications.status(applicationId, OPERATOR);
    assert.deepEqual(status.returns.at(-1)?.reasons, ['PHOTO_MISSING']);
  });

  it('reads a timeline in Chinese, a step to a line: the flag, the partners’ steps and who took them', async () => {
    const person = t.world.people[4]!;
    const { photoId: _photo, ...withoutPhoto } = person;
    const applicationId = await submitApplication(t.world, withoutPhoto);
    await waitForStage(t.world, applicationId, 'awaiting_review');
    await t.world.client.applications.act(
      review,
      applicationId,
      { decision: 'return', reasons: ['PHOTO_MISSING'] },
      OPERATOR,
    );
    await waitForStage(t.world, applicationId, 'returned');
    await t.world.client.applications.act(resubmit, applicationId, { applicant: person }, CLERK);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    await signedIn(page, url);
    const detail = await openFromQueue(page, '待领卡', applicationId);
    const collection = detail.getByRole('form', { name: registerCollection.label.zh });
    const collector = registerCollection.fields!;
    await collection.getByLabel(collector.collectedBy!.zh, { exact: true }).fill(person.name);
    await collection.getByLabel(collector.place!.zh, { exact: true }).fill('服务大厅');
    await collection.getByRole('button', { name: registerCollection.label.zh }).click();
    await page.locator('#detail-stage[data-stage="issued"]').waitFor();

    const rows = await Promise.all(
      (await detail.locator('table.timeline tbody tr').all()).map((tr) => tr.locator('td').allTextContents()),
    );
    const step = (stage: string, action = '') => {
      const found = rows.find(([, s, a]) => s === stage && a === action);
      assert.ok(found, `a step ${stage} ${action} in ${JSON.stringify(rows)}`);
      const [, , , by = '', note = ''] = found;
      return { by, note };
    };
    assert.deepEqual(step('待人工审核'), { by: '系统', note: '缺少照片' });
    assert.deepEqual(step('已退回单位'), { by: `经办员 ${OPERATOR.id}`, note: '缺少照片' });
    assert.deepEqual(step('制卡中'), { by: '系统', note: '第 1 次制卡' });
    assert.deepEqual(step('制卡中', '制卡完成'), { by: '制卡厂', note: '第 1 次制卡' });
    assert.equal(step('开户及电子社保卡', '金融功能已激活').by, '合作银行');
    assert.match(step('开户及电子社保卡', '金融功能已激活').note, /^已(开立|关联原有)银行账户$/);
    assert.deepEqual(step('已领卡'), { by: `经办员 ${OPERATOR.id}`, note: '本人领取，地点：服务大厅' });
    // Chinese only: no code, no partner's English; the staff's accounts are the only Latin letters.
    const text = rows.flat().join(' ').replaceAll(OPERATOR.id, '').replaceAll(CLERK.id, '');
    assert.doesNotMatch(text, /[A-Za-z]/);
    // When, stage and action a line each; who at most a line to a word ('单位经办员 clerk-01' may take two).
    const broken = (await linesOf(page, '#detail table.timeline td:not(:last-child)')).filter(
      ([text, lines]) => lines > text.split(' ').length,
    );
    assert.deepEqual(broken, [], 'no cell but the note breaks inside a word');
    await screenshot(page, 'console-application.png');
  });

  it('reads every note sscard writes on a timeline in Chinese, and a person’s own words as written', async () => {
    await signedIn(page, url);
    const notes: [step: object, words: string][] = [
      [{ stage: 'awaiting_review', note: 'PHOTO_MISSING, PHONE_MISSING' }, '缺少照片、缺少手机号'],
      [{ stage: 'returned', note: 'REVISION_NOT_FOUND' }, '未找到更正后的资料'],
      [{ stage: 'rejected', note: 'UNIT_UNKNOWN: no such unit' }, '参保单位未在中心登记'],
      [{ stage: 'rejected', note: '重复申请' }, '重复申请'],
      [{ stage: 'comparing', note: 'findings overridden: UNKNOWN_PERSON' }, '比对结果已放行：查无此人'],
      [
        { stage: 'printing', action: 'print_failed', note: 'order A1-P2 failed at chip_encoding' },
        '第 2 次制卡在「芯片写入」工序失败',
      ],
      [{ stage: 'print_failed', note: '3 attempts failed' }, '已有 3 次制卡失败'],
      [
        { stage: 'withdrawn', action: 'print_reported_late', note: 'order A1-P1: printed' },
        '第 1 次制卡：制卡完成',
      ],
      [{ stage: 'withdrawn', action: 'print_order_cancelled', note: 'order A1-P3' }, '第 3 次制卡'],
      [
        { stage: 'withdrawn', action: 'bank_account_closed', note: 'wallet revoked, account kept' },
        '电子钱包已撤销，银行账户保留',
      ],
      [
        { stage: 'withdrawn', action: 'previous_card_restored', note: 'C7 back to issued' },
        '原卡 C7 恢复为「已领卡」',
      ],
      [{ stage: 'withdrawn', action: 'compensation_failed', note: 'registry: failed' }, '卡管登记：失败'],
      [
        {
          stage: 'registering',
          action: 'previous_card_cancelled',
          note: 'C7 (issued): REPLACED_BY_NEW_CARD',
        },
        '原卡 C7（已领卡）已注销：已换发新卡',
      ],
      [
        {
          stage: 'comparing',
          action: 'comparison_kept',
          note: 'replacement of C7 (DAMAGED): identity data unchanged',
        },
        '补换原卡 C7（损坏），身份信息未变',
      ],
      [{ stage: 'printing', note: 'at counter 330100-HALL-01' }, '窗口 330100-HALL-01 制卡'],
      [
        { stage: 'printing', action: 'printed_at_counter', note: 'counter 330100-HALL-01, blank BK000042' },
        '窗口 330100-HALL-01，空白卡 BK000042',
      ],
      [
        { stage: 'printing', action: 'instant_fell_back', note: 'PRINTER_OUT_OF_BLANKS: the tray is empty' },
        '窗口制卡机空白卡已用完',
      ],
      [
        { stage: 'printing', action: 'instant_fell_back', note: 'the printer did not answer within 180 s' },
        '制卡机 180 秒内未应答',
      ],
      [
        {
          stage: 'comparing',
          action: 'instant_fell_back',
          note: 'the identity comparison did not answer within 60 s',
        },
        '身份比对 60 秒内未应答',
      ],
      [
        { stage: 'in_delivery', action: 'dispatched', note: 'tracking SF123456789012' },
        '快递单号 SF123456789012',
      ],
      [{ stage: 'in_delivery', action: 'delivery_refused', note: 'attempt 1' }, '第 1 次投递'],
      [{ stage: 'awaiting_collection', note: 'parcel back at 330100-HALL-01' }, '邮件退回 330100-HALL-01'],
      [
        { stage: 'issued', note: 'collected (self) at delivered by courier, SF123456789012' },
        '本人凭短信签收码签收，快递单号 SF123456789012',
      ],
      [
        { stage: 'registering', note: 'fee ¥20.00 (loss_replacement) charged as A1-F1' },
        '工本费 ¥20.00（挂失补领），收费单 A1-F1',
      ],
      [{ stage: 'registering', action: 'fee_paid', note: '¥20.00, A1-F1' }, '¥20.00，收费单 A1-F1'],
      [
        { stage: 'registering', action: 'fee_waived', note: 'LOW_INCOME: 低保证 2026-0412' },
        '低收入：低保证 2026-0412',
      ],
      [{ stage: 'withdrawn', action: 'fee_refunded', note: '¥20.00, A1-F1' }, '¥20.00，收费单 A1-F1'],
      [
        { stage: 'withdrawn', action: 'compensation_failed', note: 'refund: REFUND_REFUSED' },
        '退还工本费：支付机构拒绝退费',
      ],
      [{ stage: 'withdrawn', note: 'left the unit' }, 'left the unit'],
    ];
    const read = await page.evaluate(`import('/console/notes.js').then(({ noteOf }) =>
      ${JSON.stringify(notes.map(([step]) => step))}.map(noteOf))`);
    assert.deepEqual(
      read,
      notes.map(([, words]) => words),
    );
  });

  it('takes one person’s application at a counter with a printer and follows the card made there while they wait', async () => {
    const person = t.world.people[8]!;
    const before = await t.world.db.collection('applications').countDocuments({});
    await signedIn(page, url);
    await page.getByRole('button', { name: '个人申领' }).click();
    const form = page.locator('#apply-form');
    await form.getByLabel('单位').fill(UNIT._id);
    await form.getByLabel('申请人身份号码').fill(person.residentId);
    await form.getByLabel('姓名', { exact: true }).fill(person.name);
    await form.getByLabel('手机号码（选填）').fill(person.phone!);
    await form.getByLabel('照片（JPEG）').setInputFiles({
      name: 'me.jpg',
      mimeType: 'image/jpeg',
      buffer: await jpegOf(),
    });
    assert.equal(await form.getByLabel('窗口编号').isVisible(), false, 'no counter for sporadic issuance');
    await form.getByLabel('在有制卡机的窗口当场制卡，立等可取（即时制卡）').check();
    assert.deepEqual(await form.getByLabel('急需原因').locator('option').allTextContents(), [
      '无',
      '住院',
      '产前检查',
      '急诊救治',
      '待遇即将发放',
      '其他急需情形',
    ]);
    // A counter without a printer: refused with why, and nothing written.
    await form.getByLabel('窗口编号').fill(COUNTER_WITHOUT_PRINTER._id);
    await form.getByRole('button', { name: '提交申请' }).click();
    await page
      .getByRole('alert')
      .getByText(/^该窗口没有制卡机，无法立等可取（COUNTER_HAS_NO_PRINTER）：/)
      .waitFor();
    assert.equal(await t.world.db.collection('applications').countDocuments({}), before);

    await form.getByLabel('窗口编号').fill(COUNTER._id.toLowerCase());
    await form.getByLabel('急需原因').selectOption('HOSPITAL_ADMISSION');
    await form.getByRole('button', { name: '提交申请' }).click();
    const said = page.getByRole('status').getByText(/^申请 A\S+ 已提交：即时制卡。$/);
    await said.waitFor();
    const applicationId = /申请 (A\S+) 已提交/.exec((await said.textContent())!)![1]!;
    // The page shows the application and follows it while the card is made, to its issuance at the counter.
    const detail = page.locator('#detail');
    await detail.getByRole('heading', { name: `申请 ${applicationId}`, level: 2 }).waitFor();
    await page.locator('#detail-stage[data-stage="issued"]').waitFor({ timeout: 60_000 });
    const facts = (await detail.locator('dl.facts').textContent()) ?? '';
    assert.match(facts, /办理方式即时制卡窗口330100-HALL-01急需原因住院/);
    assert.match(facts, /即时制卡时限15 分钟内（(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}前）/);
    assert.match(facts, /空白卡号BK\w+/);
    assert.doesNotMatch(facts, /已超时|转为零星申领/);
    await detail.getByRole('cell', { name: /^窗口 330100-HALL-01，空白卡 BK\w+$/ }).waitFor();
    await detail.getByRole('cell', { name: '窗口即时制卡完成' }).waitFor();
    for (const secret of [person.name, person.residentId])
      assert.ok(!(await page.content()).includes(secret), 'the person’s data left the page once sent');
    await screenshot(page, 'console-instant.png');

    // A jammed printer hands the application over: the page says when and why, and the deadline is the sporadic one.
    const jammed = t.world.people[9]!;
    t.world.sims.printer.jamPrintsFor(jammed.residentId);
    const handed = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: jammed, instant: { counterId: COUNTER._id } },
      CLERK,
    );
    const { deadline } = await waitForStage(t.world, handed.applicationId, 'awaiting_collection', 60_000);
    const other = await openFromQueue(page, '待领卡', handed.applicationId);
    const shown = (await other.locator('dl.facts').textContent()) ?? '';
    assert.match(shown, /办理方式零星申领（由即时制卡转入）/);
    assert.match(shown, /转为零星申领(\d{4}年)?\d{1,2}月\d{1,2}日 \d{2}:\d{2}：窗口制卡机卡卡/);
    assert.equal(await other.locator('#detail-lane').getAttribute('data-lane'), 'sporadic');
    const [year, month, day] = shanghaiDate(new Date(Date.parse(deadline!.dueAt) - 1))
      .split('-')
      .map(Number);
    assert.match(shown, new RegExp(`办结期限${year}年${month}月${day}日（周.）下班前`));
    await other.getByRole('cell', { name: '转为普通制卡' }).waitFor();
  });

  it('shows the fee an application waits for, and takes an operator’s waiver with the evidence seen', async () => {
    // The test city charges ¥15 for a first card while this test runs, and the person does not pay.
    const fees = {
      id: 'console-test-fees',
      region: UNIT.region,
      effectiveFrom: '2020-01-01',
      fees: {
        first_card: 1500,
        loss_replacement: 2000,
        damage_replacement: 2000,
        renewal: 0,
        generation_switch: 0,
      },
      exemptions: ['LOW_INCOME' as const],
    };
    await t.world.stores.feePolicies.upsert(fees);
    t.world.sims.payment.payerOf('*', 'waits');
    try {
      const person = t.world.people[13]!;
      const { applicationId } = await t.world.client.applications.submit(
        { unitId: UNIT._id, applicant: person },
        CLERK,
      );
      await waitFor(t.world, applicationId, (s) => s.awaiting === 'payment', 'the wait for the fee');
      await signedIn(page, url);
      await page.evaluate(
        `import('/console/application.js').then((m) => m.openApplication('${applicationId}'))`,
      );
      const detail = page.locator('#detail');
      await detail.locator('#detail-payment[data-payment="unpaid"]').waitFor();
      const facts = (await detail.locator('dl.facts').textContent()) ?? '';
      assert.match(facts, /等待缴纳工本费/);
      assert.match(facts, /工本费¥15\.00 · 首次申领缴费情况待缴费/);
      await detail
        .getByRole('cell', { name: `工本费 ¥15.00（首次申领），收费单 ${applicationId}-F1` })
        .waitFor();

      const waiver = detail.getByRole('form', { name: '免收工本费' });
      assert.deepEqual(await waiver.getByLabel('减免类别').locator('option').allTextContents(), ['低收入']);
      await waiver.getByLabel('查验的证明（证件及编号）').fill('低保证 330100-2026-0412');
      await waiver.getByRole('button', { name: '免收工本费' }).click();
      await detail.locator('#detail-payment[data-payment="waived"]').waitFor();
      const waived = (await detail.locator('dl.facts').textContent()) ?? '';
      assert.match(waived, /免收依据低收入: 低保证 330100-2026-0412/);
      await detail.getByRole('cell', { name: '低收入：低保证 330100-2026-0412' }).waitFor();
      await screenshot(page, 'console-fee.png');
    } finally {
      await t.world.stores.feePolicies.upsert({ ...fees, effectiveFrom: '2999-01-01' });
      t.world.sims.payment.payerOf('*', 'pays');
    }
  });

  it('takes a minor’s application with their guardian, refused without one, and shows who the guardian is to them', async () => {
    const mother = t.world.people[17]!;
    const today = shanghaiDate(new Date());
    const birthDate = addCalendarDays(`${Number(today.slice(0, 4)) - 10}-${today.slice(5, 7)}-01`, -1);
    const child = {
      residentId: makeResidentId({ regionCode: '330102', birthDate, sequence: 311 }),
      name: '王小明',
    };
    const before = await t.world.db.collection('applications').countDocuments({});
    await signedIn(page, url);
    await page.getByRole('button', { name: '个人申领' }).click();
    const form = page.locator('#apply-form');
    await form.getByLabel('单位').fill(UNIT._id);
    await form.getByLabel('申请人身份号码').fill(child.residentId);
    await form.getByLabel('姓名', { exact: true }).fill(child.name);
    await form.getByLabel('在有制卡机的窗口当场制卡，立等可取（即时制卡）').uncheck();
    assert.equal(await form.getByLabel('监护人姓名').isVisible(), false, 'the guardian’s block is closed');
    await form.getByRole('button', { name: '提交申请' }).click();
    await page
      .getByRole('alert')
      .getByText(/^申请人是未满本地区规定年龄的未成年人，须由监护人代为申领（GUARDIAN_REQUIRED）：/)
      .waitFor();
    assert.equal(await t.world.db.collection('applications').countDocuments({}), before, 'nothing written');

    await form.getByText('未成年人：由监护人代为申领（未满 16 周岁）').click();
    await form.getByLabel('监护人身份号码').fill(mother.residentId);
    await form.getByLabel('监护人姓名').fill(mother.name);
    await form.getByLabel('监护人手机号码').fill(mother.phone!);
    assert.deepEqual(await form.getByLabel('与申请人关系').locator('option').allTextContents(), [
      '父亲',
      '母亲',
      '祖父母、外祖父母',
      '兄、姐',
      '其他近亲属',
      '其他法定监护人',
    ]);
    await form.getByLabel('与申请人关系').selectOption('mother');
    await form.getByLabel('户口簿户号').fill('330102-004519');
    await form.getByRole('button', { name: '提交申请' }).click();
    const said = page.getByRole('status').getByText(/^申请 A\S+ 已提交：零星申领。$/);
    await said.waitFor();
    const applicationId = /申请 (A\S+) 已提交/.exec((await said.textContent())!)![1]!;
    const detail = page.locator('#detail');
    await detail.getByRole('heading', { name: `申请 ${applicationId}`, level: 2 }).waitFor();
    await detail.locator('dl.facts').getByText('母亲').waitFor();
    assert.match((await detail.locator('dl.facts').textContent()) ?? '', /监护人母亲/);
    for (const secret of [child.residentId, mother.residentId, mother.name, mother.phone!, '330102-004519'])
      assert.ok(
        !(await page.content()).includes(secret),
        'the applicant’s and guardian’s data left the page once sent',
      );
  });

  it('shows an online application’s parcel, its failed attempts and the counter it came back to, and so does “where is my card?”', async () => {
    const person = t.world.people[10]!;
    await t.world.sims.photoSource.sharePhotoOf(person.residentId);
    t.world.sims.courier.recipientAt(person.phone!, 'absent');
    const lastCode = async (template: string) =>
      (
        await eventually(
          () =>
            t.world.sims.notifier.messages
              .find({ to: person.phone, template })
              .sort({ sentAt: -1 })
              .toArray(),
          (sent) => sent.length > 0,
          `an SMS ${template}`,
        )
      )[0]!.params.code!;
    await t.world.client.online.requestCode({ residentId: person.residentId });
    const { applicationId } = await t.world.client.online.apply({
      residentId: person.residentId,
      code: await lastCode('online_code'),
      address: {
        region: '330106',
        line: '文三路 90 号 3 幢 502 室',
        recipientName: person.name,
        recipientPhone: person.phone!,
      },
    });
    const back = await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    const tracking = back.delivery!.trackingNumber!;

    await signedIn(page, url);
    const detail = await openFromQueue(page, '待领卡', applicationId);
    const facts = (await detail.locator('dl.facts').textContent()) ?? '';
    assert.equal(await detail.locator('#detail-lane').getAttribute('data-lane'), 'online');
    assert.match(facts, new RegExp(`办理方式线上快递单号.*单位${ONLINE_DESK._id}`));
    assert.match(
      facts,
      new RegExp(`快递单号${tracking}邮件状态邮件退回服务网点投递未成功次数3退回网点${COUNTER._id}`),
    );
    assert.equal(await detail.locator('#detail-parcel').getAttribute('data-parcel'), 'returned');
    await detail.getByRole('cell', { name: `快递单号 ${tracking}` }).waitFor();
    for (const n of [1, 2, 3]) await detail.getByRole('cell', { name: `第 ${n} 次投递` }).waitFor();
    assert.equal(await detail.getByRole('row', { name: /投递未成功 快递公司 第 \d 次投递/ }).count(), 3);
    await detail.getByRole('cell', { name: `邮件退回 ${COUNTER._id}` }).waitFor();
    assert.ok(!(await page.content()).includes('文三路'), 'no address on the page');
    await screenshot(page, 'console-online.png');

    // The person's own page shows the same parcel.
    const own = await browser.newPage();
    try {
      await own.goto(`${url}/track`);
      await own.getByLabel('公民身份号码 · Resident ID number').fill(person.residentId);
      await own.getByRole('button', { name: '发送验证码 · Send a code to my phone' }).click();
      await own.getByLabel('短信验证码 · Code from the SMS').fill(await lastCode('tracking_code'));
      await own.getByRole('button', { name: '查询 · Show my card' }).click();
      const shown = own.locator('#facts');
      await shown.waitFor();
      const text = (await shown.textContent()) ?? '';
      assert.match(text, new RegExp(`快递单号 · Tracking number${tracking}`));
      assert.match(
        text,
        /邮件 · Parcel已退回服务网点，请凭身份证领取 · back at the service point: collect it there/,
      );
      assert.match(text, /投递未成功 · Failed attempts3/);
      assert.match(text, new RegExp(`邮件退回至 · Returned to${COUNTER.name}`));
    } finally {
      await own.close();
    }
  });

  it('lets a person apply online for themselves: a code to their phone, the code and the address, the receipt', async () => {
    const person = t.world.people[11]!;
    await t.world.sims.photoSource.sharePhotoOf(person.residentId);
    const before = await t.world.db.collection('applications').countDocuments({});
    const own = await browser.newPage();
    own.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await own.goto(`${url}/console/online.html`);
      await own.getByLabel('公民身份号码 · Resident ID number').fill(person.residentId);
      await own.getByRole('button', { name: '获取验证码 · Send a code to my phone' }).click();
      const form = own.locator('#apply-form');
      await form.waitFor();
      const code = (
        await eventually(
          () => t.world.sims.notifier.messages.find({ to: person.phone, template: 'online_code' }).toArray(),
          (sent) => sent.length === 1,
          'the SMS with the code',
        )
      )[0]!.params.code!;
      await form.getByLabel('短信验证码 · Code from the SMS').fill(code === '000000' ? '111111' : '000000');
      await form.getByLabel('收件地区代码 · Region code of the address').fill('330106');
      await form.getByLabel('详细地址 · Street, building and flat').fill('文三路 90 号 3 幢 502 室');
      await form.getByLabel('收件人 · Recipient', { exact: true }).fill(person.name);
      await form.getByLabel('收件人手机号码 · Recipient’s mobile phone').fill(person.phone!);
      // A wrong code: refused with what the API says, nothing filed, the form kept.
      await form.getByRole('button', { name: '提交 · Apply' }).click();
      await own.getByRole('alert').getByText(/code/i).waitFor();
      assert.equal(await t.world.db.collection('applications').countDocuments({}), before);

      await form.getByLabel('短信验证码 · Code from the SMS').fill(code);
      await form.getByRole('button', { name: '提交 · Apply' }).click();
      const receipt = own.locator('#facts');
      await receipt.waitFor();
      const text = (await receipt.textContent()) ?? '';
      const applicationId = /申请编号 · Application(A\w+)/.exec(text)?.[1];
      assert.ok(applicationId, text);
      assert.match(text, /使用公安身份证照片/);
      assert.equal(await own.locator('#error').isVisible(), false);
      assert.ok(!(await own.content()).includes('文三路'), 'the address left the page once sent');
      const status = await t.world.client.applications.status(applicationId, OPERATOR);
      assert.equal(status.mode, 'online');
    } finally {
      await own.close();
    }
  });

  it('shows a due date that falls in the next year with its year', async () => {
    const applicationId = await flaggedApplication(t, 5);
    const { deadline } = await waitForStage(t.world, applicationId, 'awaiting_review');
    const due = shanghaiDate(new Date(Date.parse(deadline!.dueAt) - 1));
    const [year, month, day] = due.split('-').map(Number) as [number, number, number];
    // A clerk looks on New Year's Eve, then on New Year's Day.
    const other = await browser.newPage();
    try {
      await other.clock.setFixedTime(new Date(`${year - 1}-12-31T10:00:00+08:00`));
      await signedIn(other, url);
      await openFromQueue(other, '待审核', applicationId);
      const dueCell = other.locator(`#queue-table tr[data-application="${applicationId}"] td`).nth(4);
      assert.equal(await dueCell.textContent(), `${year}年${month}月${day}日`);
      assert.deepEqual(
        (await linesOf(other, '#queue-table th, #queue-table td')).filter(([, lines]) => lines > 1),
        [],
        'a queue’s cells each on one line',
      );
      await other.clock.setFixedTime(new Date(`${year}-01-01T10:00:00+08:00`));
      await other.getByRole('button', { name: '刷新' }).click();
      await dueCell.getByText(`${month}月${day}日`, { exact: true }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('shows deadline compliance as a chart and a batch as bars per stage', async () => {
    await signedIn(page, url);
    await page.getByRole('button', { name: '时限达标' }).click();
    const chart = page.getByRole('img', { name: /^全部单位共 \d+ 条申请的办结时限达标情况$/ });
    await chart.waitFor();
    assert.equal(await page.locator('#compliance-chart svg.chart rect').count(), 6);
    // The applications accepted this month, per unit, mode and week, and the same as a CSV file.
    await page.getByRole('table', { name: '按单位' }).waitFor();
    const accepted = await page.getByRole('table', { name: /至/ }).locator('tbody td').first().textContent();
    assert.ok(Number(accepted) >= 1, `accepted this month: ${accepted}`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 CSV' }).click(),
    ]);
    const saved = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-download-')),
      download.suggestedFilename(),
    );
    await download.saveAs(saved);
    const exported = fs.readFileSync(saved, 'utf8');
    assert.match(download.suggestedFilename(), /^sscard-compliance-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.match(
      exported,
      /^\uFEFFapplicationId,unitId,mode,acceptedOn/,
      JSON.stringify(exported.slice(0, 80)),
    );
    // Laid out to be read: each table the report's width, each heading on one line.
    await page.getByRole('table', { name: '按受理周' }).waitFor();
    assert.deepEqual(
      (await linesOf(page, '#compliance-report th')).filter(([, lines]) => lines > 1),
      [],
    );
    assert.equal(
      await page.evaluate(
        `[...document.querySelectorAll('#compliance-report table')]
          .filter((table) => table.offsetWidth < table.parentElement.clientWidth - 1).length`,
      ),
      0,
      'every table of the report is as wide as the report',
    );
    await screenshot(page, 'console-compliance.png');
    const counted = await page.locator('tr[data-sla] td.num').allTextContents();
    const total = counted.map(Number).reduce((a, b) => a + b, 0);
    assert.ok(total >= 1, 'the application approved above is counted (on track, or met once notified)');
    assert.equal(
      await page.locator('#compliance-chart svg.chart title').textContent(),
      `全部单位共 ${total} 条申请的办结时限达标情况`,
    );

    const receipt = await t.world.client.batches.submit(
      { unitId: UNIT._id, applicants: t.world.people.slice(1, 3) },
      OPERATOR,
    );
    // A batch answers for its progress once its workflow ran its first task.
    await poll(() =>
      t.world.client.batches.progress(receipt.batchId, OPERATOR).then(
        () => true,
        () => false,
      ),
    );
    await page.getByRole('button', { name: '批量申领' }).click();
    await page.getByLabel('批次号').fill(receipt.batchId);
    assert.ok(
      await page
        .locator('#batch-id')
        .evaluate((input) => (input as unknown as { checkValidity(): boolean }).checkValidity()),
      'the batch ID field takes a real batch ID (its pattern compiles in the browser)',
    );
    await page.getByRole('button', { name: '查看进度' }).click();
    await page.getByRole('heading', { name: `批次 ${receipt.batchId}` }).waitFor();
    await page.getByRole('progressbar', { name: '已启动' }).waitFor();
    await page.getByRole('progressbar', { name: '已通知或已办结' }).waitFor();
  });

  it('serves the API reference, drawn by Swagger UI from the OpenAPI document, all from the API itself', async () => {
    const reference = await browser.newPage();
    const outside: string[] = [];
    const refused: string[] = [];
    reference.on('request', (request) => {
      if (!request.url().startsWith(url)) outside.push(request.url());
    });
    reference.on('console', (message) => {
      if (message.type() === 'error') refused.push(message.text());
    });
    try {
      await reference.goto(`${url}/docs`);
      await reference.locator('.opblock').first().waitFor({ timeout: 30_000 });
      assert.ok((await reference.locator('.opblock').count()) > 20, 'every operation is listed');
      await reference.getByText('/v1/reports/compliance', { exact: true }).first().waitFor();
      assert.deepEqual(outside, [], 'nothing is fetched from elsewhere (no CDN)');
      assert.deepEqual(refused, [], 'no error, the Content-Security-Policy included');
    } finally {
      await reference.close();
    }
  });

  it('looks up a person’s cards at the counter, takes a temporary loss report by phone and lifts it, and unlocks a card six wrong PINs locked', async () => {
    const person = t.world.people[7]!;
    const applicationId = await submitApplication(t.world, person);
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    await t.world.client.applications.act(
      registerCollection,
      applicationId,
      { collectedBy: person.name, relation: 'self', receivedOn: shanghaiDate(new Date()), place: 'hall' },
      OPERATOR,
    );
    await page.getByRole('button', { name: '持卡管理' }).click();
    await page.getByLabel('公民身份号码', { exact: true }).fill(person.residentId);
    await page.getByRole('button', { name: '查询名下社保卡' }).click();
    const row = page.getByRole('table', { name: '名下社保卡' }).locator('tbody tr').first();
    await row.getByText('已领卡', { exact: true }).waitFor();
    await row.getByRole('button', { name: '临时挂失（电话）' }).click();
    await page.getByText(/已临时挂失。$/).waitFor();
    await row.getByText('临时挂失', { exact: true }).waitFor();
    const cardId = (await row.getAttribute('data-card'))!;
    assert.equal((await t.world.stores.cards.get(cardId))?.status, 'suspended');
    await screenshot(page, 'console-cards.png');
    await row.getByRole('button', { name: '解除挂失' }).click();
    await row.getByText('已领卡', { exact: true }).waitFor();
    assert.equal((await t.world.stores.cards.get(cardId))?.status, 'issued');
    // How long the card is valid; its renewal is refused until the window opens, which the refusal says.
    const { personKey, validity } = (await t.world.stores.cards.get(cardId))!;
    const { expiresOn, renewableFrom } = validity!;
    await row.getByText(`${expiresOn} （${renewableFrom} 起可换领）`, { exact: true }).waitFor();
    await row.getByRole('button', { name: '到期换领' }).click();
    await page
      .locator('#error')
      .getByText(/该卡尚未到可申请换领的时间/)
      .waitFor();
    assert.equal((await t.world.stores.cards.cardsOf(personKey)).length, 1, 'nothing was filed');
    assert.equal(
      await page.locator('#card-list').getByRole('button', { name: '注销（出境定居）' }).count(),
      0,
      'operators do not cancel',
    );

    // The card's use: sealed until activated; six wrong PINs at a terminal lock it, and the counter unlocks it.
    await row.locator('td[data-use="sealed"]').waitFor();
    const chipId = (await t.world.stores.cards.get(cardId))!.chipId!;
    await t.world.sims.terminals.activate(chipId, 'social');
    for (let i = 0; i < 6; i++) await t.world.sims.terminals.wrongPin(chipId);
    await page.getByRole('button', { name: '查询名下社保卡' }).click();
    await row
      .locator('td[data-use="locked"]')
      .getByText(/密码错误 6 次/)
      .waitFor();
    await row.getByRole('button', { name: '解锁（已核验身份）' }).click();
    await page.getByText(/已解锁。$/).waitFor();
    await row.locator('td[data-use="active"]').waitFor();
    assert.equal((await t.world.stores.cardUse.get(cardId))?.lockedAt, undefined);
  });

  it('submits a batch with its photos, named by row or resident ID number, and lists a refused photo', async () => {
    const good = await jpegOf();
    const poor = await jpegOf(358, 441, { quality: 2 });
    const people = t.world.people.slice(15, 18).map(({ photoId: _photo, ...applicant }) => applicant);
    const csv = [
      'residentId,name,phone',
      ...people.map((p) => `${p.residentId},"${p.name}",${p.phone ?? ''}`),
    ];
    await page.getByRole('button', { name: '批量申领' }).click();
    await page.getByLabel('申领单位').fill(UNIT._id);
    await page.getByLabel('申领人员名单（JSON 或 CSV）').setInputFiles({
      name: 'staff.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\r\n')),
    });
    await page.getByLabel('照片（JPEG 或 ZIP，文件名为行号或身份号码）').setInputFiles([
      { name: '1.jpg', mimeType: 'image/jpeg', buffer: good },
      { name: `${people[1]!.residentId}.jpg`, mimeType: 'image/jpeg', buffer: good },
      { name: '3.jpg', mimeType: 'image/jpeg', buffer: poor },
    ]);
    await page.getByRole('button', { name: '提交批次' }).click();
    const status = page.getByRole('status').filter({ hasText: /^批次 B/ });
    await status.waitFor();
    assert.match((await status.textContent())!, /3 行中 3 行已受理，0 行无效；照片 2 张已保存，1 张未通过/);
    const refused = page.getByRole('table', { name: '未通过的照片' }).locator('tbody tr');
    assert.equal(await refused.count(), 1);
    assert.match((await refused.first().textContent())!, /^3PHOTO_\w+3\.jpg: /);
    const batchId = /批次 (B\w+)/.exec((await status.textContent())!)![1]!;
    await poll(async () => (await t.world.db.collection('applications').countDocuments({ batchId })) === 3);
    const docs = await t.world.db.collection('applications').find({ batchId }).toArray();
    const photos = new Map(
      (await Promise.all(docs.map((d) => t.world.stores.currentApplicant(String(d._id))))).map((a) => [
        a!.residentId,
        a!.photoId,
      ]),
    );
    assert.match(photos.get(people[0]!.residentId) ?? '', /^P/);
    assert.match(photos.get(people[1]!.residentId) ?? '', /^P/);
    assert.equal(photos.get(people[2]!.residentId), undefined);
    await page.getByRole('heading', { name: `批次 ${batchId}` }).waitFor();
  });

  it('takes a batch’s photos as a ZIP archive, and names an archive it cannot read', async () => {
    const good = await jpegOf();
    const people = t.world.people.slice(18, 20).map(({ photoId: _photo, ...applicant }) => applicant);
    await page.getByRole('button', { name: '批量申领' }).click();
    await page.getByLabel('申领单位').fill(UNIT._id);
    await page.getByLabel('申领人员名单（JSON 或 CSV）').setInputFiles({
      name: 'staff.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(people)),
    });
    const photos = page.getByLabel('照片（JPEG 或 ZIP，文件名为行号或身份号码）');
    await photos.setInputFiles({
      name: 'photos.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('no zip'),
    });
    await page.getByRole('button', { name: '提交批次' }).click();
    await page
      .getByRole('alert')
      .getByText(/^请求内容有误（VALIDATION_FAILED）：photos\.zip 不是可读取的 ZIP 压缩包：/)
      .waitFor();

    const archive = zipSync({
      'photos/1.jpg': good,
      [`photos/${people[1]!.residentId}.jpg`]: good,
      // macOS's resource forks ride along in archives made there: they are no photos.
      '__MACOSX/photos/._1.jpg': new Uint8Array([0, 5, 22, 7]),
      'photos/list.txt': new TextEncoder().encode('not a photo'),
    });
    await photos.setInputFiles({
      name: 'photos.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(archive),
    });
    await page.getByRole('button', { name: '提交批次' }).click();
    const status = page.getByRole('status').filter({ hasText: /2 行中 2 行已受理/ });
    await status.waitFor();
    assert.match((await status.textContent())!, /照片 2 张已保存，0 张未通过/);
    const batchId = /批次 (B\w+)/.exec((await status.textContent())!)![1]!;
    await poll(async () => (await t.world.db.collection('applications').countDocuments({ batchId })) === 2);
    const docs = await t.world.db.collection('applications').find({ batchId }).toArray();
    for (const doc of docs)
      assert.match((await t.world.stores.currentApplicant(String(doc._id)))?.photoId ?? '', /^P/);
  });

  it('speaks English when a person chooses it, and keeps the choice', async () => {
    await page.getByLabel('语言').selectOption('en');
    await page.getByRole('tab', { name: /Awaiting review/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    await page.getByText('operator op-01', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  });
});

/** A decision of a review as the console offers it: its button, and what is said once it is taken. */
const decision = (chosen: string) => review.presets!.find((preset) => preset.body.decision === chosen)!;

/** The text of each element `selector` finds, and how many lines it takes on the page. */
async function linesOf(page: Page, selector: string): Promise<[text: string, lines: number][]> {
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return [cell.textContent, new Set([...range.getClientRects()].map((line) => Math.round(line.top))).size];
  })`);
}

/** Saves the whole page for the README when SSCARD_SCREENSHOTS names a folder (docs/). */
async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SSCARD_SCREENSHOTS;
  if (!dir) return;
  // Without one, every Chinese character would be a box.
  if (!execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim())
    assert.fail('the screenshots need a CJK font: apt-get install fonts-wqy-microhei');
  fs.mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: path.join(dir, name), fullPage: true });
}

/** The console, signed in as the operator (a test run alone starts there too). */
async function signedIn(page: Page, url: string): Promise<void> {
  if (!page.url().startsWith(url)) await page.goto(`${url}/console/`);
  const signOut = page.getByRole('button', { name: '退出' });
  if (await signOut.isVisible()) return;
  await page.getByLabel('访问令牌').fill(tokenOf('operator'));
  await page.getByRole('button', { name: '登录' }).click();
  await signOut.waitFor();
}

/** Opens an application from a queue's tab, refreshing until the visibility query lists it; its detail panel. */
async function openFromQueue(page: Page, tab: string, applicationId: string) {
  await page.getByRole('button', { name: '工作队列' }).click();
  await page.getByRole('tab', { name: new RegExp(tab) }).click();
  // Queues are visibility queries: the application shows up moments after its stage changed.
  const open = page.getByRole('button', { name: applicationId, exact: true });
  await poll(async () => {
    if (await open.isVisible()) return true;
    await page.getByRole('button', { name: '刷新' }).click();
    return false;
  });
  await open.click();
  const detail = page.locator('#detail');
  await detail.getByRole('heading', { name: `申请 ${applicationId}`, level: 2 }).waitFor();
  return detail;
}

async function poll(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail('timed out');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}
