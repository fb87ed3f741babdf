// Operator and unit actions (Updates, validated before they touch the state), partner reports and calendar
// notices (Signals) and the status Query. Handlers only record the request (and the step, for an action that
// needs nothing more, which the recorder writes); the main flow acts on it. An Update answers once the main flow
// has taken the request up, before it runs any local activity for it: an update that completed between local
// activities was seen to replay in another order than it ran. The client waits for the outcome. A resubmission
// that resumes the clock answers with the new deadline, which an ordinary activity derives: it answers in the
// workflow task that result starts, before that task's local activities.
import { type CancellationScope, condition, defineUpdate, log, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import { blocking } from '../../domain/findings';
import type {
  CollectionRecord,
  ExpediteRequest,
  HoldRequest,
  ReprintRequest,
  ResubmitRequest,
  ReviewRequest,
  WithdrawRequest,
} from '../../domain/messages';
import { type Action, denial } from '../../domain/permissions';
import type { ApplicationStatus } from '../../domain/status';
import type { WaiverRequest } from '../../domain/fees';
import { actionOf } from '../validation';
import type { ErrorCode } from '../../domain/errors';
import { isTerminal, printingStarted, type Stage } from '../../domain/stages';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { parseOrRefuse, refuse } from '../refuse';
import { isNotEncrypted } from '../../domain/payloads';
import { localActivitiesRunning } from '../proxies';
import { partyWaitRunning, stopPartyWait } from './step';
import {
  calendarChangedSignal,
  escalatedSignal,
  parcelReportSignal,
  paymentReportSignal,
  printReportSignal,
  statusQuery,
} from './messages';
import { type AppState, changed, recordAction, statusOf, takesPatch } from './state';
import { PATCHES } from '../patches';

/**
 * The first check of every update. A request that did not come through sscard is refused. So is any request while
 * a local activity of this workflow runs: a workflow task retried while the first attempt still waited on one can
 * reach the same worker, whose SDK core then applies it on top and offers the update after the task's other
 * commands, while a replay offers it first (docs/fault-runs.md); the client sends the request again in a
 * moment. Then the request is checked against its action's schema (domain/actions), and who sent it against its
 * permission.
 */
function admit<T extends { actor: Actor }>(state: AppState, update: string, request: unknown): T {
  if (isNotEncrypted(request)) refuse('PAYLOAD_NOT_ENCRYPTED');
  if (localActivitiesRunning() > 0) refuse('APPLICATION_BUSY');
  const action = actionOf(update);
  const parsed = parseOrRefuse(action.request, request) as T;
  allow(state, parsed.actor, action.permission);
  return parsed;
}

/**
 * The application closed before the main flow took a request up (its last step ended in the same task): the
 * handler answers with where it ended instead of waiting for ever, which would keep the workflow open.
 */
const closedMeanwhile = (state: AppState): boolean => state.outcome !== undefined;

function allow(state: AppState, actor: Actor, action: Action): void {
  const code = denial(actor, action, { unitId: state.input.unitId });
  if (code)
    refuse(
      code,
      code === 'ROLE_NOT_ALLOWED' ? `a ${actor.role} may not ${action.replace(/_/g, ' ')}` : undefined,
    );
}

/**
 * The application waits at `stage` for this kind of request, and none is being taken up already (a caller that
 * retried after a timeout finds its first request under way).
 */
function requireWaiting(state: AppState, stage: Stage, pending: unknown, code: ErrorCode): void {
  requireOpen(state);
  if (pending !== undefined)
    refuse(code, 'an earlier request of this kind is being applied: look at the status before trying again');
  if (state.stage !== stage) refuse(code, `the application is ${state.stage}`, { stage: state.stage });
}

/** What a review may decide depends on what the application waits for. */
function checkDecision(state: AppState, review: ReviewRequest): void {
  if (state.awaiting === 'review') {
    if (review.decision === 'override')
      refuse('DECISION_NOT_ALLOWED', 'audit flags are approved, returned or rejected: not overridden');
    const blockers = blocking(state.auditFlags);
    if (review.decision === 'approve' && blockers.length > 0)
      refuse('FLAG_BLOCKS_APPROVAL', `${blockers.join(', ')}: return the application for a usable photo`);
    return;
  }
  if (review.decision === 'approve')
    refuse('DECISION_NOT_ALLOWED', 'comparison findings are overridden with a note, returned or rejected');
  if (state.awaiting === 'confirmation' && review.decision === 'override') {
    allow(state, review.actor, 'confirm_override');
    if (review.actor.id === state.overrideBy?.id)
      refuse('FOUR_EYES_REQUIRED', 'the operator who proposed the override cannot also confirm it');
  }
}

function requireOpen(state: AppState): void {
  if (isTerminal(state.stage) || state.withdrawal)
    refuse('ALREADY_CLOSED', `the application is ${state.withdrawal ? 'being withdrawn' : state.stage}`);
}

/**
 * How the workflow takes one action: what refuses it in the application's state, and the handler. The request is
 * the one its validator admitted (checked against its action's schema), hence the cast.
 */
interface Taking {
  refuses: (request: unknown) => void;
  take: (request: unknown) => ApplicationStatus | Promise<ApplicationStatus>;
}
function taking<Request>(
  refuses: (request: Request) => void,
  take: (request: Request) => ApplicationStatus | Promise<ApplicationStatus>,
): Taking {
  return { refuses: (request) => refuses(request as Request), take: (request) => take(request as Request) };
}

export function registerHandlers(state: AppState, main: CancellationScope): void {
  setHandler(statusQuery, () => statusOf(state));

  // The actions people take (domain/actions/applications.ts), by the update that carries each: what refuses it in
  // the application's state beyond the checks every one gets (admit), and how it is taken. A handler trusts what its
  // validator admitted; those that hand the request to the main flow answer once it was taken up.
  const answered = async (taken: () => boolean) => {
    await condition(() => taken() || closedMeanwhile(state));
    return statusOf(state);
  };
  const actions: Record<string, Taking> = {
    review: taking<ReviewRequest>(
      (request) => {
        requireWaiting(state, 'awaiting_review', state.review, 'NOT_AWAITING_REVIEW');
        checkDecision(state, request);
      },
      (request) => {
        state.review = request;
        return answered(() => state.review !== request);
      },
    ),
    resubmit: taking<ResubmitRequest>(
      (request) => {
        requireWaiting(state, 'returned', state.resubmission, 'NOT_RETURNED');
        if (request.revision <= state.revision)
          refuse('REVISION_NOT_FOUND', 'a resubmission must carry a new revision');
      },
      (request) => {
        state.resubmission = request;
        return answered(() => state.answeredResubmission === request);
      },
    ),
    registerCollection: taking<CollectionRecord>(
      (record) => {
        requireWaiting(state, 'awaiting_collection', state.collection, 'NOT_AWAITING_COLLECTION');
        const notifiedOn = state.history.findLast((s) => s.stage === 'awaiting_collection')?.at;
        if (notifiedOn && record.receivedOn < shanghaiDate(new Date(notifiedOn))) {
          refuse(
            'COLLECTION_DATE_INVALID',
            'the card cannot have been received before the collection notice',
          );
        }
        if (record.receivedOn > shanghaiDate(new Date()))
          refuse('COLLECTION_DATE_INVALID', 'the date of receipt lies in the future');
      },
      (record) => {
        state.collection = record;
        return answered(() => state.collection !== record);
      },
    ),
    withdraw: taking<WithdrawRequest>(
      (request) => {
        requireOpen(state);
        if (request.holderDeceased && request.actor.role !== 'system')
          refuse('ROLE_NOT_ALLOWED', "only the population registry's death notice withdraws for a death");
        if (
          printingStarted(state.stage) &&
          (denial(request.actor, 'withdraw_after_print') || !request.supervisorConfirmed)
        ) {
          refuse('WITHDRAW_NEEDS_SUPERVISOR');
        }
      },
      (request) => {
        state.withdrawal = request;
        main.cancel();
        // A step waiting on another party would hold the withdrawal until the party answers (workflows before
        // release 0.5.0, whose histories have no such stop, still wait).
        if (partyWaitRunning() && takesPatch(state, PATCHES.withdrawalStopsPartyWaits)) stopPartyWait();
        return answered(() => state.withdrawing);
      },
    ),
    expedite: taking<ExpediteRequest>(
      () => {
        requireOpen(state);
        if (state.expedited) refuse('ALREADY_EXPEDITED');
        if (state.stage === 'notifying' || state.stage === 'awaiting_collection')
          refuse('TOO_LATE_TO_EXPEDITE');
      },
      (request) => {
        state.expedited = true;
        recordAction(state, 'expedited', request.actor, request.reason);
        return statusOf(state);
      },
    ),
    holdForReview: taking<HoldRequest>(
      () => {
        requireOpen(state);
        if (state.hold || state.stage === 'awaiting_review') refuse('ALREADY_IN_REVIEW');
        if (state.cardId !== undefined || state.stage === 'registering' || printingStarted(state.stage))
          refuse('TOO_LATE_TO_HOLD', `the application is ${state.stage}`);
      },
      (request) => {
        state.hold = request;
        recordAction(state, 'held_for_review', request.actor, request.note);
        return statusOf(state);
      },
    ),
    orderReprint: taking<ReprintRequest>(
      () => requireWaiting(state, 'print_failed', state.reprintOrder, 'NOT_AWAITING_REPRINT'),
      (request) => {
        state.reprintOrder = request;
        return answered(() => state.reprintOrder !== request);
      },
    ),
    waiveFee: taking<WaiverRequest>(
      (request) => {
        requireOpen(state);
        const fee = state.fee;
        if (state.awaiting !== 'payment' || fee?.payment?.status !== 'unpaid' || state.paymentReport)
          refuse('NOT_AWAITING_PAYMENT', `the application is ${state.stage}`, { stage: state.stage });
        if (state.feeWaiver)
          refuse('NOT_AWAITING_PAYMENT', 'a waiver is being applied: look at the status before trying again');
        if (!fee.exemptions.includes(request.exemption))
          refuse(
            'FEE_EXEMPTION_NOT_IN_EFFECT',
            `${request.exemption} is not granted by ${fee.policyId} (it grants ${fee.exemptions.join(', ') || 'none'})`,
          );
        if (request.exemption === 'DAMAGE_NOT_HOLDERS_FAULT' && fee.reason !== 'damage_replacement')
          refuse('FEE_EXEMPTION_NOT_IN_EFFECT', `${request.exemption} applies to a damaged card only`);
      },
      (request) => {
        state.feeWaiver = request;
        return answered(() => state.feeWaiver !== request);
      },
    ),
    addNote: taking<{ actor: Actor; note: string }>(
      () => requireOpen(state),
      (request) => {
        recordAction(state, 'noted', request.actor, request.note);
        return statusOf(state);
      },
    ),
  };
  for (const [update, { refuses, take }] of Object.entries(actions)) {
    setHandler(defineUpdate<ApplicationStatus, [unknown]>(update), take, {
      validator: (request) => refuses(admit(state, update, request)),
    });
  }

  setHandler(printReportSignal, (report) => {
    // Partners may repeat a report, or report an order we already gave up on: only the current one counts.
    // So does a report sent around sscard (not encrypted).
    if (isNotEncrypted(report) || report.orderId !== state.currentOrderId || state.printReport) {
      log.info('print report ignored', { orderId: report.orderId, current: state.currentOrderId });
      return;
    }
    state.printReport = report;
  });

  setHandler(parcelReportSignal, (report) => {
    // Only this application's parcel (its report may come before the dispatch step has the courier's answer), and
    // each event of an attempt once: a courier may resend a report.
    const key = `${report.event}:${report.attempt ?? 0}`;
    const ours =
      state.input.mode === 'online' && report.parcelId.startsWith(`${state.input.applicationId}-D`);
    if (isNotEncrypted(report) || !ours || state.parcelReportsSeen.includes(key)) {
      log.info('parcel report ignored', { parcelId: report.parcelId, event: report.event });
      return;
    }
    state.parcelReportsSeen.push(key);
    state.parcelReports.push(report);
  });

  setHandler(paymentReportSignal, (report) => {
    // Only this application's open charge, once: a provider may resend a report.
    if (isNotEncrypted(report) || report.chargeId !== state.fee?.payment?.chargeId || state.paymentReport) {
      log.info('payment report ignored', { chargeId: report.chargeId });
      return;
    }
    state.paymentReport = report;
  });

  setHandler(calendarChangedSignal, () => {
    state.calendarChanged = true;
  });

  setHandler(escalatedSignal, ({ kind, occurrence, at }) => {
    // Each occurrence once: a step that died between its signal and its record signals again.
    if (state.escalations.filter((e) => e.kind === kind).length >= occurrence) return;
    state.escalations.push({ kind, at });
    changed(state);
  });
}
