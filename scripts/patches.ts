// `npm run patches`: which of the register's patches (workflows/patches.ts) running workflows still need, asked of
// the visibility of the Temporal service the worker uses (TEMPORAL_* or a profile of TEMPORAL_CONFIG_FILE).
import { Client, Connection } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { renderTable } from '../cli/ui/table';
import { patchUse, type PatchUse } from '../client/patches';
import { ConfigError, temporalTarget } from '../config';

const HELP = `usage: npm run patches [-- --since DATE]

Lists every patch workflow code asks (workflows/patches.ts) with the running workflows that may still need its old
path: those that lack the patch in TemporalChangeVersion and started before the new path was first taken. A patch
none needs can be deprecated: see docs/versioning.md, "Retiring a patch". Reads visibility only; changes nothing.

options:
  --since DATE   when the release that brought a patch was deployed (ISO date), for patches on a rare path that
                 no workflow in visibility's retention has taken yet
  --help         this text`;

const VERDICT: Record<PatchUse['verdict'], string> = {
  needed: 'needed',
  can_deprecate: 'can be deprecated',
  unknown: 'unknown: give --since',
};

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { since: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const since = values.since ? new Date(values.since) : undefined;
  if (since && Number.isNaN(since.getTime())) {
    console.error('error: --since takes a date, e.g. 2026-12-01 or 2026-12-01T08:00:00+08:00');
    return 2;
  }
  const target = temporalTarget(process.env);
  const connection = await Connection.connect(target.connectionOptions);
  try {
    const uses = await patchUse(
      new Client({ connection, namespace: target.namespace }),
      since ? { since } : {},
    );
    console.log(
      renderTable(
        ['patch', 'release', 'running', 'new path since', 'may need the old path', 'verdict'],
        uses.map((use) => [
          use.patch.id,
          use.patch.release,
          use.running,
          use.newPathSince?.toISOString().slice(0, 19).replace('T', ' ') ?? '-',
          use.mayNeedOldPath,
          VERDICT[use.verdict],
        ]),
      ),
    );
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(
      `error: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = error instanceof ConfigError ? 2 : 1;
  },
);
