// sscard batch report: a batch's stages, outcomes, deadline states, working days used and problem rows, the
// report's keys in words (they stay keys in --json).
import { type Command, type Context } from '../../command';
import { cell, t, word } from '../../i18n';
import { localTime } from '../../output';
import { batchPath, problemsText, type RowProblem } from './shared';

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
  problems?: { rowNo: number; status: string; problems?: RowProblem[]; duplicateOf?: number }[];
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
        p.duplicateOf ? t('same person as row {row}', { row: p.duplicateOf }) : problemsText(p.problems),
      ]),
    );
  }
}

export const reportCommand: Command = {
  name: 'batch report',
  args: ['<id>'],
  summary: 'The batch report: stages, outcomes, deadlines, days used, problem rows.',
  options: {},
  async run(ctx, parsed) {
    const report = await ctx.api.request<BatchReport>('GET', batchPath(parsed.positionals[0]!, 'report'));
    ctx.out.data(report);
    printReport(ctx, report);
  },
};
