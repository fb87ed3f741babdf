// Every failure as sscard's error envelope: refusals keep their code; an unreachable Temporal or database is
// SERVICE_UNAVAILABLE; anything else is INTERNAL_ERROR, logged here, redacted, with its request ID and never shown.
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { SscardError } from '../domain/errors';
import { redact } from '../domain/redact';

// gRPC status codes meaning "the service is not there right now".
const GRPC_UNAVAILABLE = new Set([4, 8, 14]); // DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, UNAVAILABLE

function unavailable(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  const grpc = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(grpc) && GRPC_UNAVAILABLE.has(Number(grpc.code));
}

export function asSscardError(error: unknown, requestId: string, log: (line: string) => void): SscardError {
  if (error instanceof SscardError) return error;
  if (unavailable(error)) {
    log(
      `request ${requestId}: service unavailable: ${redact(error instanceof Error ? error.message : String(error))}`,
    );
    return new SscardError('SERVICE_UNAVAILABLE');
  }
  log(
    `request ${requestId}: ${redact(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
  );
  return new SscardError('INTERNAL_ERROR', `Something went wrong inside sscard (request ${requestId})`);
}
