// A batch as staged, and one record per submitted row (store/batches.ts keeps them).
import type { Actor } from '../actors';
import type { RowStatus } from '../batch';
import type { BatchCounts } from '../batch-progress';

export interface BatchDoc {
  _id: string;
  unitId: string;
  region: string;
  submittedBy: Actor;
  submittedAt: Date;
  acceptedAt?: Date;
  status: 'staged' | 'running' | 'notified';
  pageSize: number;
  pages: number;
  rows: {
    total: number;
    staged: number;
    invalid: number;
    duplicates: number;
    started: number;
    inFlightElsewhere: number;
  };
  summary?: BatchCounts & { updatedAt: Date };
}

export interface BatchRowDoc {
  _id: string;
  batchId: string;
  rowNo: number;
  status: RowStatus;
  applicationId?: string;
  personKey?: string;
  /** For invalid rows: what is wrong, field by field. */
  problems?: { path: string; code?: string; message: string }[];
  duplicateOf?: number;
  /** An invalid row as submitted, kept so the unit can correct it: nothing submitted is lost. */
  submitted?: unknown;
}

export interface PageRow {
  rowNo: number;
  applicationId: string;
  personKey: string;
}

export const rowId = (batchId: string, rowNo: number): string =>
  `${batchId}:${String(rowNo).padStart(6, '0')}`;
