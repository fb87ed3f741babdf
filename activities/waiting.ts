// Waiting on another party from inside a step's activity, by retry: the attempt fails with a code that says what it
// waits for (the pending activity's last failure in the Web UI) and is tried again later, each check further apart,
// up to hourly. Waiting so adds no event to the workflow's history (a signal and a timer would add six). Waiting
// longer than the overdue period, counted from the step's first attempt on the server's clock, is escalated once per
// period, as an overdue print is.
import { ApplicationFailure, Context } from '@temporalio/activity';
import { SYSTEM } from '../domain/actors';
import { PARTY_WAITS } from '../domain/timing';
import type { Notifier } from '../integrations/ports';
import type { EscalationPort } from '../store/ports/activities';
import { escalatedSignal } from '../workflows/card-application/messages';
import { escalationKey, raiseEscalation } from './escalation';

export interface Wait {
  applicationId: string;
  /** The stage the application waits in, for the escalation. */
  stage: string;
  /** The escalation's kind, once overdue. */
  escalation: string;
  /** The failure's type and message: what the step waits for. */
  code: string;
  message: string;
}

export async function waitLonger(
  deps: { stores: EscalationPort; notifier: Notifier },
  wait: Wait,
): Promise<never> {
  // Server times, so that waiting is measured on the workflow's clock (also under a time-skipping test server).
  const { scheduledTimestampMs, currentAttemptScheduledTimestampMs } = Context.current().info;
  const waited = currentAttemptScheduledTimestampMs - scheduledTimestampMs;
  const overdue = Math.floor(waited / PARTY_WAITS.overdueMs);
  const escalation = {
    applicationId: wait.applicationId,
    kind: wait.escalation,
    occurrence: overdue,
    stage: wait.stage,
    actor: SYSTEM,
    at: new Date(currentAttemptScheduledTimestampMs).toISOString(),
  };
  // Once per occurrence, though every check after it comes here: the workflow hears of it first (its state and
  // the `Escalated` search attribute show it, as they show its own escalations), then it is recorded and sent.
  if (overdue > 0 && !(await deps.stores.escalations.get(escalationKey(escalation)))) {
    const { client, info } = Context.current();
    const { workflowId, runId } = info.workflowExecution!;
    await client.workflow
      .getHandle(workflowId, runId)
      .signal(escalatedSignal, { kind: escalation.kind, occurrence: overdue, at: escalation.at });
    await raiseEscalation(deps, escalation);
  }
  throw ApplicationFailure.create({
    type: wait.code,
    message: wait.message,
    nextRetryDelay: Math.min(PARTY_WAITS.longestCheckMs, Math.max(PARTY_WAITS.firstCheckMs, waited / 2)),
  });
}
