// Every patch workflow code asks, with what it guards and when it can go: the register that `npm run patches`
// checks against visibility (client/patches.ts) and docs/versioning.md explains. Workflow code names its patches
// from here, so that an ID is written once. Plain data: workflows import it.

export interface PatchEntry {
  /** The ID `patched()` asks; a workflow that took the new path carries it in TemporalChangeVersion. */
  id: string;
  /** The release that introduced it. */
  release: string;
  workflowType: 'cardApplication';
  /** Where it is asked, and what the old path (a history without the marker) does. */
  where: string;
  /**
   * False for a patch asked on every run at its start (`records-v2`, `partner-task-queues`): every workflow started
   * on the new code carries it. True for one asked only on a rare path (a withdrawal, a return): a workflow that has
   * not passed that path yet lacks it without needing the old code.
   */
  onPath: boolean;
}

export const PATCHES = {
  recordsV2: {
    id: 'records-v2',
    release: '0.2.0',
    workflowType: 'cardApplication',
    where:
      'the first task of cardApplication: without it, the whole of release 0.1.0 ' +
      '(workflows/card-application/v0-1/, activities/legacy.ts)',
    onPath: false,
  },
  withdrawalCompensations: {
    id: 'withdrawal-compensations',
    release: '0.3.0',
    workflowType: 'cardApplication',
    where: 'where a withdrawal begins: without it, withdrawOfRelease02',
    onPath: true,
  },
  findingsToOperator: {
    id: 'findings-to-operator',
    release: '0.3.0',
    workflowType: 'cardApplication',
    where: 'a comparison finding the unit cannot fix: without it, returned to the unit',
    onPath: true,
  },
  partnerTaskQueues: {
    id: 'partner-task-queues',
    release: '0.4.0',
    workflowType: 'cardApplication',
    where:
      'the first task (up to 0.4.0 the first partner call): without it, partner calls on the workflow task queue',
    onPath: false,
  },
  withdrawalStopsPartyWaits: {
    id: 'withdrawal-stops-party-waits',
    release: '0.5.0',
    workflowType: 'cardApplication',
    where: "a withdrawal during a wait on another party: without it, the wait runs to the party's answer",
    onPath: true,
  },
  stoppedPartyWaitEndsInWithdrawal: {
    id: 'stopped-party-wait-ends-in-withdrawal',
    release: '0.6.0',
    workflowType: 'cardApplication',
    where:
      'an attempt a withdrawal stopped that then fails on its own: without it, the failure fails the workflow',
    onPath: true,
  },
  withdrawalTellsPreviousCardRestored: {
    id: 'withdrawal-tells-previous-card-restored',
    release: '0.6.1',
    workflowType: 'cardApplication',
    where: 'where a withdrawal begins: without it, nobody is told an earlier card is valid again',
    onPath: true,
  },
  resubmissionAnswersWithResumedClock: {
    id: 'resubmission-answers-with-resumed-clock',
    release: '0.6.1',
    workflowType: 'cardApplication',
    where: 'where the wait for a correction begins: without it, the update answers with the paused clock',
    onPath: true,
  },
} as const satisfies Record<string, PatchEntry>;

export const ALL_PATCHES: readonly PatchEntry[] = Object.values(PATCHES);
