// The state of one card application and the single place where it moves from stage to stage: each transition
// is appended to the step history, written to the audit trail, and mirrored into search attributes and the
// Web UI's current details.
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { Actor } from '../../../domain/actors';
import type { CardApplicationInput, ReturnReason } from '../../../domain/application';
import { type ClockState, workingDaysLeft, workingDaysUsed } from '../../../domain/clock';
import type { AcceptancePolicy } from '../../../domain/acceptance';
import type {
  CollectionRecord,
  PrintReport,
  ReprintRequest,
  ResubmitRequest,
  ReviewRequest,
  WithdrawRequest,
} from '../../../domain/messages';
import type { Outcome, Stage } from '../../../domain/stages';
import type { ApplicationStatus, Awaiting, StepRecord } from '../../../domain/status';
import { SA } from '../../search-attributes';
import { records } from '../../proxies';
import { describeApplication } from '../details';

export interface ReturnRecord {
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
  revision: number;
  auditFlags: ReturnReason[];
  returns: ReturnRecord[];
  expedited: boolean;
  escalations: { kind: string; at: string }[];
  printAttempts: number;
  cardId?: string;
  currentOrderId?: string;
  // Messages waiting to be acted on by the main flow.
  review?: ReviewRequest;
  resubmission?: ResubmitRequest;
  printReport?: PrintReport;
  reprintOrder?: ReprintRequest;
  /** Actions taken through update handlers, written to the audit trail by the journal (handlers never call
   *  activities themselves: that keeps their completion independent of activity timing on replay). */
  journal: { action: string; actor: Actor; note?: string }[];
  collection?: CollectionRecord;
  withdrawal?: WithdrawRequest;
  calendarChanged: boolean;
  outcome?: Outcome;
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
    journal: [],
    calendarChanged: false,
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

/** Mirrors the state into the Web UI: search attributes to filter by, current details to read. */
export function publish(state: AppState): void {
  const clock = state.clock;
  upsertSearchAttributes([
    { key: SA.stage, value: state.stage },
    { key: SA.returnCount, value: state.returns.length },
    { key: SA.expedited, value: state.expedited },
    { key: SA.escalated, value: state.escalations.length > 0 },
    ...(clock
      ? [
          { key: SA.sla, value: clock.sla },
          { key: SA.deadline, value: new Date(clock.facts.dueAt) },
        ]
      : []),
    ...(state.outcome ? [{ key: SA.outcome, value: state.outcome }] : []),
  ]);
  setCurrentDetails(describeApplication(statusOf(state)));
}

export async function transition(
  state: AppState,
  to: Stage,
  actor: Actor,
  options: { note?: string; awaiting?: Awaiting } = {},
): Promise<void> {
  const from = state.seq === 0 ? null : state.stage;
  state.stage = to;
  state.awaiting = options.awaiting;
  await appendStep(state, from, { stage: to, actor, note: options.note });
}

/** An action that leaves the stage as it is, kept in the same step history and audit trail. */
export async function recordAction(
  state: AppState,
  action: string,
  actor: Actor,
  note?: string,
): Promise<void> {
  await appendStep(state, state.stage, { stage: state.stage, action, actor, note });
}

async function appendStep(
  state: AppState,
  from: Stage | null,
  fields: { stage: Stage; action?: string; actor: Actor; note?: string },
): Promise<void> {
  state.seq += 1;
  const step: StepRecord = { seq: state.seq, at: new Date().toISOString(), ...fields };
  if (step.note === undefined) delete step.note;
  if (step.action === undefined) delete step.action;
  state.history.push(step);
  publish(state);
  await records.recordTransition({
    applicationId: state.input.applicationId,
    step,
    from,
    sla: state.clock?.sla,
    dueAt: state.clock?.facts.dueAt,
    returnCount: state.returns.length,
    expedited: state.expedited,
    outcome: state.outcome,
  });
}
