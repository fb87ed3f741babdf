// sscard batch status and batch follow: a batch's progress stage by stage, once or until every applicant is
// notified, and why those waiting for people wait.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BatchProgress } from '../../../domain/batch-progress';
import { STAGES } from '../../../domain/stages';
import { type Command, type Context, str, UsageError } from '../../command';
import { cell, t, word } from '../../i18n';
import { lastDay } from '../../output';
import { bar, LiveBlock } from '../../ui/progress';
import { padDisplay } from '../../ui/table';
import { batchPath } from './shared';
import { type Waiting, waitingLines, whyTheyWait } from './waiting';

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

const progressOf = (ctx: Context, batchId: string) =>
  ctx.api.request<BatchProgress>('GET', batchPath(batchId));

export const progressCommands: Command[] = [
  {
    name: 'batch status',
    args: ['<id>'],
    summary: "A batch's progress, once, and why applications wait for people.",
    options: {},
    async run(ctx, parsed) {
      const progress = await progressOf(ctx, parsed.positionals[0]!);
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
        const progress = await progressOf(ctx, parsed.positionals[0]!);
        if (!ctx.out.json) live.render(renderProgress(progress, await whyTheyWait(ctx, progress, seen)));
        if (progress.phase === 'notified') {
          ctx.out.data(progress);
          return;
        }
        await sleep(every * 1000);
      }
    },
  },
];
