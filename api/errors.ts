// Every failure as sscard's error envelope: refusals keep their code; an unreachable Temporal or database is
// SERVICE_UNAVAILABLE; anything else is INTERNAL_ERROR, logged here, redacted, with its request ID and never shown.
import { MongoNetworkError, MongoServerSelectionError } from 'mongodb';
import { SscardError } from '../domain/errors';
import type { LogEntry } from '../domain/log-entry';
import { redact } from '../domain/redact';
import { fromTemporal, temporalUnavailable } from '../client/errors';

function unavailable(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  return temporalUnavailable(error);
}

export function asSscardError(
  error: unknown,
  requestId: string,
  log: (entry: LogEntry) => void,
): SscardError {
  if (error instanceof SscardError) return error;
  const text = redact(error instanceof Error ? (error.stack ?? error.message) : String(error));
  if (unavailable(error)) {
    log({ level: 'warn', msg: `service unavailable: ${text}`, requestId });
    return new SscardError('SERVICE_UNAVAILABLE');
  }
  // What a Temporal call left unmapped gets the one mapping every caller of the client library gets.
  try {
    fromTemporal(error);
  } catch (mapped) {
    if (mapped instanceof SscardError) return mapped;
  }
  log({ level: 'error', msg: text, requestId });
  return new SscardError('INTERNAL_ERROR', `Something went wrong inside sscard (request ${requestId})`);
}
