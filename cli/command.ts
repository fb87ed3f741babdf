// What a command is (name, arguments, options, help) and how its arguments are parsed with node:util parseArgs.
// Every command also takes the global options: --json, --token, --as, --api and --help.
import { parseArgs } from 'node:util';
import type { Api } from './http';
import { t } from './i18n';
import type { Output } from './output';

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Shown in help; for string options, `value` names the argument. */
  description: string;
  value?: string;
}

export interface Parsed {
  positionals: string[];
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
}

export interface Context {
  api: Api;
  out: Output;
}

export interface Command {
  /** 'status', or 'batch submit' for a command of a group. */
  name: string;
  /** Positional arguments as shown in the usage line, e.g. ['<id>']; optional ones in brackets. */
  args: string[];
  summary: string;
  options: Record<string, OptionSpec>;
  /** Further lines of help: what it prints, examples. Each line is translated on its own: end lines with sentences. */
  details?: string;
  run(ctx: Context, parsed: Parsed): Promise<void>;
}

export class UsageError extends Error {}

export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  json: { type: 'boolean', description: 'print JSON (for scripts) instead of tables' },
  token: { type: 'string', value: 'TOKEN', description: 'bearer token (default: $SSCARD_TOKEN)' },
  as: {
    type: 'string',
    value: 'ROLE',
    description: 'use the local stack token of operator|supervisor|admin|clerk',
  },
  api: { type: 'string', value: 'URL', description: 'API base URL (default: $SSCARD_API_URL or :8080)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export function parse(command: Command, argv: string[]): Parsed {
  const options = { ...command.options, ...GLOBAL_OPTIONS };
  let result: ReturnType<typeof parseArgs>;
  try {
    result = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) },
        ]),
      ),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const parsed = { positionals: result.positionals, values: result.values } as Parsed;
  if (parsed.values.help) return parsed;
  const required = command.args.filter((a) => !a.startsWith('['));
  const most = command.args.some((a) => a.endsWith('...]')) ? Infinity : command.args.length;
  if (parsed.positionals.length < required.length)
    throw new UsageError(t('missing {what}', { what: required.slice(parsed.positionals.length).join(' ') }));
  if (parsed.positionals.length > most)
    throw new UsageError(t('unexpected argument {what}', { what: parsed.positionals[command.args.length] }));
  return parsed;
}

function optionLines(options: Record<string, OptionSpec>): string[] {
  const left = Object.entries(options).map(
    ([name, o]) =>
      `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? 'VALUE'}` : ''}`,
  );
  const width = Math.max(...left.map((l) => l.length));
  return Object.values(options).map(
    (o, i) => `  ${left[i]!.padEnd(width)}  ${t(o.description)}${o.multiple ? t(' (repeatable)') : ''}`,
  );
}

export function helpText(command: Command): string {
  const usage = `sscard ${[command.name, ...command.args].join(' ')}`;
  const lines = [t('usage: {usage} [options]', { usage }), '', t(command.summary)];
  // Line by line: prose lines have their translation, examples and lists of codes stay as they are.
  if (command.details) lines.push('', ...command.details.split('\n').map((line) => t(line)));
  if (Object.keys(command.options).length) lines.push('', t('options:'), ...optionLines(command.options));
  lines.push('', t('global options:'), ...optionLines(GLOBAL_OPTIONS));
  return lines.join('\n');
}

export function str(parsed: Parsed, name: string): string | undefined {
  const value = parsed.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function strings(parsed: Parsed, name: string): string[] {
  const value = parsed.values[name];
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

export function flag(parsed: Parsed, name: string): boolean {
  return parsed.values[name] === true;
}

export function requireOption(parsed: Parsed, name: string): string {
  return requireOptions(parsed, [name])[name]!;
}

/** The options a command cannot do without, checked together: one error names every one missing. */
export function requireOptions<Name extends string>(
  parsed: Parsed,
  names: readonly Name[],
): Record<Name, string> {
  const missing = names.filter((name) => !str(parsed, name)?.trim());
  if (missing.length > 0) {
    const listed = missing.map((name) => `--${name}`);
    throw new UsageError(
      listed.length === 1
        ? t('{option} is required', { option: listed[0] })
        : t('{options} and {last} are required', {
            options: listed.slice(0, -1).join(', '),
            last: listed.at(-1),
          }),
    );
  }
  return Object.fromEntries(names.map((name) => [name, str(parsed, name)!])) as Record<Name, string>;
}
