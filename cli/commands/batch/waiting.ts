// Why a batch's applications wait for people: those in review or returned to the unit, counted by reason.
import { RETURN_REASONS } from '../../../domain/application';
import type { BatchProgress } from '../../../domain/batch-progress';
import type { ApplicationList } from '../../../domain/lists';
import type { ApplicationStatus } from '../../../domain/status';
import type { Context } from '../../command';
import { withQuery } from '../../http';
import { cell, t, word } from '../../i18n';

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
export async function whyTheyWait(
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
      withQuery('/v1/applications', { batchId: progress.batchId, stage, pageSize: 200 }),
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
          `/v1/applications/${encodeURIComponent(applicationId)}`,
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

/** The lines under a batch's progress that say why its applications wait, most common reason first. */
export function waitingLines(waiting: Waiting): string[] {
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
