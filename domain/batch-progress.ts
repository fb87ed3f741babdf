// Where a batch stands: counts of its applications by stage and its deadline. Plain data (the batch workflow
// keeps it), no schema.
import type { Stage } from './stages';

/** Counts of the batch's applications by where they stand, read from the records. */
export interface BatchCounts {
  byStage: Partial<Record<Stage | 'submitted', number>>;
  returned: number;
  breached: number;
  /** Notified (awaiting collection or issued) or closed: nothing more is owed within the deadline. */
  done: number;
  notified: number;
  accepted: number;
  total: number;
}

/** No applications counted yet. A function, so no caller can change a shared object. */
export function emptyCounts(): BatchCounts {
  return { byStage: {}, returned: 0, breached: 0, done: 0, notified: 0, accepted: 0, total: 0 };
}

export type BatchPhase = 'starting' | 'running' | 'notified';

export interface BatchProgress {
  batchId: string;
  unitId: string;
  phase: BatchPhase;
  rows: { total: number; invalid: number; duplicates: number; inFlightElsewhere: number; started: number };
  counts: BatchCounts;
  deadline?: {
    dueAt: string;
    warnAt: string;
    sla: 'on_track' | 'warning' | 'breached' | 'met' | 'met_late';
    provisional: boolean;
  };
  milestones: string[];
  runs: number;
}
