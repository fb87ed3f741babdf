// The state of one card application and the single place where it moves from stage to stage. A transition or an
// action is appended to the step history at once (no activity call); the recorder (recorder.ts) writes what
// changed to the application's record, with the search attributes, once per workflow task.
import { patched, setCurrentDetails, workflowInfo } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import type { CardApplicationInput, IssuanceMode, ReturnReason } from '../../domain/application';
import { type ClockState, workingDaysLeft, workingDaysUsed } from '../../domain/clock';
import type { AcceptancePolicy } from '../../domain/acceptance';
import type {
  CollectionRecord,
  HoldRequest,
  ParcelReport,
  PrintReport,
  ReprintRequest,
  ResubmitRequest,
  ReviewRequest,
  WithdrawRequest,
} from '../../domain/messages';
import type { Outcome, Stage } from '../../domain/stages';
import type { ApplicationStatus, Awaiting, DeliveryView, InstantView, StepRecord } from '../../domain/status';
import { describeApplication } from './details';
import type { MadeAtCounter } from '../../activities/records';
import type { FeeView } from '../../domain/fee-decision';
import type { WaiverRequest } from '../../domain/fees';
import type { PaymentReport } from '../../integrations/ports';
import { type PatchEntry, releaseOrder } from '../patches';

interface ReturnRecord {
  at: string;
  reasons: ReturnReason[];
  by: Actor;
  resubmittedAt?: string;
}

export interface AppState {
  input: CardApplicationInput;
  stage: Stage;
  awaiting?: Awaiting;
  seq: number;
  history: StepRecord[];
  policy?: AcceptancePolicy;
  clock?: ClockState;
  /** The revision of the applicant's data the application works on. */
  revision: number;
  auditFlags: ReturnReason[];
  /** Who proposed overriding the comparison's findings: the confirmation must come from someone else. */
  overrideBy?: Actor;
  returns: ReturnRecord[];
  expedited: boolean;
  escalations: { kind: string; at: string }[];
  printAttempts: number;
  cardId?: string;
  /** Earlier cards whose financial function the bank froze at this registration: a withdrawal unfreezes them. */
  frozenPredecessors: string[];
  currentOrderId?: string;
  /** The last order whose report the application took: a withdrawal cancels only an order still open. */
  settledOrderId?: string;
  /** The card as the manufacturer reported it printed: what the bank binds the account to. */
  printed?: { cardNumber: string; chipId: string };
  acceptedAt?: string;
  notifiedAt?: string;
  /** The instant lane: its target, and the hand-over to the sporadic lane when the card could not be made now. */
  instant?: InstantView;
  /** The online lane's parcel, and the courier's reports the main flow has not taken yet. */
  delivery?: DeliveryView;
  parcelReports: ParcelReport[];
  /** The events of each attempt taken, `<event>:<attempt>`: a resent report is ignored. */
  parcelReportsSeen: string[];
  /** The fee decided at acceptance (0.8.0 on), and its charge. */
  fee?: FeeView;
  // Messages waiting to be acted on by the main flow.
  review?: ReviewRequest;
  resubmission?: ResubmitRequest;
  /** The resubmission whose update answers now: taken up, and with 0.6.1's clock audited and resumed. */
  answeredResubmission?: ResubmitRequest;
  printReport?: PrintReport;
  reprintOrder?: ReprintRequest;
  collection?: CollectionRecord;
  withdrawal?: WithdrawRequest;
  /** An operator's hold: the application goes to review once its comparison has passed. */
  hold?: HoldRequest;
  /** The payment provider's report of the fee's charge, and an operator's waiver of the fee. */
  paymentReport?: PaymentReport;
  feeWaiver?: WaiverRequest;
  /** The main flow has taken the withdrawal up: the step in flight ended, the compensation runs. */
  withdrawing: boolean;
  calendarChanged: boolean;
  outcome?: Outcome;
  /** The time of the current workflow task, taken before any local activity of the task ran (see taskTime). */
  taskClock?: { task: number; at: string };
  /** What the recorder has written, and what it still owes. */
  record: {
    /** Steps confirmed written to the record. */
    written: number;
    /** Something changed since the last write began. */
    dirty: boolean;
    /** A write is under way. */
    writing: boolean;
    /** The main flow is in a local step and goes on in the same task: the recorder waits, to write once. */
    holds: number;
    /** A manufacturer's report to settle on the card and its order with the next write. */
    printReport?: { cardId: string; report: PrintReport; at: string };
    /** A card the counter's printer made, for the registry with the next write (the instant lane). */
    madeAtCounter?: MadeAtCounter;
    /** The search attributes as last upserted, so a write that changes none of them upserts nothing (to 0.8.0). */
    attributes?: string;
    /** Each search attribute's value as last upserted, by name (0.9.0 on: an upsert carries what changed). */
    shown?: Record<string, string>;
  };
}

