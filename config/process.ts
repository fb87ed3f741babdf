// How each sscard process (API, worker, partner simulators) starts and stops: a process that cannot start says so
// in one JSON line of its log, with the cause (a wrong setting as the sentence that names it), never a stack
// trace; SIGINT/SIGTERM run the process's own stop.
import { createLog } from '../observability/logger';
import { ConfigError } from '.';

export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    createLog(service, 'info')({ level: 'error', msg: `${service} could not start: ${causeOf(error)}` });
    process.exit(1);
  });
}

/** The error's message and those of its causes that add something, one after the other. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const own = error.message || error.name;
  if (error instanceof ConfigError || error.cause === undefined) return own;
  const cause = causeOf(error.cause);
  return own.includes(cause) ? own : `${own}: ${cause}`;
}

/** Runs `stop` on SIGINT or SIGTERM, then exits. */
export function stopOnSignals(stop: () => Promise<void>): void {
  const once = () =>
    void stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  process.on('SIGINT', once);
  process.on('SIGTERM', once);
}
