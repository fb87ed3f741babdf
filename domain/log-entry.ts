// One structured log line of sscard's processes: what happened, and the IDs to find it by. Never personal data:
// messages that may quote input (a driver's error) are redacted first (domain/redact.ts).

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  level: LogLevel;
  msg: string;
  requestId?: string;
  applicationId?: string;
  workflowId?: string;
  /** `role:id` of who acted. */
  actor?: string;
  method?: string;
  /** The route template (`/v1/applications/:id`) and the path asked for. */
  route?: string;
  path?: string;
  status?: number;
  ms?: number;
  [field: string]: unknown;
}
