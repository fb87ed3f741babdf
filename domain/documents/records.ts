// An application's record and audit trail, as its workflow writes it (store/records.ts keeps it).
import type { Actor } from '../actors';
import type { IssuanceMode } from '../application';
import type { Outcome, SlaState, Stage } from '../stages';
import type { Awaiting } from '../status';

export interface TrailEntry {
  seq: number;
  from: Stage | null;
  to: Stage;
  action?: string;
  actor: Actor;
  at: Date;
  note?: string;
}

/** What the workflow knows of itself, written whole at every write. */
export interface RecordFields {
  workflowId: string;
  runId: string;
  unitId: string;
  batchId?: string;
  mode: IssuanceMode;
  revision: number;
  stage: Stage;
  awaiting?: Awaiting;
  sla?: SlaState;
  dueAt?: string;
  returnCount: number;
  expedited: boolean;
  outcome?: Outcome;
  acceptedAt?: string;
  /** When the unit and the person were told the card is ready: the end of the legal clock. */
  notifiedAt?: string;
  workingDaysUsed?: number;
  updatedAt: string;
}

export interface RecordWrite {
  applicationId: string;
  /** The workflow's history length when the write was made: later tasks write with larger fences. */
  fence: number;
  fields: RecordFields;
  /** Steps not yet confirmed written, in order, as `{ seq, at (ISO), ... }`. */
  entries: (Omit<TrailEntry, 'at'> & { at: string })[];
  /** The number of steps on the workflow's path; steps stored beyond it are leftovers. */
  trailLength: number;
}

export interface RecordDoc extends Omit<RecordFields, 'dueAt' | 'acceptedAt' | 'notifiedAt' | 'updatedAt'> {
  _id: string;
  dueAt?: Date;
  acceptedAt?: Date;
  notifiedAt?: Date;
  updatedAt: Date;
  trail: Record<string, TrailEntry>;
  trailLength: number;
  fence: number;
}
