// Which patches running workflows still need, asked of visibility. A workflow that took a patch's new path carries
// its ID in TemporalChangeVersion; one that started before the new code was deployed and lacks it may have taken
// the old path, and needs the old code until it closes. When none is left, the patch can be deprecated.
import type { Client } from '@temporalio/client';
import { ALL_PATCHES, type PatchEntry } from '../workflows/patches';

export interface PatchUse {
  patch: PatchEntry;
  /** Running workflows of the patch's type. */
  running: number;
  /**
   * When the new path was first taken, as far as visibility remembers (its retention): the new code ran from then
   * on at the latest. Undefined when no workflow in visibility took it; `since` then stands in, if given.
   */
  newPathSince?: Date;
  /** Running workflows that lack the patch and started before `newPathSince`: they may need the old path. */
  mayNeedOldPath: number;
  verdict: 'needed' | 'can_deprecate' | 'unknown';
}

const quoted = (value: string) => `'${value.replace(/'/g, "\\'")}'`;
const started = (before: Date) => `StartTime < ${quoted(before.toISOString())}`;

export async function patchUse(temporal: Client, options: { since?: Date } = {}): Promise<PatchUse[]> {
  const count = async (...terms: string[]) => (await temporal.workflow.count(terms.join(' AND '))).count;
  const uses: PatchUse[] = [];
  for (const patch of ALL_PATCHES) {
    const ofType = `WorkflowType = ${quoted(patch.workflowType)}`;
    const running = `ExecutionStatus = 'Running'`;
    const carries = `TemporalChangeVersion = ${quoted(patch.id)}`;
    const newPathSince = (await earliestStart(count, [ofType, carries])) ?? options.since;
    const total = await count(ofType, running);
    let mayNeedOldPath = total;
    if (newPathSince) {
      const before = await count(ofType, running, started(newPathSince));
      mayNeedOldPath = before - (await count(ofType, running, carries, started(newPathSince)));
    } else if (!patch.onPath) {
      // Asked at every start: a running workflow without it started on the old code.
      mayNeedOldPath = total - (await count(ofType, running, carries));
    }
    uses.push({
      patch,
      running: total,
      ...(newPathSince ? { newPathSince } : {}),
      mayNeedOldPath,
      verdict:
        mayNeedOldPath === 0
          ? 'can_deprecate'
          : newPathSince || !patch.onPath
            ? 'needed'
            : // Nobody took the rare path yet in visibility's memory: when was the new code deployed?
              'unknown',
    });
  }
  return uses;
}

/**
 * The earliest start among workflows matching `terms`, to the second, by halving the time span with counts:
 * visibility counts cheaply where listing every match would not (a province runs hundreds of thousands).
 */
async function earliestStart(
  count: (...terms: string[]) => Promise<number>,
  terms: string[],
): Promise<Date | undefined> {
  let late = Date.now() + 1000;
  if ((await count(...terms, started(new Date(late)))) === 0) return undefined;
  let early = Date.UTC(2020, 0, 1);
  while (late - early > 1000) {
    const middle = Math.floor((early + late) / 2);
    if ((await count(...terms, started(new Date(middle)))) > 0) late = middle;
    else early = middle;
  }
  return new Date(late);
}
