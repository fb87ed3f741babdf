// Batches: submit a unit's file of applicants (with a progress bar while it uploads and stages), follow a batch
// stage by stage until every applicant is notified, list batches and print the batch report.
import path from 'node:path';
import { RETURN_REASONS } from '../../domain/application';
import type { BatchProgress } from '../../domain/batch-progress';
import type { ApplicationList, BatchList } from '../../domain/lists';
import { STAGES } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { type Command, type Context, requireOptions, str, UsageError } from '../command';
import { isRecord, parseCsv, readJson, readText } from '../files';
import { cell, refusalWords, t, word } from '../i18n';
import { lastDay, localTime } from '../output';
import { bar, LiveBlock } from '../ui/progress';
import { padDisplay } from '../ui/table';
import { ApiError } from '../http';
import { photoOf, readPhotoSet } from '../photo-set';
import { applyingUnit } from './account';
import { uploadPhoto } from './photos';

interface Receipt {
  batchId: string;
  total: number;
  staged: number;
  invalid: {
    rowNo: number;
    code: string;
    message?: string;
    problems?: { path: string; message: string }[];
  }[];
  duplicates: { rowNo: number; duplicateOf?: number }[] | number;
}

const enc = encodeURIComponent;

/** The applicants of a batch file: a JSON array, {unitId, applicants}, or a CSV file with a header line. */
export function readBatchFile(file: string): { unitId?: string; applicants: unknown[] } {
  if (path.extname(file).toLowerCase() === '.csv') return { applicants: parseCsv(readText(file)) };
  const content = readJson(file);
  if (Array.isArray(content)) return { applicants: content };
  if (isRecord(content) && Array.isArray(content.applicants)) {
    return {
      applicants: content.applicants,
      ...(typeof content.unitId === 'string' ? { unitId: content.unitId } : {}),
    };
  }
  throw new UsageError(
    t('{file}: expected an array of applicants or {"unitId", "applicants": [...]}', { file }),
  );
}

/** A one-line progress display on stderr; off a terminal it prints only every quarter. */
function uploadProgress(json: boolean) {
  const live = new LiveBlock(process.stderr);
  let lastQuarter = -1;
  const show = (text: string, ratio: number) => {
    if (json && !live.interactive) return;
    const quarter = Math.floor(ratio * 4);
    if (!live.interactive && quarter === lastQuarter) return;
    lastQuarter = quarter;
    live.render(text);
  };
  return {
    upload: (sent: number, total: number) =>
      show(
        `${padDisplay(t('uploading'), 9)} ${bar(sent, total)}  ${Math.round(sent / 1024)}/${Math.round(total / 1024)} KiB`,
        sent / total,
      ),
    staging: () =>
      show(
        `${padDisplay(t('staging'), 9)} ${bar(1, 1)}  ${t('uploaded; the server is checking and staging the rows…')}`,
        1.01,
      ),
  };
}

/**
 * Uploads the photo of each applicant that has one in the set (with a progress bar) and puts its photo ID on the
 * row. Photos the API refuses, rows without a photo and photos no row claims are listed; nothing is left out.
 */
async function attachPhotos(
  ctx: Context,
  unitId: string,
  applicants: unknown[],
  source: string,
): Promise<void> {
  const set = readPhotoSet(source);
  const live = new LiveBlock(process.stderr);
  const claimed = new Set<string>();
  const refused: [number, string, string][] = [];
  let kept = 0;
  for (const [i, row] of applicants.entries()) {
    const found = isRecord(row) ? photoOf(set, i + 1, row.residentId) : undefined;
    if (isRecord(row) && found) {
      claimed.add(found.name);
      try {
        row.photoId = (await uploadPhoto(ctx, unitId, String(row.residentId), found.bytes)).photoId;
        kept += 1;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        refused.push([i + 1, error.code, `${found.name}.jpg: ${error.message}`]);
      }
    }
    // Every row on a terminal; elsewhere (a log) each tenth, and never into --json's output.
    const tenth = (i + 1) % Math.ceil(applicants.length / 10) === 0 || i + 1 === applicants.length;
    if (live.interactive || (tenth && !ctx.out.json))
      live.render(
        `${padDisplay(t('photos'), 9)} ${bar(i + 1, applicants.length)}  ` +
          t('{done}/{total} rows', { done: i + 1, total: applicants.length }),
      );
  }
  const without = applicants.length - claimed.size;
  const unclaimed = [...set.keys()].filter((name) => !claimed.has(name));
  ctx.out.text(
    t('photos: {kept} kept, {refused} refused, {without} rows without one', {
      kept,
      refused: refused.length,
      without,
    }) +
      (unclaimed.length
        ? t(', {n} named for no row ({names})', {
            n: unclaimed.length,
            names: unclaimed.slice(0, 5).join(', '),
          })
        : ''),
  );
  if (refused.length) {
    ctx.out.text(t('photos refused (the rows go without; send a better photo when the audit asks for one):'));
    ctx.out.table([t('Row'), t('Code'), t('Problem')], refused);
  }
}

