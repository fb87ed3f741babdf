// Translates what Temporal and zod say into sscard's error codes, so every caller sees one vocabulary.
import {
  type Client,
  isGrpcServiceError,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ZodError } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode, SscardError } from '../domain/errors';
import { fieldInWords } from '../domain/field-words';

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && value in ERROR_CATALOGUE;
}

const missing = (issue: ZodError['issues'][number]): boolean =>
  issue.code === 'invalid_type' && /received undefined$/.test(issue.message);

/** A zod failure as VALIDATION_FAILED, or as the RID_* code when the resident ID is what is wrong. */
export function validationError(error: ZodError): SscardError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    // A missing field is named in words, so the person who left it out knows what to fill in.
    message: missing(issue) ? `${fieldInWords(issue.path)} is missing` : issue.message,
    ...(issue.code === 'custom' && isErrorCode((issue.params as { code?: unknown } | undefined)?.code)
      ? { code: (issue.params as { code: ErrorCode }).code }
      : {}),
  }));
  const ridIssue = issues.find((issue) => 'code' in issue && issue.code?.startsWith('RID_'));
  const code: ErrorCode =
    ridIssue && 'code' in ridIssue && ridIssue.code ? ridIssue.code : 'VALIDATION_FAILED';
  const summary = issues
    .map((i, n) => (missing(error.issues[n]!) ? i.message : `${i.path || 'request'}: ${i.message}`))
    .join('; ');
  return new SscardError(code, summary, { issues });
}

export function parseOrThrow<T>(
  schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: ZodError } },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Errors from Temporal calls, as SscardErrors. Anything unexpected is rethrown unchanged. */
export function fromTemporal(error: unknown): never {
  if (error instanceof SscardError) throw error;
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const code = error.cause.type;
    if (isErrorCode(code)) throw new SscardError(code, error.cause.message);
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) throw new SscardError('APPLICATION_IN_FLIGHT');
  if (error instanceof WorkflowNotFoundError) throw new SscardError('APPLICATION_NOT_FOUND');
  if (temporalUnavailable(error)) throw new SscardError('SERVICE_UNAVAILABLE');
  // The update reached Temporal but no worker answered in time (a worker restarting): the workflow may still take
  // it, so the caller is told to look or to send the same request again (an update ID keeps it from acting twice).
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)
    throw new SscardError(
      'SERVICE_UNAVAILABLE',
      'the application did not answer in time and may still take the action: look at its status, or send the ' +
        'request again with the same Idempotency-Key',
    );
  throw error;
}

/**
 * Errors from a status query. A query is answered by a worker: when none answers (one restarting, the server
 * restarting), Temporal's error says so in various ways, and all of them mean "ask again in a moment".
 */
export function fromQuery(error: unknown): never {
  if (error instanceof ServiceError && !(error instanceof WorkflowNotFoundError))
    throw new SscardError('SERVICE_UNAVAILABLE', 'the application could not be asked right now: try again');
  return fromTemporal(error);
}

/**
 * How long a query may take. A query is answered by a worker between workflow tasks; one caught in a
 * continue-as-new was seen to go unanswered for ever (on the time-skipping test server), and no caller should wait
 * on that: past the deadline it is DEADLINE_EXCEEDED, which callers treat as Temporal being unavailable.
 */
export const QUERY_DEADLINE_MS = 10_000;

export function withQueryDeadline<T>(temporal: Client, query: () => Promise<T>): Promise<T> {
  return temporal.withDeadline(Date.now() + QUERY_DEADLINE_MS, query);
}

// gRPC status codes meaning "the service is not there right now".
const GRPC_UNAVAILABLE = new Set([4, 8, 14]); // DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE

/** Temporal could not be reached (or is overloaded): the request may succeed later as it is. */
export function temporalUnavailable(error: unknown): boolean {
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && GRPC_UNAVAILABLE.has(Number(grpc.code));
}
