// `npm run setup:temporal`: prepares the namespace of a Temporal cluster for sscard (custom search attributes,
// retention), reached as the worker reaches it (TEMPORAL_* or a profile of TEMPORAL_CONFIG_FILE). Safe to run again.
import { parseArgs } from 'node:util';
import { prepareNamespace, SetupRefused } from '../client/setup-temporal';
import { runCommand, withTemporal } from './temporal-command';

const HELP = `usage: npm run setup:temporal [-- --retention-days N]

Registers sscard's custom search attributes on the namespace of the Temporal cluster that TEMPORAL_ADDRESS,
TEMPORAL_NAMESPACE, TEMPORAL_API_KEY / TEMPORAL_TLS* (or a profile of TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE)
name, and sets how long closed workflows stay there. Attributes already there are left alone; running it again
changes nothing. Temporal Cloud takes both in its UI or with tcld instead (the refusal says which).

options:
  --retention-days N   days a closed workflow's history stays in Temporal (default 30; the records stay in MongoDB)
  --help               this text`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { 'retention-days': { type: 'string', default: '30' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const days = Number(values['retention-days']);
  if (!Number.isInteger(days) || days < 1 || days > 3650) {
    console.error('error: --retention-days takes a whole number of days, 1 to 3650');
    return 2;
  }
  return withTemporal(async (connection, target) => {
    const done = await prepareNamespace(connection, target.namespace, days);
    console.log(`namespace ${done.namespace} at ${target.connectionOptions.address}`);
    console.log(`  search attributes added:   ${done.added.join(', ') || '(none)'}`);
    console.log(
      `  search attributes present: ${done.present.length} of ${done.added.length + done.present.length}`,
    );
    console.log(`  retention: ${done.retentionDays.before} → ${done.retentionDays.after} days`);
    return 0;
  });
}

runCommand(main, [SetupRefused]);
