// The center's own books: units, the working calendar, deadline policies, what it told whom, escalations, batches,
// "where is my card?" codes and the administrators' API keys, as sscard's code may use them: the contracts store/
// implements over MongoDB. Callers name the part they need (./activities.ts, ./client.ts).
import type { Actor } from '../../domain/actors';
import type { ApiKeyView } from '../../domain/api-keys';
import type { RowStatus } from '../../domain/batch';
import type { BatchCounts } from '../../domain/batch-progress';
import type { CalendarYear } from '../../domain/calendar/calendar-year';
import type { WorkingCalendar } from '../../domain/calendar/working-calendar';
import type { DeadlinePolicy } from '../../domain/deadline-policy';
import type { BatchDoc, BatchRowDoc, PageRow } from '../../domain/documents/batches';
import type { EscalationDoc } from '../../domain/documents/escalations';
import type { NotificationDoc } from '../../domain/documents/notifications';
import type { Page, PageCursor } from '../../domain/documents/pages';
import type { UnitDoc } from '../../domain/documents/units';
import type { CounterDoc } from '../../domain/counters';

/** Insured units, read from a short-lived cache: a center has thousands, read on every submission. */
export interface UnitStore {
  get(unitId: string): Promise<UnitDoc | null>;
  upsert(unit: UnitDoc): Promise<void>;
}

/** The counters where applications are taken, and which of them have a card printer (the instant lane). */
export interface CounterStore {
  get(counterId: string): Promise<CounterDoc | null>;
  upsert(counter: CounterDoc): Promise<void>;
}

/** The working-day calendar: seeded from the maintained package, published by administrators. */
export interface CalendarStore {
  listYears(): Promise<CalendarYear[]>;
  /** The working calendar, with a short tag of its revisions to record with every deadline derived from it. */
  current(options?: { fresh?: boolean }): Promise<{ calendar: WorkingCalendar; tag: string }>;
  load(): Promise<WorkingCalendar>;
  revisionTag(): Promise<string>;
  /** Adds the package's missing years and refreshes those only an older package wrote (at start-up). */
  seedFromPackage(): Promise<{ inserted: number[]; updated: number[] }>;
  /** An administrator publishes or corrects a year; refused whole with CALENDAR_INVALID. */
  publishYear(input: unknown, actor: string): Promise<CalendarYear>;
}

export interface PolicyStore {
  /** Inserts the national defaults that are missing (at start-up). */
  seedDefaults(): Promise<{ inserted: string[] }>;
  all(): Promise<DeadlinePolicy[]>;
  /** Adds a policy or replaces the one with the same id; refused whole with POLICY_INVALID. */
  upsert(input: unknown): Promise<DeadlinePolicy>;
}

/** The center's log of what it told whom: one entry per idempotency key. */
export interface NotificationLog {
  record(doc: NotificationDoc): Promise<'inserted' | 'existed'>;
  /** Several entries in one round trip; entries already logged (a retry) stay as they were. */
  recordAll(docs: NotificationDoc[]): Promise<void>;
  forApplication(applicationId: string): Promise<NotificationDoc[]>;
}

/** Escalations to supervisors and operators, one per key. */
export interface EscalationStore {
  raise(doc: EscalationDoc): Promise<'inserted' | 'existed'>;
  get(key: string): Promise<EscalationDoc | null>;
  forApplication(applicationId: string): Promise<EscalationDoc[]>;
  forBatch(batchId: string): Promise<EscalationDoc[]>;
  listPage(
    filter: { applicationId?: string; batchId?: string },
    pageSize: number,
    after?: PageCursor,
  ): Promise<Page<EscalationDoc>>;
}

/** A batch's rows as listed: without what an invalid row submitted. */
export type ListedRow = Omit<BatchRowDoc, 'submitted'>;

/** Batches as staged: the batch, a record per submitted row, and the pages its workflow reads. */
export interface BatchStore {
  get(batchId: string): Promise<BatchDoc | null>;
  list(filter?: { unitId?: string }): Promise<BatchDoc[]>;
  listPage(filter: { unitId?: string }, pageSize: number, after?: PageCursor): Promise<Page<BatchDoc>>;
  stage(batch: BatchDoc, rows: BatchRowDoc[], staged: PageRow[]): Promise<void>;
  /** Removes a batch that never started, with its rows and pages. */
  discard(batchId: string): Promise<void>;
  page(batchId: string, page: number): Promise<PageRow[]>;
  accept(batchId: string, at: Date): Promise<BatchDoc>;
  markRows(batchId: string, updates: { rowNo: number; status: RowStatus }[]): Promise<void>;
  /** The batch's row counts, recounted rather than incremented: a retried write must not count a row twice. */
  recountRows(batchId: string): Promise<void>;
  statusesOf(batchId: string, rowNos: number[]): Promise<Map<number, RowStatus>>;
  rowsWithStatus(batchId: string, statuses: RowStatus[], limit?: number): Promise<ListedRow[]>;
  allRows(batchId: string): Promise<ListedRow[]>;
  saveSummary(batchId: string, summary: BatchCounts, status?: BatchDoc['status']): Promise<void>;
}

/** The one-time codes of "where is my card?", per person key, written by the API alone. */
export interface TrackingStore {
  /** Keeps a new code for the person, unless they had their codes of the hour already. */
  issueCode(personKey: string, codeHash: string, now: Date): Promise<'issued' | 'limited'>;
  /** Takes the code if it is the one in force: used once; a wrong one counts, and too many void the code. */
  useCode(personKey: string, codeHash: string, now: Date, keep?: boolean): Promise<boolean>;
}

/** What administrators do with API keys (the API itself finds a key by its token, api/auth.ts). */
export interface ApiKeyAdministration {
  /** Issues a new key; the token is returned here and never again. */
  issue(input: {
    name: string;
    actor: Actor;
    createdBy: string;
  }): Promise<{ token: string; key: ApiKeyView }>;
  list(): Promise<ApiKeyView[]>;
  revoke(keyId: string, by: string): Promise<ApiKeyView | null>;
}