/** The rows taken in without a photo: the audit stops each of them for an operator (PHOTO_MISSING). */
function rowsWithoutPhoto(applicants: unknown[], receipt: Receipt): number {
  const left = new Set([
    ...receipt.invalid.map((r) => r.rowNo),
    ...(Array.isArray(receipt.duplicates) ? receipt.duplicates.map((r) => r.rowNo) : []),
  ]);
  return applicants.filter(
    (row, i) =>
      !left.has(i + 1) && !(isRecord(row) && typeof row.photoId === 'string' && row.photoId.trim() !== ''),
  ).length;
}

function problemText(row: Receipt['invalid'][number]): string {
  if (row.message) return row.message;
  return (row.problems ?? []).map((p) => `${p.path || t('row')}: ${p.message}`).join('; ');
}

/** The stages where a batch's applications wait for people, and why each waits. */
const WAITING_STAGES = ['awaiting_review', 'returned'] as const;
type WaitingStage = (typeof WAITING_STAGES)[number];

export type Waiting = Partial<
  Record<WaitingStage, { count: number; known: number; reasons: Record<string, number> }>
>;

/** Why an application waits: the reasons it was returned for; in review, its audit flags or the bank's findings. */
function reasonsOf(status: ApplicationStatus): string[] {
  if (status.stage === 'returned') return status.returns.at(-1)?.reasons ?? [];
  if (status.awaiting === 'review') return status.auditFlags;
  // Findings an operator decides on are the note the workflow gave the stage when it entered it.
  const entered = status.history.findLast((h) => h.stage === 'awaiting_review' && !h.action);
  const findings = (entered?.note ?? '')
    .split(', ')
    .filter((code) => (RETURN_REASONS as readonly string[]).includes(code));
  return findings.length ? findings : [status.awaiting ?? 'review'];
}

/** Reasons asked for at most per look: each application is asked once, while it waits where it was seen. */
const ASK_PER_LOOK = 50;

/**
 * Why the batch's applications in review or returned wait, counted by reason. `seen` keeps what earlier looks
 * found, so following a batch asks about each waiting application once.
 */
async function whyTheyWait(
  ctx: Context,
  progress: BatchProgress,
  seen: Map<string, string[]>,
): Promise<Waiting> {
  const waiting: Waiting = {};
  for (const stage of WAITING_STAGES) {
    const count = progress.counts.byStage[stage] ?? 0;
    if (count === 0) continue;
    const list = await ctx.api.request<ApplicationList>(
      'GET',
      `/v1/applications?batchId=${enc(progress.batchId)}&stage=${stage}&pageSize=200`,
    );
    let asked = 0;
    const reasons: Record<string, number> = {};
    let known = 0;
    for (const { applicationId } of list.items) {
      const key = `${stage}:${applicationId}`;
      if (!seen.has(key) && asked < ASK_PER_LOOK) {
        asked += 1;
        const status = await ctx.api.request<ApplicationStatus>(
          'GET',
          `/v1/applications/${enc(applicationId)}`,
        );
        if (status.stage === stage) seen.set(key, reasonsOf(status));
      }
      const found = seen.get(key);
      if (!found) continue;
      known += 1;
      for (const reason of found) reasons[reason] = (reasons[reason] ?? 0) + 1;
    }
    waiting[stage] = { count, known, reasons };
  }
  return waiting;
}

