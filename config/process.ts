// How each sscard process (API, worker, partner simulators) starts and stops: a wrong setting is printed as the
// sentence that names it, anything else with its stack, and SIGINT/SIGTERM run the process's own stop.
import { ConfigError } from '.';

export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  });
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
