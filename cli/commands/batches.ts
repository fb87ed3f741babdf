// Batches: submit a unit's file of applicants (with a progress bar while it uploads and stages), follow a batch
// stage by stage until every applicant is notified, list batches and print the batch report.
import path from 'node:path';
import type { BatchProgress } from '../../domain/batch-progress';
import type { BatchList } from '../../domain/lists';
import { STAGES } from '../../domain/stages';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { type Command, type Context, requireOptions, str, UsageError } from '../command';
import { isRecord, parseCsv, readJson, readText } from '../files';
import { lastDay, localTime } from '../output';
import { bar, LiveBlock } from '../ui/progress';
import type { StoredPhoto } from '../../client/photos';
import { ApiError } from '../http';
import { photoOf, readPhotoSet } from '../photo-set';
import { applyingUnit } from './account';

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
  throw new UsageError(`${file}: expected an array of applicants or {"unitId", "applicants": [...]}`);
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
        `uploading ${bar(sent, total)}  ${Math.round(sent / 1024)}/${Math.round(total / 1024)} KiB`,
        sent / total,
      ),
    staging: () =>
      show(`staging   ${bar(1, 1)}  uploaded; the server is checking and staging the rows…`, 1.01),
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
        const stored = await ctx.api.request<StoredPhoto>('POST', '/v1/photos', {
          body: { unitId, residentId: row.residentId, jpegBase64: found.bytes.toString('base64') },
          idempotent: true,
        });
        row.photoId = stored.photoId;
        kept += 1;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        refused.push([i + 1, error.code, `${found.name}.jpg: ${error.message}`]);
      }
    }
    // Every row on a terminal; elsewhere (a log) each tenth, and never into --json's output.
    const tenth = (i + 1) % Math.ceil(applicants.length / 10) === 0 || i + 1 === applicants.length;
    if (live.interactive || (tenth && !ctx.out.json))
      live.render(`photos    ${bar(i + 1, applicants.length)}  ${i + 1}/${applicants.length} rows`);
  }
  const without = applicants.length - claimed.size;
  const unclaimed = [...set.keys()].filter((name) => !claimed.has(name));
  ctx.out.text(
    `photos: ${kept} kept, ${refused.length} refused, ${without} rows without one` +
      (unclaimed.length
        ? `, ${unclaimed.length} named for no row (${unclaimed.slice(0, 5).join(', ')})`
        : ''),
  );
  if (refused.length) {
    ctx.out.text('photos refused (the rows go without; send a better photo when the audit asks for one):');
    ctx.out.table(['Row', 'Code', 'Problem'], refused);
  }
}

function problemText(row: Receipt['invalid'][number]): string {
  if (row.message) return row.message;
  return (row.problems ?? []).map((p) => `${p.path || 'row'}: ${p.message}`).join('; ');
}