export function initialState(input: CardApplicationInput): AppState {
  return {
    input,
    stage: 'accepted',
    seq: 0,
    history: [],
    revision: 1,
    auditFlags: [],
    returns: [],
    expedited: false,
    escalations: [],
    printAttempts: 0,
    frozenPredecessors: [],
    parcelReports: [],
    parcelReportsSeen: [],
    calendarChanged: false,
    withdrawing: false,
    record: { written: 0, dirty: false, writing: false, holds: 0 },
  };
}

export function statusOf(state: AppState): ApplicationStatus {
  const now = new Date();
  const clock = state.clock;
  return {
    applicationId: state.input.applicationId,
    unitId: state.input.unitId,
    mode: state.input.mode,
    batchId: state.input.batch?.batchId,
    ...(state.input.replacement ? { replacement: state.input.replacement } : {}),
    ...(state.input.renewal ? { renewal: state.input.renewal } : {}),
    lane: laneOf(state),
    ...(state.instant ? { instant: state.instant } : {}),
    ...(state.delivery ? { delivery: state.delivery } : {}),
    ...(state.fee ? { fee: state.fee } : {}),
    stage: state.stage,
    awaiting: state.awaiting,
    history: state.history,
    deadline: clock && {
      dueAt: clock.facts.dueAt,
      warnAt: clock.facts.warnAt,
      sla: clock.sla,
      provisional: clock.facts.provisional,
      workingDaysTotal: clock.total,
      workingDaysUsed: workingDaysUsed(clock, now),
      workingDaysLeft: workingDaysLeft(clock, now),
      paused: clock.status === 'paused',
    },
    returnCount: state.returns.length,
    returns: state.returns,
    expedited: state.expedited,
    escalations: state.escalations,
    printAttempts: state.printAttempts,
    auditFlags: state.auditFlags,
    outcome: state.outcome,
  };
}

/** The lane the application is in now: an instant one that handed over is in the sporadic lane. */
export function laneOf(state: AppState): IssuanceMode {
  return state.input.mode === 'instant' && state.instant?.fellBack ? 'sporadic' : state.input.mode;
}

/** The application's ID, which every activity call names. */
export function app(state: AppState): string {
  return state.input.applicationId;
}

/** Something an operator or the record should see changed: the recorder writes it with the task's other changes. */
/**
 * A run started on 0.9.0 or later (its input names the release): it asks no patch at its start, and upserts only
 * the search attributes that changed (workflow.ts, recorder.ts). Earlier runs keep the history they recorded.
 */
export const startedSince09 = (input: CardApplicationInput): boolean => input.startedOn !== undefined;

/**
 * Whether this run takes a patch's new path: a run started on the patch's release or later does without a marker
 * (every patch up to 0.9.0, for a run that names its release); any other asks the patch.
 */
export const takesPatch = (state: AppState, patch: PatchEntry): boolean =>
  startedSince(state.input, patch.release) || patched(patch.id);

/** Whether the run was started on `release` or later: a change of behaviour that needs no marker asks this. */
export const startedSince = (input: CardApplicationInput, release: string): boolean =>
  input.startedOn !== undefined && releaseOrder(input.startedOn, release) >= 0;

export function changed(state: AppState): void {
  state.record.dirty = true;
}

/** The Web UI's current details of the application, refreshed with each write of its record. */
export function showDetails(state: AppState): void {
  setCurrentDetails(describeApplication(statusOf(state)));
}

export function transition(
  state: AppState,
  to: Stage,
  actor: Actor,
  options: { note?: string; awaiting?: Awaiting } = {},
): void {
  state.stage = to;
  state.awaiting = options.awaiting;
  appendStep(state, { stage: to, actor, note: options.note });
}

/** An action that leaves the stage as it is, kept in the same step history and audit trail. */
export function recordAction(state: AppState, action: string, actor: Actor, note?: string): void {
  appendStep(state, { stage: state.stage, action, actor, note });
}

/**
 * The time of the workflow task, for what the application records. Workflow time moves on when a local activity
 * completes, but not in the same way when the task is replayed; the time the task began is the same both ways, so
 * it is taken before the task's first local activity (act and the recorder call this) and kept for the task.
 */
export function taskTime(state: AppState): string {
  const task = workflowInfo().historyLength;
  if (state.taskClock?.task !== task) state.taskClock = { task, at: new Date().toISOString() };
  return state.taskClock.at;
}

function appendStep(
  state: AppState,
  fields: { stage: Stage; action?: string; actor: Actor; note?: string },
): void {
  state.seq += 1;
  const step: StepRecord = { seq: state.seq, at: taskTime(state), ...fields };
  if (step.note === undefined) delete step.note;
  if (step.action === undefined) delete step.action;
  state.history.push(step);
  changed(state);
}
