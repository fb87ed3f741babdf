// `sscard`: the command line of the sscard API. Finds the command, parses its arguments, runs it, and turns
// every refusal into a message and an exit code (see output.ts).
import { accountCommands } from './commands/account';
import { applicationActionCommands, cardActionCommands } from './commands/actions';
import { applicationCommands } from './commands/applications';
import { batchCommands } from './commands/batches';
import { calendarCommands } from './commands/calendar';
import { cardCommands } from './commands/cards';
import { listCommands } from './commands/lists';
import { photoCommands } from './commands/photos';
import { type Command, GLOBAL_OPTIONS, helpText, parse, UsageError } from './command';
import { resolveConnection } from './config';
import { createApi } from './http';
import { createOutput, EXIT, reportError } from './output';
import { t } from './i18n';
import { simulatorCommands } from './commands/simulators';

export const COMMANDS: Command[] = [
  ...accountCommands,
  ...applicationCommands,
  ...applicationActionCommands,
  ...listCommands,
  ...batchCommands,
  ...cardCommands,
  ...cardActionCommands,
  ...photoCommands,
  ...calendarCommands,
  ...simulatorCommands,
];

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => [c.name, ...c.args].join(' ').length));
  return [
    t('usage: sscard <command> [arguments] [options]'),
    '',
    t('The command line of the sscard API: social security card applications and batches.'),
    '',
    t('commands:'),
    ...COMMANDS.map((c) => `  ${[c.name, ...c.args].join(' ').padEnd(width)}  ${t(c.summary)}`),
    '',
    t('global options:'),
    ...Object.entries(GLOBAL_OPTIONS).map(([name, o]) => `  --${name.padEnd(6)} ${t(o.description)}`),
    '',
    t('environment: SSCARD_API_URL (default http://127.0.0.1:8080), SSCARD_TOKEN'),
    t(
      'exit codes: 0 done, {refused} refused by the API, {usage} wrong usage, {unavailable} API unreachable or failing',
      EXIT,
    ),
    t("Each command has --help, e.g. 'sscard batch submit --help'."),
    t('Messages follow the locale: LANG=zh_CN.UTF-8 (or LC_ALL, LC_MESSAGES) for Chinese.'),
  ].join('\n');
}

/** The command named by the first one or two words of argv, and the rest of argv. */
function find(argv: string[]): { command?: Command; rest: string[] } {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : { rest: argv };
}

/** Global options may also come before the command (`sscard --as operator list`): they move behind it. */
export function commandFirst(argv: string[]): string[] {
  const global = (arg: string) =>
    arg.startsWith('--') ? GLOBAL_OPTIONS[arg.slice(2).split('=')[0]!] : undefined;
  const leading: string[] = [];
  let i = 0;
  for (;;) {
    const arg = argv[i] ?? '';
    const option = arg === '--help' ? undefined : global(arg);
    if (option && (option.type === 'boolean' || arg.includes('='))) {
      leading.push(arg);
      i += 1;
    } else if (option && i + 1 < argv.length) {
      leading.push(arg, argv[i + 1]!);
      i += 2;
    } else break;
  }
  return [...argv.slice(i), ...leading];
}

export async function main(input: string[]): Promise<number> {
  const argv = commandFirst(input);
  const json = argv.includes('--json');
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      console.log(mainHelp());
      return argv.length === 0 ? EXIT.usage : 0;
    }
    const { command, rest } = find(argv);
    if (!command) {
      const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
      if (group.length && (argv.length === 1 || argv[1] === '--help' || argv[1] === '-h')) {
        const width = Math.max(...group.map((c) => [c.name, ...c.args].join(' ').length));
        console.log(
          group
            .map((c) => `sscard ${[c.name, ...c.args].join(' ').padEnd(width)}  ${t(c.summary)}`)
            .join('\n'),
        );
        return argv.length === 1 ? EXIT.usage : 0;
      }
      throw new UsageError(
        t("unknown command '{command}' (see sscard --help)", {
          command: argv.slice(0, group.length ? 2 : 1).join(' '),
        }),
      );
    }
    const parsed = parse(command, rest);
    if (parsed.values.help) {
      console.log(helpText(command));
      return 0;
    }
    const connection = resolveConnection({
      token: parsed.values.token as string | undefined,
      as: parsed.values.as as string | undefined,
      api: parsed.values.api as string | undefined,
    });
    await command.run(
      { api: createApi(connection.apiUrl, connection.token), out: createOutput(json) },
      parsed,
    );
    return 0;
  } catch (error) {
    return reportError(error, json);
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