function waitingLines(waiting: Waiting): string[] {
  const lines: string[] = [];
  for (const stage of WAITING_STAGES) {
    const found = waiting[stage];
    if (!found || found.known === 0) continue;
    const reasons = Object.entries(found.reasons)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, n]) => `${word(reason)} ${n}`)
      .join(t(', '));
    const partly =
      found.known < found.count
        ? t(' (of {known} of {count} so far)', { known: found.known, count: found.count })
        : '';
    lines.push(`    ${t('{stage}: {reasons}', { stage: cell(stage), reasons })}${partly}`);
  }
  return lines.length ? [`  ${t('why they wait:')}`, ...lines] : [];
}

/** The per-stage display of a batch in progress, and why those waiting for people wait. */
export function renderProgress(progress: BatchProgress, waiting: Waiting = {}): string {
  const { rows, counts } = progress;
  const total = Math.max(
    counts.total,
    rows.total - rows.invalid - rows.duplicates - rows.inFlightElsewhere,
    1,
  );
  const deadline = progress.deadline
    ? ` · ${t('due by end of {day}', { day: lastDay(progress.deadline.dueAt) })}` +
      t(' ({sla})', { sla: word(progress.deadline.sla) })
    : '';
  const lines = [
    `${t('batch {id} · unit {unit}', { id: progress.batchId, unit: progress.unitId })} · ${cell(progress.phase)}${deadline}`,
  ];
  const line = (name: string, done: number, of: number, note = '') =>
    lines.push(`  ${padDisplay(name, 20)} ${bar(done, of, 24)}  ${String(done).padStart(6)}/${of}${note}`);
  line(t('started'), rows.started, total, rows.invalid ? t('  ({n} invalid rows)', { n: rows.invalid }) : '');
  for (const stage of ['submitted', ...STAGES] as const) {
    const n = counts.byStage[stage] ?? 0;
    if (n > 0) line(cell(stage)!, n, total);
  }
  line(
    t('notified or closed'),
    counts.done,
    total,
    counts.breached ? t('  ({n} breached)', { n: counts.breached }) : '',
  );
  return [...lines, ...waitingLines(waiting)].join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const batchCommands: Command[] = [
  {
    name: 'batch submit',
    args: ['<file.json|file.csv>'],
    summary: "Submit a unit's batch of applicants (30 working days).",
    details:
      'JSON: an array of applicants or {"unitId","applicants":[...]}.\n' +
      'CSV: a header line naming the fields, one applicant per line:\n' +
      '  residentId,name,phone,ethnicity,photoId,address\n' +
      'Invalid rows are listed and left out; the valid ones go ahead.\n' +
      'With --photos, a folder or .zip of JPEGs named by row (1.jpg is the first applicant) or by resident ID number.\n' +
      'Each photo is checked and kept first, and its row takes its photo ID.\n' +
      'A photo that misses the specification is listed with its reasons; its row goes without it.\n' +
      "A row without a photo stops at the audit (PHOTO_MISSING) and waits for an operator's review.",
    options: {
      unit: {
        type: 'string',
        value: 'UNIT',
        description: "the insured unit (its code); a clerk's own by default",
      },
      photos: {
        type: 'string',
        value: 'DIR|ZIP',
        description: 'the applicants’ photos, named by row or resident ID number',
      },
    },
    async run(ctx, parsed) {
      const file = readBatchFile(parsed.positionals[0]!);
      const unitId = await applyingUnit(ctx, str(parsed, 'unit') ?? file.unitId);
      const photos = str(parsed, 'photos');
      if (photos) await attachPhotos(ctx, unitId, file.applicants, photos);
      const progress = uploadProgress(ctx.out.json);
      const receipt = await ctx.api.request<Receipt>('POST', '/v1/batches', {
        body: { unitId, applicants: file.applicants },
        idempotent: true,
        onUpload: (sent, total) => (sent < total ? progress.upload(sent, total) : progress.staging()),
      });
      ctx.out.data(receipt);
      const duplicates = Array.isArray(receipt.duplicates) ? receipt.duplicates.length : receipt.duplicates;
      ctx.out.text(
        t('batch {id}: {staged} of {total} staged, {invalid} invalid, {duplicates} duplicates', {
          id: receipt.batchId,
          staged: receipt.staged,
          total: receipt.total,
          invalid: receipt.invalid.length,
          duplicates,
        }),
      );
      const withoutPhoto = rowsWithoutPhoto(file.applicants, receipt);
      if (withoutPhoto > 0)
        ctx.out.text(
          t(
            withoutPhoto === 1
              ? "1 row has no photo and will wait for an operator's review (PHOTO_MISSING); {how}"
              : "{n} rows have no photo and will wait for an operator's review (PHOTO_MISSING); {how}",
            {
              n: withoutPhoto,
              how: t('give photos with --photos DIR|ZIP (JPEG files named by row or resident ID number)'),
            },
          ),
        );
      if (receipt.invalid.length) {
        ctx.out.text(`\n${t('invalid rows (left out; correct them and submit them again):')}`);
        ctx.out.table(
          [t('Row'), t('Code'), t('Problem')],
          receipt.invalid.map((r) => [r.rowNo, r.code, problemText(r)]),
        );
      }
      ctx.out.text(`\n${t('follow it with: sscard batch follow {id}', { id: receipt.batchId })}`);
    },
  },
  {
    name: 'batch status',
    args: ['<id>'],
    summary: "A batch's progress, once, and why applications wait for people.",
    options: {},
    async run(ctx, parsed) {
      const progress = await ctx.api.request<BatchProgress>(
        'GET',
        `/v1/batches/${enc(parsed.positionals[0]!)}`,
      );
      ctx.out.data(progress);
      if (!ctx.out.json) ctx.out.text(renderProgress(progress, await whyTheyWait(ctx, progress, new Map())));
    },
  },
  {
    name: 'batch follow',
    args: ['<id>'],
    summary: 'Follow a batch stage by stage until all are notified (Ctrl-C stops).',
    details:
      'Applications waiting in review or returned to the unit are counted by why they wait (audit flags, reasons).',
    options: { every: { type: 'string', value: 'SECONDS', description: 'how often to ask (default 2)' } },
    async run(ctx, parsed) {
      const every = Number(str(parsed, 'every') ?? 2);
      if (!(every > 0)) throw new UsageError(t('--every takes a number of seconds'));
      const live = new LiveBlock(process.stdout);
      const seen = new Map<string, string[]>();
      for (;;) {
        const progress = await ctx.api.request<BatchProgress>(
          'GET',
          `/v1/batches/${enc(parsed.positionals[0]!)}`,
        );
        if (!ctx.out.json) live.render(renderProgress(progress, await whyTheyWait(ctx, progress, seen)));
        if (progress.phase === 'notified') {
          ctx.out.data(progress);
          return;
        }
        await sleep(every * 1000);
      }
    },
  },
  {
    name: 'batch list',
    args: [],
    summary: 'Batches, of one unit or all you may see.',
    options: { unit: { type: 'string', value: 'UNIT', description: "only this unit's batches" } },
    async run(ctx, parsed) {
      const unit = str(parsed, 'unit');
      const list = await ctx.api.request<BatchList>(
        'GET',
        `/v1/batches?pageSize=200${unit ? `&unitId=${enc(unit)}` : ''}`,
      );
      ctx.out.data(list);
      ctx.out.table(
        [
          t('Batch'),
          t('Unit'),
          t('Status'),
          t('Applicants'),
          t('Started'),
          t('Invalid'),
          t('Submitted (UTC+8)'),
        ],
        list.items.map((b) => [
          b.batchId,
          b.unitId,
          cell(b.status),
          b.rows.total,
          b.rows.started,
          b.rows.invalid,
          localTime(b.submittedAt),
        ]),
      );
      if (list.nextPageToken) ctx.out.text(t('(newest 200 shown)'));
    },
  },
  {
    name: 'batch report',
    args: ['<id>'],
    summary: 'The batch report: stages, outcomes, deadlines, days used, problem rows.',
    options: {},
    async run(ctx, parsed) {
      const report = await ctx.api.request<BatchReport>(
        'GET',
        `/v1/batches/${enc(parsed.positionals[0]!)}/report`,
      );
      ctx.out.data(report);
      printReport(ctx, report);
    },
  },
  {
    name: 'batch collect',
    args: ['<batchId>'],
    summary: "Register that the unit's agent collected the batch's ready cards (all, or --only some).",
    details:
      "The agent's resident ID number is kept as a keyed hash and a mask.\n" +
      'Cards not ready are listed with the reason. Example:\n' +
      '  sscard --as clerk batch collect B1a2b3 --by 王芳 --agent-id 110101199003074477 --place "HR office"',
    options: {
      by: { type: 'string', value: 'NAME', description: "the agent's name" },
      'agent-id': { type: 'string', value: 'RID', description: "the agent's resident ID number" },
      on: {
        type: 'string',
        value: 'YYYY-MM-DD',
        description: 'the day the cards were handed over (default: today, Beijing time)',
      },
      place: { type: 'string', value: 'PLACE', description: 'where they were handed over' },
      only: { type: 'string', value: 'ID,ID,…', description: 'only these applications of the batch' },
    },
    async run(ctx, parsed) {
      const only = str(parsed, 'only');
      const given = requireOptions(parsed, ['by', 'agent-id', 'place']);
      const done = await ctx.api.request<{
        registered: string[];
        refused: { applicationId: string; code: string }[];
      }>('POST', `/v1/batches/${encodeURIComponent(parsed.positionals[0]!)}/collections`, {
        body: {
          collectedBy: given.by,
          agentResidentId: given['agent-id'],
          receivedOn: str(parsed, 'on') ?? shanghaiDate(new Date()),
          place: given.place,
          ...(only ? { applicationIds: only.split(',').map((id) => id.trim()) } : {}),
        },
        idempotent: true,
      });
      ctx.out.data(done);
      ctx.out.text(
        t('{registered} collections registered, {refused} refused', {
          registered: done.registered.length,
          refused: done.refused.length,
        }),
      );
      if (done.refused.length > 0)
        ctx.out.table(
          [t('Application'), t('Refused'), ''],
          done.refused.map((r) => [r.applicationId, r.code, refusalWords(r.code)?.title]),
        );
    },
  },
];

interface BatchReport {
  batchId: string;
  unitId: string;
  submittedAt?: string;
  acceptedAt?: string;
  status?: string;
  rows?: Record<string, number>;
  byStage?: Record<string, number>;
  byOutcome?: Record<string, number>;
  bySla?: Record<string, number>;
  returned?: number;
  workingDaysUsed?: Record<string, number>;
  problems?: {
    rowNo: number;
    status: string;
    problems?: { path: string; message: string }[];
    duplicateOf?: number;
  }[];
}

function printReport(ctx: Context, report: BatchReport): void {
  ctx.out.text(
    `${t('batch {id} · unit {unit}', { id: report.batchId, unit: report.unitId })} · ${cell(report.status) ?? ''}\n` +
      t('submitted {submitted} · accepted {accepted} · returned at least once: {returned}', {
        submitted: localTime(report.submittedAt) ?? '-',
        accepted: localTime(report.acceptedAt) ?? '-',
        returned: report.returned ?? 0,
      }),
  );
  // The report's keys (stages, outcomes, deadline states, row counts) in words: the keys are in --json.
  const counts = (title: string, record: Record<string, number> | undefined) => {
    if (!record || !Object.keys(record).length) return;
    ctx.out.text(`\n${title}`);
    ctx.out.table(
      ['', t('Count')],
      Object.entries(record).map(([k, v]) => [word(k), v]),
    );
  };
  counts(t('rows'), report.rows);
  counts(t('by stage'), report.byStage);
  counts(t('by outcome'), report.byOutcome);
  counts(t('deadline (SLA)'), report.bySla);
  const used = Object.entries(report.workingDaysUsed ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  if (used.length) {
    ctx.out.text(`\n${t('working days used until notified')}`);
    ctx.out.table(
      [t('Days'), t('Applicants')],
      used.map(([k, v]) => [Number(k), v]),
    );
  }
  if (report.problems?.length) {
    ctx.out.text(`\n${t('problem rows')}`);
    ctx.out.table(
      [t('Row'), t('Status'), t('Problem')],
      report.problems.map((p) => [
        p.rowNo,
        word(p.status),
        p.duplicateOf
          ? t('same person as row {row}', { row: p.duplicateOf })
          : (p.problems ?? []).map((x) => `${x.path || t('row')}: ${x.message}`).join('; '),
      ]),
    );
  }
}
