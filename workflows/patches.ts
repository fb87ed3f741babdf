// Every patch workflow code asks, with what it guards and when it can go: the register that `npm run patches`
// checks against visibility (client/patches.ts) and docs/versioning.md explains. Workflow code names its patches
// from here, so that an ID is written once. Plain data: workflows import it.

/** The workflow types that ask patches. */
export type PatchedWorkflow = 'cardApplication' | 'cardLife' | 'cardBatch';

/**
 * Where a workflow asks a patch: `at start`, on every run, so every workflow started on the new code carries it;
 * `on a path` (a withdrawal, a return, a partner's first call), so one that has not gone that way yet lacks it
 * without needing the old code.
 */
export type Asked = 'at start' | 'on a path';

export interface PatchEntry {
  /** The ID `patched()` asks; a workflow that took the new path carries it in TemporalChangeVersion. */
  id: string;
  /** The release that introduced it. */
  release: string;
  /** Which workflows ask it, and where. */
  asked: Partial<Record<PatchedWorkflow, Asked>>;
  /** Where it is asked, and what the old path (a history without the marker) does. */
  where: string;
}

export const PATCHES = {
  recordsV2: {
    id: 'records-v2',
    release: '0.2.0',
    asked: { cardApplication: 'at start' },
    where:
      'the first task of cardApplication: without it, the whole of release 0.1.0 ' +
      '(workflows/card-application/v0-1/, activities/legacy.ts)',
  },
  withdrawalCompensations: {
    id: 'withdrawal-compensations',
    release: '0.3.0',
    asked: { cardApplication: 'on a path' },
    where: 'where a withdrawal begins: without it, withdrawOfRelease02',
  },
  findingsToOperator: {
    id: 'findings-to-operator',
    release: '0.3.0',
    asked: { cardApplication: 'on a path' },
    where: 'a comparison finding the unit cannot fix: without it, returned to the unit',
  },
  partnerTaskQueues: {
    id: 'partner-task-queues',
    release: '0.4.0',
    // Asked by the partner proxy (workflows/proxies.ts) at the first partner call of the other workflows.
    asked: { cardApplication: 'at start', cardLife: 'on a path', cardBatch: 'on a path' },
    where:
      'the first task (up to 0.4.0 the first partner call; the card and batch workflows at theirs): without it, ' +
      'partner calls on the workflow task queue',
  },
  withdrawalStopsPartyWaits: {
    id: 'withdrawal-stops-party-waits',
    release: '0.5.0',
    asked: { cardApplication: 'on a path' },
    where: "a withdrawal during a wait on another party: without it, the wait runs to the party's answer",
  },
  stoppedPartyWaitEndsInWithdrawal: {
    id: 'stopped-party-wait-ends-in-withdrawal',
    release: '0.6.0',
    asked: { cardApplication: 'on a path' },
    where:
      'an attempt a withdrawal stopped that then fails on its own: without it, the failure fails the workflow',
  },
  withdrawalTellsPreviousCardRestored: {
    id: 'withdrawal-tells-previous-card-restored',
    release: '0.6.1',
    asked: { cardApplication: 'on a path' },
    where: 'where a withdrawal begins: without it, nobody is told an earlier card is valid again',
  },
  resubmissionAnswersWithResumedClock: {
    id: 'resubmission-answers-with-resumed-clock',
    release: '0.6.1',
    asked: { cardApplication: 'on a path' },
    where: 'where the wait for a correction begins: without it, the update answers with the paused clock',
  },
  windowCountsEachApplicationOnce: {
    id: 'window-counts-each-application-once',
    release: '0.9.1',
    asked: { cardBatch: 'at start' },
    where:
      'the first task of each batch run, for the window: without it, an application returned once and then ' +
      'notified counts twice among those no longer on their way',
  },
} as const satisfies Record<string, PatchEntry>;

export const ALL_PATCHES: readonly PatchEntry[] = Object.values(PATCHES);

/** Orders two releases ('0.9.0' before '0.10.0'): negative, zero or positive. */
export function releaseOrder(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number)) as [number[], number[]];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The release from which a workflow type's runs ask none of its patches: their input names the release that
 * started them, and every patch took its new path in every run started since (a card application's
 * `startedOn`). Their histories carry no marker, so only runs started before it may need an old path.
 */
export const ASKS_NO_PATCH_SINCE: Partial<Record<PatchedWorkflow, string>> = { cardApplication: '0.9.0' };
