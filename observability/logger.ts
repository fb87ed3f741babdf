// The processes' logs: JSON lines (pino) with the IDs to find a request or an application by, and no personal
// data. Messages and fields that may quote input (a driver's or library's error) are redacted (domain/redact.ts).
import { DefaultLogger, type LogEntry as SdkLogEntry } from '@temporalio/worker';
import pino from 'pino';
import type { LogEntry, LogLevel } from '../domain/log-entry';
import { redact } from '../domain/redact';

/** Fields that hold sscard's own IDs and codes, never input: kept as they are so lines can be found by them. */
const OWN_FIELDS = new Set([
  'requestId',
  'applicationId',
  'batchId',
  'workflowId',
  'runId',
  'workflowType',
  'activityId',
  'activityType',
  'taskQueue',
  'namespace',
  'actor',
  'method',
  'route',
  'path',
  'status',
  'ms',
  'attempt',
  'sdkComponent',
  'state',
]);

/** Strings anywhere in a value, redacted; the rest as it is. */
function redacted(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redacted);
  if (value instanceof Error) return redact(value.stack ?? value.message);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redacted(v)]));
  return value;
}

/** A log function for one service, writing JSON lines to `destination` (stdout by default). */
export function createLog(
  service: string,
  level: LogLevel,
  destination: pino.DestinationStream = pino.destination(1),
): (entry: LogEntry) => void {
  const logger = pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return ({ level: at, msg, ...fields }) =>
    logger[at](
      Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, OWN_FIELDS.has(k) ? v : redacted(v)])),
      redact(msg),
    );
}

const SDK_LEVELS: Record<SdkLogEntry['level'], LogLevel> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The worker's Temporal runtime logger (the SDK, workflows' `log`, activities' `log`) into the same JSON lines,
 * with the workflow and activity IDs the SDK attaches.
 */
export function runtimeLogger(log: (entry: LogEntry) => void, level: LogLevel): DefaultLogger {
  const sdkLevel = level.toUpperCase() as SdkLogEntry['level'];
  return new DefaultLogger(sdkLevel, ({ level: at, message, meta }) =>
    log({ level: SDK_LEVELS[at], msg: message, ...(meta ?? {}) }),
  );
}
