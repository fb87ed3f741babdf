// How a card application workflow is started, written once: the client starts sporadic applications with it and
// the batch activity starts a batch's applications with it. The workflow ID comes from the person key, so a
// second application for a person in flight is refused by Temporal itself.
import {
  type Client,
  type WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
} from '@temporalio/client';
import type { CardApplicationInput } from '../domain/application';
import { cardWorkflowId } from '../crypto/person-key';
import { SA } from '../workflows/search-attributes';
import { RELEASE } from './release';

/** Starts the workflow and returns its run ID; throws WorkflowExecutionAlreadyStartedError for a person in flight. */
export async function startApplicationWorkflow(
  temporal: Client,
  taskQueue: string,
  input: CardApplicationInput,
): Promise<string> {
  const batchId = input.batch?.batchId;
  const handle = await temporal.workflow.start('cardApplication', {
    workflowId: cardWorkflowId(input.personKey),
    taskQueue,
    args: [{ ...input, startedOn: RELEASE }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
    typedSearchAttributes: [
      { key: SA.kind, value: 'application' },
      { key: SA.applicationId, value: input.applicationId },
      { key: SA.mode, value: input.mode },
      { key: SA.unit, value: input.unitId },
      { key: SA.region, value: input.region },
      { key: SA.stage, value: 'accepted' },
      ...(batchId ? [{ key: SA.batch, value: batchId }] : []),
    ],
    staticSummary: `${input.replacement ? 'Replacement' : input.renewal ? 'Renewal' : batchId ? 'Batch' : input.instant ? 'Instant' : 'Sporadic'} card application ${input.applicationId} · unit ${input.unitId}`,
    staticDetails: input.replacement
      ? `Replaces card ${input.replacement.predecessorCardId} (${input.replacement.reason})`
      : input.renewal
        ? `Renews card ${input.renewal.predecessorCardId} (valid until ${input.renewal.expiresOn}, and until this one is issued)`
        : batchId
          ? `Part of batch ${batchId}`
          : input.instant
            ? `Made at counter ${input.instant.counterId} while the person waits${input.instant.reason ? ` (${input.instant.reason})` : ''}; 5 working days if it hands over`
            : 'Submitted one at a time (5 working days)',
  });
  return handle.firstExecutionRunId;
}

/**
 * The run of this application when its workflow is already running: a retried start finds its own earlier
 * start. Undefined when the running workflow is another application of the same person.
 */
export async function runningRunOf(
  temporal: Client,
  input: CardApplicationInput,
  error: WorkflowExecutionAlreadyStartedError,
): Promise<string | undefined> {
  const described = await temporal.workflow.getHandle(error.workflowId).describe();
  const running = described.typedSearchAttributes.get(SA.applicationId);
  return running === input.applicationId ? described.runId : undefined;
}
