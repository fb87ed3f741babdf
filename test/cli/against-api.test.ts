// The command line against a running API (dev server, worker, FerretDB): what a clerk, an operator and an
// administrator see, the --json a script reads, and the refusals with their codes and exit codes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BatchProgress } from '../../domain/batch-progress';
import { makeResidentId } from '../../domain/resident-id';
import type { ApplicationList } from '../../domain/lists';
import type { ApplicationStatus } from '../../domain/status';
import { type ApiWorld, startApiWorld, tokenOf } from '../api/support';
import { waitFor as waitForStatus, waitForStage } from '../support/flow';
import { COUNTER, COUNTER_WITHOUT_PRINTER, OPERATOR, UNIT } from '../support/world';
import { sscard, sscardUntil } from './run-sscard';
import { zipSync } from 'fflate';
import type { SyntheticPerson } from '../../integrations/simulators/people';
import { samplePhoto as jpegOf } from '../../scripts/tools/sample-photo';
import { cardIdFor } from '../../domain/documents/cards';

describe('the sscard command line against the API', () => {
  let t: ApiWorld;
  let dir: string;
  const as = (who: 'clerk' | 'operator' | 'supervisor' | 'admin' | 'otherClerk') => ({
    SSCARD_API_URL: t.url,
    SSCARD_TOKEN: tokenOf(who),
  });
  const file = (name: string, content: unknown) => {
    const target = path.join(dir, name);
    fs.writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
    return target;
  };
  const json = <T>(stdout: string): T => JSON.parse(stdout) as T;

  before(async () => {
    t = await startApiWorld();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-cli-'));
  });
  after(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // First, while nothing runs: closing the world right after a publication signalled applications in flight
  // has crashed the worker's threads at shutdown (async hook stack corrupted).
  it('an administrator publishes a calendar year; a clerk may not', async () => {
    const year = file('2031.json', { holidays: ['2031-01-01', '2031-10-01'], workdays: ['2031-09-28'] });
    const published = await sscard(['calendar', 'publish', '2031', year], as('admin'));
    assert.equal(published.code, 0, published.stderr);
    assert.match(published.stdout, /published 2031 \(revision \d+\): 2 holidays, 1 swapped working days/);
    const refused = await sscard(['calendar', 'publish', '2031', year], as('clerk'));
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^error ROLE_NOT_ALLOWED: /);
  });

  it('a clerk submits, follows the status and finds the application in the review queue; an operator approves it', async () => {
    const me = await sscard(['me', '--json'], as('clerk'));
    assert.equal(me.code, 0, me.stderr);
    assert.deepEqual(json<{ actor: unknown }>(me.stdout).actor, {
      role: 'unit_clerk',
      id: 'clerk-01',
      unitId: UNIT._id,
    });

    // Without a phone number the audit flags the application for an operator's review.
    const { phone: _phone, ...applicant } = t.world.people[0]!;
    const submitted = await sscard(
      ['submit', file('applicant.json', applicant), '--unit', UNIT._id, '--json'],
      as('clerk'),
    );
    assert.equal(submitted.code, 0, submitted.stderr);
    const { applicationId } = json<ApplicationStatus>(submitted.stdout);
    assert.match(applicationId, /^A/);
    await waitForStage(t.world, applicationId, 'awaiting_review');

    const status = await sscard(['status', applicationId], as('clerk'));
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /Stage\s+Awaiting operator review \(awaiting_review\), waiting for review/);
    assert.match(
      status.stdout,
      /Deadline\s+on track · \d of 5 working days used, \d left · due by end of \d{4}-\d{2}-\d{2}/,
    );
    assert.match(status.stdout, /When \(UTC\+8\)\s+Stage\s+Action\s+By/);
    assert.match(status.stdout, /accepted .* unit_clerk:clerk-01/);
    for (const secret of [applicant.name, applicant.residentId]) assert.ok(!status.stdout.includes(secret));

    const statusJson = await sscard(['status', applicationId, '--json'], as('operator'));
    assert.equal(json<ApplicationStatus>(statusJson.stdout).stage, 'awaiting_review');

    // The queue is a visibility query: it shows the application moments after the stage changed.
    let listed: ApplicationList | undefined;
    for (let i = 0; i < 50 && !listed?.items.some((a) => a.applicationId === applicationId); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 200));
      const list = await sscard(['list', '--queue', 'awaiting_review', '--json'], as('operator'));
      assert.equal(list.code, 0, list.stderr);
      listed = json<ApplicationList>(list.stdout);
    }
    assert.ok(
      listed?.items.some((a) => a.applicationId === applicationId),
      'listed in the review queue',
    );
    const table = await sscard(['list', '--queue', 'awaiting_review', '--unit', UNIT._id], as('operator'));
    assert.match(table.stdout, /^Application\s+Stage\s+Mode\s+Unit/);
    assert.match(table.stdout, new RegExp(`${applicationId}\\s+awaiting_review\\s+sporadic\\s+${UNIT._id}`));

    const approved = await sscard(['review', applicationId, '--approve'], as('operator'));
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`reviewed: ${applicationId} is now`));
    await waitFor(
      async () =>
        (await t.world.client.applications.status(applicationId, OPERATOR)).stage !== 'awaiting_review',
    );
  });

  it('a new user adds a person of their own to the simulated registry and applies for them', async () => {
    // As the README's first steps go: the person and a sample photo, then the application with the photo.
    const residentId = makeResidentId({ regionCode: '330106', birthDate: '1986-06-15', sequence: 427 });
    const photo = path.join(dir, 'own.jpg');
    const sims = { MONGODB_URI: process.env.MONGODB_URI, SSCARD_PARTNERS_DB: t.world.sims.db.databaseName };
    const added = await sscard(['sim', 'person', residentId, '林新人', '--photo', photo], sims);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /born 1986-06-15\nsample photo written to .*own\.jpg\n/);
    assert.match(added.stdout, /apply with: sscard --as clerk submit <file\.json> --photo .*own\.jpg/);
    const overwrite = await sscard(['sim', 'person', residentId, '林新人', '--photo', photo], sims);
    assert.equal(overwrite.code, 2, 'an existing file is not overwritten');
    const submitted = await sscard(
      ['submit', file('own.json', { residentId, name: '林新人', phone: '13800138000' }), '--photo', photo],
      as('clerk'),
    );
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stdout, /^photo P\w+ kept \(358×441, [\d.]+ KB\)\nsubmitted A\w+ /);
    const applicationId = /submitted (A\w+)/.exec(submitted.stdout)![1]!;
    assert.match((await t.world.stores.currentApplicant(applicationId))?.photoId ?? '', /^P/);
    // Known to the registry, the person passes the comparison instead of coming back UNKNOWN_PERSON.
    await waitForStage(t.world, applicationId, 'awaiting_collection', 60_000);
    const refused = await sscard(['sim', 'person', '11010519491231002', '张三'], {});
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /RID_FORMAT/);

    // Handed over at the counter but not registered: a loss report says what comes first.
    const early = await sscard(
      ['card', 'report-loss', cardIdFor(applicationId), '--kind', 'temporary'],
      as('operator'),
    );
    assert.equal(early.code, 1);
    assert.match(early.stderr, /^error CARD_NOT_IN_USE: .*awaiting collection: register its collection/);
    assert.match(early.stderr, /\nnext: register the collection first: sscard collect <application>/);

    // The card collected (today, unless --on says otherwise), the person loses it and finds it again: an operator
    // takes the report and lifts it.
    const collected = await sscard(
      ['collect', applicationId, '--by', '林新人', '--relation', 'self', '--place', 'hall', '--json'],
      as('operator'),
    );
    assert.equal(collected.code, 0, collected.stderr);
    assert.equal(json<ApplicationStatus>(collected.stdout).stage, 'issued');
    const lookup = await sscard(['card', 'lookup', residentId, '--json'], as('operator'));
    assert.equal(lookup.code, 0, lookup.stderr);
    const cardId = json<{ current: { cardId: string } }>(lookup.stdout).current.cardId;
    const table = await sscard(['card', 'lookup', residentId], as('operator'));
    assert.match(table.stdout, new RegExp(`${cardId}\\s+issued`));
    const lost = await sscard(['card', 'report-loss', cardId, '--kind', 'temporary'], as('operator'));
    assert.equal(lost.code, 0, lost.stderr);
    assert.match(
      lost.stdout,
      /is suspended under a temporary loss report, lapsing at the end of \d{4}-\d{2}-\d{2}/,
    );
    const found = await sscard(['card', 'lift-loss', cardId, '--note', 'found'], as('operator'));
    assert.equal(found.code, 0, found.stderr);
    assert.match(found.stdout, /is issued/);
    const again = await sscard(['card', 'lift-loss', cardId], as('operator'));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /NO_LOSS_REPORTED/);
    // A command made from the action's description, like the two above: every missing option named at once.
    const unsaid = await sscard(['card', 'cancel', cardId], as('supervisor'));
    assert.equal(unsaid.code, 2);
    assert.match(unsaid.stderr, /--reason is required/);
    const cancelled = await sscard(['card', 'cancel', cardId, '--reason', 'EMIGRATED'], as('supervisor'));
    assert.equal(cancelled.code, 0, cancelled.stderr);
    assert.match(cancelled.stdout, new RegExp(`^cancelled: card ${cardId} is cancelled`));
  });

  it('refusals print the code, the message and what to do next, with exit code 1 (and JSON with --json)', async () => {
    const { photoId: _photo, ...applicant } = t.world.people[1]!;
    const toOtherUnit = await sscard(
      ['submit', file('other.json', { unitId: UNIT._id, applicant })],
      as('otherClerk'),
    );
    assert.equal(toOtherUnit.code, 1);
    assert.match(toOtherUnit.stderr, /^error NOT_YOUR_UNIT: /);
    assert.match(toOtherUnit.stderr, /next: Unit clerks act only on their own unit's applications\./);

    const invalid = await sscard(
      [
        'submit',
        file('invalid.json', { ...applicant, residentId: '11010519491231002' }),
        '--unit',
        UNIT._id,
        '--json',
      ],
      as('clerk'),
    );
    assert.equal(invalid.code, 1);
    assert.equal(json<{ error: { code: string } }>(invalid.stdout).error.code, 'RID_FORMAT');
    assert.equal(invalid.stderr.trim(), '', 'the error is printed once, as JSON');
    const missing = await sscard(
      ['submit', file('missing.json', { residentId: applicant.residentId })],
      as('clerk'),
    );
    assert.match(missing.stderr, /^error VALIDATION_FAILED: .*the applicant's name is missing/);
    assert.equal(missing.stderr.match(/name is missing/g)?.length, 1, missing.stderr);

    const unknown = await sscard(['status', 'A0000000000000000000'], as('operator'));
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /^error APPLICATION_NOT_FOUND: /);

    const noToken = await sscard(['me'], {
      SSCARD_API_URL: t.url,
      SSCARD_TOKEN: 'not-a-real-token-0123456789',
    });
    assert.equal(noToken.code, 1);
    assert.match(noToken.stderr, /^error UNAUTHENTICATED: /);
    assert.match(noToken.stderr, /next: .*--token.*--as/);
  });

  it('a clerk applies at a counter with a printer: the card is made there, and the status shows the lane', async () => {
    const applicant = file('waiting.json', t.world.people[4]);
    const noPrinter = await sscard(
      ['submit', applicant, '--counter', COUNTER_WITHOUT_PRINTER._id, '--reason', 'HOSPITAL_ADMISSION'],
      as('clerk'),
    );
    assert.equal(noPrinter.code, 1);
    assert.match(noPrinter.stderr, /^error COUNTER_HAS_NO_PRINTER: /);
    assert.match(noPrinter.stderr, /next: Apply at a counter with a card printer/);

    const submitted = await sscard(['submit', applicant, '--counter', COUNTER._id], as('clerk'));
    assert.equal(submitted.code, 0, submitted.stderr);
    const applicationId = /submitted (A\w+)/.exec(submitted.stdout)![1]!;
    assert.match(
      submitted.stdout,
      new RegExp(
        `\\ninstant · counter ${COUNTER._id} · within 15 min, by \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\n`,
      ),
    );
    await waitForStage(t.world, applicationId, 'issued', 60_000);
    const status = await sscard(['status', applicationId], as('clerk'));
    assert.match(status.stdout, /Application\s+A\w+ · instant · unit /);
    assert.match(
      status.stdout,
      /Lane\s+instant · counter 330100-HALL-01 · within 15 min, by .* · card made from blank BK\w+\n/,
    );
    assert.match(status.stdout, /printed_at_counter/);
  });

  it('a clerk sees how long a card is valid and renews it once its window opened, not before', async () => {
    const person = t.world.people[6]!;
    const { applicationId } = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: person, instant: { counterId: COUNTER._id } },
      OPERATOR,
    );
    await waitForStage(t.world, applicationId, 'issued', 60_000);
    const cardId = cardIdFor(applicationId);
    const { expiresOn, renewableFrom } = (await t.world.stores.cards.get(cardId))!.validity!;
    const lookup = await sscard(['card', 'lookup', person.residentId], as('clerk'));
    assert.equal(lookup.code, 0, lookup.stderr);
    assert.match(lookup.stdout, /Valid until/);
    assert.match(lookup.stdout, new RegExp(`${cardId} .* ${expiresOn} .*yes`));

    const early = await sscard(['card', 'renew', cardId], as('clerk'));
    assert.equal(early.code, 1);
    assert.match(early.stderr, new RegExp(`^error RENEWAL_NOT_OPEN: .*can be asked from ${renewableFrom}`));

    // Ten years on, less a month: the window opened.
    await t.world.db
      .collection<{ _id: string }>('cards')
      .updateOne({ _id: cardId }, { $set: { 'validity.renewableFrom': '2000-01-01' } });
    const renewed = await sscard(['card', 'renew', cardId, '--phone', '13900000066'], as('clerk'));
    assert.equal(renewed.code, 0, renewed.stderr);
    assert.match(
      renewed.stdout,
      new RegExp(`renewal application A\\w+ started for card ${cardId}, valid until ${expiresOn}`),
    );
  });

  it('a clerk replaces a damaged card for a holder exempt from its fee, and is told the exemptions there are', async () => {
    const { applicationId: first } = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: t.world.people[7]!, instant: { counterId: COUNTER._id } },
      OPERATOR,
    );
    await waitForStage(t.world, first, 'issued', 60_000);
    const cardId = cardIdFor(first);
    const replace = (exemption: string) =>
      sscard(['card', 'replace', cardId, '--reason', 'DAMAGED', '--fee-exemption', exemption], as('clerk'));
    const unknown = await replace('POOR');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--fee-exemption: one of LOW_INCOME, DISABLED, DAMAGE_NOT_HOLDERS_FAULT/);

    const replaced = await replace('LOW_INCOME');
    assert.equal(replaced.code, 0, replaced.stderr);
    const applicationId = /replacement application (A\w+)/.exec(replaced.stdout)![1]!;
    const { fee } = await waitForStatus(
      t.world,
      applicationId,
      (s) => s.fee !== undefined,
      'the fee decided',
    );
    assert.deepEqual(
      [fee?.reason, fee?.amountFen, fee?.dueFen, fee?.exemption],
      ['damage_replacement', 2000, 0, 'LOW_INCOME'],
    );
  });

  it('a batch file in CSV is uploaded with a progress bar, its invalid rows listed, its progress and report shown', async () => {
    const people = t.world.people.slice(2, 4);
    const csv = [
      'residentId,name,phone,photoId',
      ...people.map((p) => [p.residentId, p.name, p.phone ?? '', p.photoId ?? ''].join(',')),
      '11010519491231002,王五,13800138000,photo-1',
    ].join('\n');
    // A clerk's key names the unit: the README's command needs no --unit.
    const submitted = await sscard(['batch', 'submit', file('batch.csv', csv)], as('clerk'));
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stderr, /staging\s+\[█+\] 100%/);
    const batchId = /batch (B\w+): 2 of 3 staged, 1 invalid, 0 duplicates/.exec(submitted.stdout)?.[1];
    assert.ok(batchId, submitted.stdout);
    assert.match(submitted.stdout, /Row\s+Code\s+Problem\n[─ ]+\n\s*3\s+RID_FORMAT\s+residentId: /);

    let progress: BatchProgress | undefined;
    await waitFor(async () => {
      const run = await sscard(['batch', 'status', batchId, '--json'], as('clerk'));
      if (run.code !== 0) return false;
      progress = json<BatchProgress>(run.stdout);
      return progress.rows.started === 2;
    });
    assert.equal(progress?.rows.invalid, 1);
    const shown = await sscard(['batch', 'status', batchId], as('operator'));
    assert.match(shown.stdout, new RegExp(`batch ${batchId} · unit ${UNIT._id} · `));
    assert.match(shown.stdout, /started\s+\[█+\] 100%\s+2\/2 {2}\(1 invalid rows\)/);

    const followed = await sscardUntil(
      ['batch', 'follow', batchId, '--every', '1'],
      as('operator'),
      /notified or closed\s+\[[█░]+\]/,
    );
    assert.match(followed, new RegExp(`batch ${batchId} · unit ${UNIT._id} · (running|notified)`));

    const report = await sscard(['batch', 'report', batchId], as('clerk'));
    assert.equal(report.code, 0, report.stderr);
    assert.match(report.stdout, /problem rows\nRow\s+Status\s+Problem/);
    assert.match(report.stdout, /3\s+invalid\s+residentId: /);
  });
  it('a batch without photos says its rows will wait for a review, and following it shows why they wait', async () => {
    const people = t.world.people.slice(15, 17);
    const csv = [
      'residentId,name,phone',
      ...people.map((p) => [p.residentId, p.name, '13800138000'].join(',')),
    ].join('\n');
    const submitted = await sscard(['batch', 'submit', file('no-photos.csv', csv)], as('clerk'));
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(
      submitted.stdout,
      /\n2 rows have no photo and will wait for an operator's review \(PHOTO_MISSING\); give photos with --photos DIR\|ZIP/,
    );
    const batchId = /batch (B\w+): 2 of 2 staged/.exec(submitted.stdout)?.[1];
    assert.ok(batchId, submitted.stdout);

    const followed = await sscardUntil(
      ['batch', 'follow', batchId, '--every', '1'],
      as('clerk'),
      /why they wait:\n\s+awaiting_review: photo missing 2\n/,
    );
    assert.match(followed, /awaiting_review\s+\[[█░]+\]\s+\d+%\s+2\/2/);
    const inChinese = await sscard(['batch', 'status', batchId], { ...as('operator'), LANG: 'zh_CN.UTF-8' });
    assert.equal(inChinese.code, 0, inChinese.stderr);
    assert.match(inChinese.stdout, /等待原因：\n\s+待人工审核：缺少照片 2/);
  });

  it('takes a batch’s photos from a folder or a ZIP archive, named by row or resident ID number', async () => {
    const good = await jpegOf();
    const poor = await jpegOf(358, 441, { quality: 2 });
    const [first, second, third] = t.world.people.slice(10, 13) as [
      SyntheticPerson,
      SyntheticPerson,
      SyntheticPerson,
    ];
    const folder = path.join(dir, 'photos');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, '1.jpg'), good); // the first row's, by row
    fs.writeFileSync(path.join(folder, `${second.residentId}.JPG`), good); // the second's, by number
    fs.writeFileSync(path.join(folder, '3.jpg'), poor); // the third's, too small a file
    fs.writeFileSync(path.join(folder, '99.jpg'), good); // nobody's
    const rows = [first, second, third].map(({ photoId: _photo, ...applicant }) => applicant);
    const submitted = await sscard(
      ['batch', 'submit', file('with-photos.json', rows), '--photos', folder],
      as('clerk'),
    );
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(submitted.stderr, /photos\s+\[█+\] 100%\s+3\/3 rows/);
    assert.match(
      submitted.stdout,
      /photos: 2 kept, 1 refused, 0 rows without one, 1 named for no row \(99\)/,
    );
    assert.match(submitted.stdout, /\n\s*3\s+PHOTO_\w+\s+3\.jpg: /);
    assert.match(submitted.stdout, /\n1 row has no photo and will wait for an operator's review/);
    const batchId = /batch (B\w+): 3 of 3 staged/.exec(submitted.stdout)?.[1];
    assert.ok(batchId, submitted.stdout);
    const photoIds = async (id: string, rows: number) => {
      const ofBatch = () => t.world.db.collection('applications').find({ batchId: id }).toArray();
      await waitFor(async () => (await ofBatch()).length === rows);
      const docs = await ofBatch();
      const applicants = await Promise.all(docs.map((d) => t.world.stores.currentApplicant(String(d._id))));
      return new Map(applicants.map((a) => [a!.residentId, a!.photoId]));
    };
    const kept = await photoIds(batchId, 3);
    assert.match(kept.get(first.residentId) ?? '', /^P/);
    assert.match(kept.get(second.residentId) ?? '', /^P/);
    assert.equal(kept.get(third.residentId), undefined, 'the refused photo is not used');

    // The same from a ZIP archive, in a folder of its own inside it.
    const people = t.world.people.slice(13, 15).map(({ photoId: _photo, ...applicant }) => applicant);
    const zip = path.join(dir, 'photos.zip');
    fs.writeFileSync(
      zip,
      zipSync({ 'unit photos/1.jpg': good, [`unit photos/${people[1]!.residentId}.jpg`]: good }),
    );
    const zipped = await sscard(
      ['batch', 'submit', file('zipped.json', people), '--photos', zip],
      as('clerk'),
    );
    assert.equal(zipped.code, 0, zipped.stderr);
    assert.match(zipped.stdout, /photos: 2 kept, 0 refused, 0 rows without one\n/);
    const zippedId = /batch (B\w+): 2 of 2 staged/.exec(zipped.stdout)![1]!;
    assert.ok([...(await photoIds(zippedId, 2)).values()].every((id) => /^P/.test(id ?? '')));

    const broken = await sscard(
      ['batch', 'submit', file('b.json', people), '--photos', file('x.zip', 'no zip')],
      as('clerk'),
    );
    assert.equal(broken.code, 2, broken.stderr);
    assert.match(broken.stderr, /x\.zip is not a ZIP archive that can be read/);
  });
});

async function waitFor(done: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) assert.fail('timed out');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
