// Which patches running workflows still need, asked of visibility. A workflow that took a patch's new path carries
// its ID in TemporalChangeVersion. One that lacks it needs the old code until it closes if it may have passed the
// patch's point on the old code: for a patch asked at every start, any running workflow without it; for one asked
// on a path, one started before its release was deployed (later ones run the new code wherever they get to).
import type { Client } from '@temporalio/client';
import { quoted } from './visibility-query';
import {
  ALL_PATCHES,
  releaseOrder,
  ASKS_NO_PATCH_SINCE,
  type PatchEntry,
  type PatchedWorkflow,
} from '../workflows/patches';

export interface PatchUse {
  patch: PatchEntry;
  /** Running workflows of the types that ask it. */
  running: number;
  /** Running workflows without the patch that may need its old path (all without it, when that is unknown). */
  mayNeedOldPath: number;
  /** `unknown`: asked on a path, running workflows without it, and no deployment date for its release. */
  verdict: 'needed' | 'can_deprecate' | 'unknown';
}

/**
 * When `release` was running at the latest: its own deployment, else the earliest of a later release's (which
 * came after it). Earlier than the truth would be unsafe; later only counts more workflows as needing the old path.
 */
function deployedBy(release: string, deployed: Readonly<Record<string, Date>>): Date | undefined {
  const times = Object.entries(deployed)
    .filter(([r]) => releaseOrder(r, release) >= 0)
    .map(([, at]) => at.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}

/** `deployed`: when each release was deployed (its workers first ran), by release. */
export async function patchUse(
  temporal: Client,
  deployed: Readonly<Record<string, Date>> = {},
): Promise<PatchUse[]> {
  const count = async (...terms: string[]) => (await temporal.workflow.count(terms.join(' AND '))).count;
  const uses: PatchUse[] = [];
  for (const patch of ALL_PATCHES) {
    const use: PatchUse = { patch, running: 0, mayNeedOldPath: 0, verdict: 'can_deprecate' };
    for (const [type, asked] of Object.entries(patch.asked)) {
      const running = [`WorkflowType = ${quoted(type)}`, `ExecutionStatus = 'Running'`];
      // Runs started since the type stopped asking patches lack every marker without needing an old path.
      const askedUntil = ASKS_NO_PATCH_SINCE[type as PatchedWorkflow];
      const since =
        asked === 'on a path'
          ? deployedBy(patch.release, deployed)
          : askedUntil && deployedBy(askedUntil, deployed);
      const before = since ? [`StartTime < ${quoted(since.toISOString())}`] : [];
      use.running += await count(...running);
      const without =
        (await count(...running, ...before)) -
        (await count(...running, ...before, `TemporalChangeVersion = ${quoted(patch.id)}`));
      use.mayNeedOldPath += without;
      // Without it at start, or on a path before the release came: needed. With no date where one decides: unknown.
      if (without > 0 && use.verdict !== 'needed')
        use.verdict = (asked === 'at start' && !askedUntil) || since ? 'needed' : 'unknown';
    }
    uses.push(use);
  }
  return uses;
}