/** The per-stage display of a batch in progress. */
export function renderProgress(progress: BatchProgress): string {
  const { rows, counts } = progress;
  const total = Math.max(
    counts.total,
    rows.total - rows.invalid - rows.duplicates - rows.inFlightElsewhere,
    1,
  );
  const deadline = progress.deadline
    ? ` · due by end of ${lastDay(progress.deadline.dueAt)} (${progress.deadline.sla.replace(/_/g, ' ')})`
    : '';
  const lines = [`batch ${progress.batchId} · unit ${progress.unitId} · ${progress.phase}${deadline}`];
  const line = (name: string, done: number, of: number, note = '') =>
    lines.push(`  ${name.padEnd(20)} ${bar(done, of, 24)}  ${String(done).padStart(6)}/${of}${note}`);
  line('started', rows.started, total, rows.invalid ? `  (${rows.invalid} invalid rows)` : '');
  for (const stage of ['submitted', ...STAGES] as const) {
    const n = counts.byStage[stage] ?? 0;
    if (n > 0) line(stage, n, total);
  }
  line('notified or closed', counts.done, total, counts.breached ? `  (${counts.breached} breached)` : '');
  return lines.join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const batchCommands: Command[] = [
  {
    name: 'batch submit',
    args: ['<file.json|file.csv>'],
    summary: "Submit a unit's batch of applicants (30 working days).",
    details:
      'JSON: an array of applicants or {"unitId","applicants":[...]}. CSV: a header line naming the fields\n' +
      '(residentId,name,phone,ethnicity,photoId,address), one applicant per line. Invalid rows are listed\n' +
      'and left out; the valid ones go ahead.\n' +
      'With --photos, a folder or .zip of JPEGs named by row (1.jpg is the first applicant) or by resident ID\n' +
      'number: each is checked and kept first, and the row takes its photo ID. A photo that misses the\n' +
      'specification is listed with its reasons; its row goes without it, and the audit asks for one.',
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
        `batch ${receipt.batchId}: ${receipt.staged} of ${receipt.total} staged, ` +
          `${receipt.invalid.length} invalid, ${duplicates} duplicates`,
      );
      if (receipt.invalid.length) {
        ctx.out.text('\ninvalid rows (left out; correct them and submit them again):');
        ctx.out.table(
          ['Row', 'Code', 'Problem'],
          receipt.invalid.map((r) => [r.rowNo, r.code, problemText(r)]),
        );
      }
      ctx.out.text(`\nfollow it with: sscard batch follow ${receipt.batchId}`);
    },
  },
  {
    name: 'batch status',
    args: ['<id>'],
    summary: "A batch's progress, once.",
    options: {},
    async run(ctx, parsed) {
      const progress = await ctx.api.request<BatchProgress>(
        'GET',
        `/v1/batches/${enc(parsed.positionals[0]!)}`,
      );
      ctx.out.data(progress);
      ctx.out.text(renderProgress(progress));
    },
  },
  {
    name: 'batch follow',
    args: ['<id>'],
    summary: 'Follow a batch stage by stage until all are notified (Ctrl-C stops).',
    options: { every: { type: 'string', value: 'SECONDS', description: 'how often to ask (default 2)' } },
    async run(ctx, parsed) {
      const every = Number(str(parsed, 'every') ?? 2);
      if (!(every > 0)) throw new UsageError('--every takes a number of seconds');
      const live = new LiveBlock(process.stdout);
      for (;;) {
        const progress = await ctx.api.request<BatchProgress>(
          'GET',
          `/v1/batches/${enc(parsed.positionals[0]!)}`,
        );
        if (!ctx.out.json) live.render(renderProgress(progress));
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
        ['Batch', 'Unit', 'Status', 'Applicants', 'Started', 'Invalid', 'Submitted (UTC+8)'],
        list.items.map((b) => [
          b.batchId,
          b.unitId,
          b.status,
          b.rows.total,
          b.rows.started,
          b.rows.invalid,
          localTime(b.submittedAt),
        ]),
      );
      if (list.nextPageToken) ctx.out.text('(newest 200 shown)');
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
      "The agent's resident ID number is kept as a keyed hash and a mask. Cards not ready are listed with the\n" +
      'reason. Example: sscard --as clerk batch collect B1a2b3 --by 王芳 --agent-id 110101199003074477 \\\n' +
      '  --place "HR office"',
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
      ctx.out.text(`${done.registered.length} collections registered, ${done.refused.length} refused`);
      if (done.refused.length > 0)
        ctx.out.table(
          ['Application', 'Refused'],
          done.refused.map((r) => [r.applicationId, r.code]),
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
    `batch ${report.batchId} · unit ${report.unitId} · ${report.status ?? ''}\n` +
      `submitted ${localTime(report.submittedAt) ?? '-'} · accepted ${localTime(report.acceptedAt) ?? '-'} · ` +
      `returned at least once: ${report.returned ?? 0}`,
  );
  const counts = (title: string, record: Record<string, number> | undefined) => {
    if (!record || !Object.keys(record).length) return;
    ctx.out.text(`\n${title}`);
    ctx.out.table(
      ['', 'Count'],
      Object.entries(record).map(([k, v]) => [k, v]),
    );
  };
  counts('rows', report.rows);
  counts('by stage', report.byStage);
  counts('by outcome', report.byOutcome);
  counts('deadline (SLA)', report.bySla);
  const used = Object.entries(report.workingDaysUsed ?? {}).sort(([a], [b]) => Number(a) - Number(b));
  if (used.length) {
    ctx.out.text('\nworking days used until notified');
    ctx.out.table(
      ['Days', 'Applicants'],
      used.map(([k, v]) => [Number(k), v]),
    );
  }
  if (report.problems?.length) {
    ctx.out.text('\nproblem rows');
    ctx.out.table(
      ['Row', 'Status', 'Problem'],
      report.problems.map((p) => [
        p.rowNo,
        p.status,
        p.duplicateOf
          ? `same person as row ${p.duplicateOf}`
          : (p.problems ?? []).map((x) => `${x.path || 'row'}: ${x.message}`).join('; '),
      ]),
    );
  }
}
