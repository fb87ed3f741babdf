// Operator and unit actions (Updates, validated before they touch the state), partner reports and calendar
// notices (Signals) and the status Query. Handlers only record the request (and the step, for an action that
// needs nothing more, which the recorder writes); the main flow acts on it. An Update answers once the main flow
// has taken the request up, before it runs any local activity for it: an update that completed between local
// activities was seen to replay in another order than it ran. The client waits for the outcome. A resubmission
// that resumes the clock answers with the new deadline, which an ordinary activity derives: it answers in the
// workflow task that result starts, before that task's local activities.
import { type CancellationScope, condition, log, patched, setHandler } from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import { blocking } from '../../domain/findings';
import type { ReviewRequest } from '../../domain/messages';
import { type Action, denial } from '../../domain/permissions';
import { messageSchemas } from '../validation';
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
  expediteUpdate,
  holdUpdate,
  printReportSignal,
  registerCollectionUpdate,
  reprintUpdate,
  resubmitUpdate,
  reviewUpdate,
  statusQuery,
  withdrawUpdate,
} from './messages';
import { type AppState, changed, recordAction, statusOf } from './state';
import { PATCHES } from '../patches';

/**
 * The first check of every update. A request that did not come through sscard is refused. So is any request while
 * a local activity of this workflow runs: a workflow task retried while the first attempt still waited on one can
 * reach the same worker, whose SDK core then applies it on top and offers the update after the task's other
 * commands, while a replay offers it first (docs/fault-runs.md); the client sends the request again in a
 * moment.
 */
function admit<T>(schema: Parameters<typeof parseOrRefuse<T>>[0], request: unknown): T {
  if (isNotEncrypted(request)) refuse('PAYLOAD_NOT_ENCRYPTED');
  if (localActivitiesRunning() > 0) refuse('APPLICATION_BUSY');
  return parseOrRefuse(schema, request);
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

export function registerHandlers(state: AppState, main: CancellationScope): void {
  setHandler(statusQuery, () => statusOf(state));

  setHandler(
    reviewUpdate,
    async (request) => {
      const taken = messageSchemas().reviewRequestSchema.parse(request);
      state.review = taken;
      await condition(() => state.review !== taken || closedMeanwhile(state));
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().reviewRequestSchema, request);
        allow(state, parsed.actor, 'review');
        requireWaiting(state, 'awaiting_review', state.review, 'NOT_AWAITING_REVIEW');
        checkDecision(state, parsed);
      },
    },
  );

  setHandler(
    resubmitUpdate,
    async (request) => {
      const taken = messageSchemas().resubmitRequestSchema.parse(request);
      state.resubmission = taken;
      await condition(() => state.answeredResubmission === taken || closedMeanwhile(state));
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().resubmitRequestSchema, request);
        allow(state, parsed.actor, 'resubmit');
        requireWaiting(state, 'returned', state.resubmission, 'NOT_RETURNED');
        if (parsed.revision <= state.revision)
          refuse('REVISION_NOT_FOUND', 'a resubmission must carry a new revision');
      },
    },
  );

  setHandler(
    registerCollectionUpdate,
    async (record) => {
      const taken = messageSchemas().collectionRecordSchema.parse(record);
      state.collection = taken;
      await condition(() => state.collection !== taken || closedMeanwhile(state));
      return statusOf(state);
    },
    {
      validator: (record) => {
        const parsed = admit(messageSchemas().collectionRecordSchema, record);
        allow(state, parsed.actor, 'register_collection');
        requireWaiting(state, 'awaiting_collection', state.collection, 'NOT_AWAITING_COLLECTION');
        const notifiedOn = state.history.findLast((s) => s.stage === 'awaiting_collection')?.at;
        if (notifiedOn && parsed.receivedOn < shanghaiDate(new Date(notifiedOn))) {
          refuse(
            'COLLECTION_DATE_INVALID',
            'the card cannot have been received before the collection notice',
          );
        }
        if (parsed.receivedOn > shanghaiDate(new Date()))
          refuse('COLLECTION_DATE_INVALID', 'the date of receipt lies in the future');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (request) => {
      state.withdrawal = messageSchemas().withdrawRequestSchema.parse(request);
      main.cancel();
      // A step waiting on another party would hold the withdrawal until the party answers (workflows before
      // release 0.5.0, whose histories have no such stop, still wait).
      if (partyWaitRunning() && patched(PATCHES.withdrawalStopsPartyWaits.id)) stopPartyWait();
      await condition(() => state.withdrawing || closedMeanwhile(state));
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().withdrawRequestSchema, request);
        requireOpen(state);
        allow(state, parsed.actor, 'withdraw');
        if (parsed.holderDeceased && parsed.actor.role !== 'system')
          refuse('ROLE_NOT_ALLOWED', "only the population registry's death notice withdraws for a death");
        if (
          printingStarted(state.stage) &&
          (denial(parsed.actor, 'withdraw_after_print') || !parsed.supervisorConfirmed)
        ) {
          refuse('WITHDRAW_NEEDS_SUPERVISOR');
        }
      },
    },
  );

  setHandler(
    expediteUpdate,
    (request) => {
      const parsed = messageSchemas().expediteRequestSchema.parse(request);
      state.expedited = true;
      recordAction(state, 'expedited', parsed.actor, parsed.reason);
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().expediteRequestSchema, request);
        allow(state, parsed.actor, 'expedite');
        requireOpen(state);
        if (state.expedited) refuse('ALREADY_EXPEDITED');
        if (state.stage === 'notifying' || state.stage === 'awaiting_collection')
          refuse('TOO_LATE_TO_EXPEDITE');
      },
    },
  );

  setHandler(
    holdUpdate,
    (request) => {
      const parsed = messageSchemas().holdRequestSchema.parse(request);
      state.hold = parsed;
      recordAction(state, 'held_for_review', parsed.actor, parsed.note);
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().holdRequestSchema, request);
        allow(state, parsed.actor, 'hold_for_review');
        requireOpen(state);
        if (state.hold || state.stage === 'awaiting_review') refuse('ALREADY_IN_REVIEW');
        if (state.cardId !== undefined || state.stage === 'registering' || printingStarted(state.stage))
          refuse('TOO_LATE_TO_HOLD', `the application is ${state.stage}`);
      },
    },
  );

  setHandler(
    reprintUpdate,
    async (request) => {
      const taken = messageSchemas().reprintRequestSchema.parse(request);
      state.reprintOrder = taken;
      await condition(() => state.reprintOrder !== taken || closedMeanwhile(state));
      return statusOf(state);
    },
    {
      validator: (request) => {
        const parsed = admit(messageSchemas().reprintRequestSchema, request);
        allow(state, parsed.actor, 'order_reprint');
        requireWaiting(state, 'print_failed', state.reprintOrder, 'NOT_AWAITING_REPRINT');
      },
    },
  );

  setHandler(printReportSignal, (report) => {
    // Partners may repeat a report, or report an order we already gave up on: only the current one counts.
    // So does a report sent around sscard (not encrypted).
    if (isNotEncrypted(report) || report.orderId !== state.currentOrderId || state.printReport) {
      log.info('print report ignored', { orderId: report.orderId, current: state.currentOrderId });
      return;
    }
    state.printReport = report;
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
