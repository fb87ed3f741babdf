// How an administrator's command reaches the Temporal service the worker uses (TEMPORAL_* or a profile of
// TEMPORAL_CONFIG_FILE): connected, run, closed, and ended with exit code 0, 2 for what the person can fix (a
// setting, a refusal, a service not reached, said in one line with what to check), 1 for anything else.
import { Connection } from '@temporalio/client';
import { ConfigError, temporalTarget, type TemporalTarget } from '../config';

/** A refusal the person can act on: printed as it is, exit code 2. */
export class CommandRefused extends Error {}

export async function withTemporal<T>(
  run: (connection: Connection, target: TemporalTarget) => Promise<T>,
): Promise<T> {
  const target = temporalTarget(process.env);
  const connection = await Connection.connect(target.connectionOptions).catch((error: unknown) => {
    throw new CommandRefused(
      `cannot reach Temporal at ${target.connectionOptions.address} (${error instanceof Error ? error.message : String(error)}): ` +
        'check TEMPORAL_ADDRESS, and TEMPORAL_TLS / TEMPORAL_API_KEY for a cluster that needs them',
    );
  });
  try {
    return await run(connection, target);
  } finally {
    await connection.close();
  }
}

/** Runs a command's main and sets the exit code from it, or from what it failed with. */
export function runCommand(
  main: () => Promise<number>,
  refusals: (new (...args: never[]) => Error)[] = [],
): void {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      const known = [CommandRefused, ConfigError, ...refusals].some((kind) => error instanceof kind);
      console.error(
        `error: ${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      process.exitCode = known ? 2 : 1;
    },
  );
}
