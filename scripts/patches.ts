// `npm run patches`: which of the register's patches (workflows/patches.ts) running workflows still need, asked of
// the visibility of the Temporal service the worker uses (TEMPORAL_* or a profile of TEMPORAL_CONFIG_FILE).
import { Client } from '@temporalio/client';
import { parseArgs } from 'node:util';
import { renderTable } from '../cli/ui/table';
import { patchUse, type PatchUse } from '../client/patches';
import { runCommand, withTemporal } from './temporal-command';

const HELP = `usage: npm run patches [-- --deployed RELEASE=DATE ...]

Lists every patch workflow code asks (workflows/patches.ts) with the running workflows that may still need its old
path. A patch asked at every start (records-v2, partner-task-queues) is needed by any running workflow without it.
One asked on a rare path (a withdrawal, a return) is needed only by those that started before its release was
deployed: say when with --deployed, or it is "unknown" while running workflows lack it. A patch none needs can be
deprecated: see docs/versioning.md, "Retiring a patch". Reads visibility only; changes nothing.

options:
  --deployed RELEASE=DATE   when a release's workers first ran (ISO date or instant), e.g. 0.6.1=2026-12-06;
                            repeatable
  --help                    this text`;

const VERDICT: Record<PatchUse['verdict'], string> = {
  needed: 'needed',
  can_deprecate: 'can be deprecated',
  unknown: 'unknown: give --deployed',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { deployed: { type: 'string', multiple: true }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const deployed: Record<string, Date> = {};
  for (const pair of values.deployed ?? []) {
    const [release, date] = pair.split('=');
    const at = new Date(date ?? '');
    if (!release || Number.isNaN(at.getTime())) {
      console.error(`error: --deployed ${pair}: give RELEASE=DATE, e.g. 0.6.1=2026-12-06T08:00:00+08:00`);
      return 2;
    }
    deployed[release] = at;
  }
  return withTemporal(async (connection, target) => {
    const uses = await patchUse(new Client({ connection, namespace: target.namespace }), deployed);
    console.log(
      renderTable(
        ['patch', 'release', 'asked', 'running', 'may need the old path', 'verdict'],
        uses.map((use) => [
          use.patch.id,
          use.patch.release,
          Object.entries(use.patch.asked)
            .map(([type, asked]) => `${type} ${asked}`)
            .join(', '),
          use.running,
          use.mayNeedOldPath,
          VERDICT[use.verdict],
        ]),
      ),
    );
    return 0;
  });
}

runCommand(main);
