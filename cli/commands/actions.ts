// The commands of the actions people take (domain/actions), made from their descriptions: `sscard <command> <id>`
// with an option per field of the action's body (or flags, or a file after the ID, as the description says), its
// help from the action's words, and what it answers printed as the target's status.
import { z } from 'zod';
import { ALL_ACTIONS, type ActionDescriptor } from '../../domain/actions';
import type { Field } from '../../domain/actions/define';
import type { CardLifeStatus } from '../../domain/card-life';
import { fieldInWords } from '../../domain/field-words';
import type { ApplicationStatus } from '../../domain/status';
import { type Command, type OptionSpec, type Parsed, flag, str, strings, UsageError } from '../command';
import { isRecord, readJson } from '../files';
import { t } from '../i18n';
import { printMoved } from './applications';
import { printCard } from './cards';

/** How the command line takes one field of the body. */
type Taken =
  | { kind: 'option'; name: string; spec: OptionSpec; number: boolean }
  | { kind: 'flags'; values: readonly string[]; words: Readonly<Record<string, { en: string }>> }
  | { kind: 'file'; arg: string };

/** What a person types for a field: its schema without optional, default and the normalizing step after it. */
function unwrapped(field: z.ZodType): z.ZodType {
  if (field instanceof z.ZodOptional || field instanceof z.ZodDefault)
    return unwrapped(field.def.innerType as z.ZodType);
  if (field instanceof z.ZodPipe) return unwrapped(field.in as z.ZodType);
  return field;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function takenAs(name: string, field: z.ZodType, words: Field | undefined): Taken | undefined {
  if (words?.file) return { kind: 'file', arg: words.file };
  if (words?.flags) return { kind: 'flags', values: Object.keys(words.flags), words: words.flags };
  const inner = unwrapped(field);
  const description = words?.en ?? fieldInWords([name]);
  const option = (spec: Omit<OptionSpec, 'description'>, number = false): Taken => ({
    kind: 'option',
    name: words?.option ?? kebab(name),
    spec: { ...spec, description },
    number,
  });
  if (inner instanceof z.ZodEnum)
    return option({ type: 'string', value: words?.value ?? inner.options.join('|') });
  if (inner instanceof z.ZodString) return option({ type: 'string', value: words?.value ?? 'TEXT' });
  if (inner instanceof z.ZodBoolean) return option({ type: 'boolean' });
  if (inner instanceof z.ZodNumber) return option({ type: 'string', value: words?.value ?? 'N' }, true);
  if (inner instanceof z.ZodArray)
    return option({ type: 'string', multiple: true, value: words?.value ?? 'VALUE' });
  return undefined;
}

function fieldsOf(action: ActionDescriptor): [string, z.ZodType, Taken | undefined][] {
  const shape: Record<string, z.ZodType> = action.body.shape;
  const words: Partial<Record<string, Field>> = action.fields ?? {};
  return Object.entries(shape).map(([name, field]) => [name, field, takenAs(name, field, words[name])]);
}

/** A field read from a JSON file: the file's own object, or its member of the field's name. */
function fromFile(file: string, name: string): unknown {
  const content = readJson(file);
  return isRecord(content) && isRecord(content[name]) ? content[name] : content;
}

function bodyOf(action: ActionDescriptor, parsed: Parsed): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  let file = 1;
  for (const [name, , taken] of fieldsOf(action)) {
    if (taken?.kind === 'file') given[name] = fromFile(parsed.positionals[file++]!, name);
    else if (taken?.kind === 'flags') {
      const chosen = taken.values.filter((value) => flag(parsed, value));
      if (chosen.length > 1)
        throw new UsageError(
          t('give one of {choices}', { choices: taken.values.map((v) => `--${v}`).join(', ') }),
        );
      if (chosen[0]) given[name] = chosen[0];
    } else if (taken?.spec.type === 'boolean') {
      if (flag(parsed, taken.name)) given[name] = true;
    } else if (taken?.spec.multiple) {
      const values = strings(parsed, taken.name);
      if (values.length > 0) given[name] = values;
    } else if (taken) {
      const value = str(parsed, taken.name);
      if (value !== undefined) given[name] = taken.number ? Number(value) : value;
    }
  }
  const body = action.complete?.(given) ?? given;
  return checked(action, body);
}

/**
 * The body against the action's schema before it is sent, refused in the command line's words: a value not among
 * its choices with the choices, else everything missing at once (by its option, or its choice of flags), also
 * what a rule asks for once the rest is given (an agent's ID number unless the holder came).
 */
function checked(action: ActionDescriptor, body: Record<string, unknown>): Record<string, unknown> {
  const fields = new Map(fieldsOf(action).map(([name, field, taken]) => [name, { field, taken }]));
  const said = (name: string): string => {
    const taken = fields.get(name)?.taken;
    if (taken?.kind === 'option') return `--${taken.name}`;
    if (taken?.kind === 'flags') return taken.values.map((v) => `--${v}`).join('|');
    return taken?.kind === 'file' ? taken.arg : name;
  };
  const issuesOf = (candidate: Record<string, unknown>) => {
    const result = action.body.safeParse(candidate);
    return result.success ? [] : result.error.issues;
  };
  const issues = issuesOf(body);
  if (issues.length === 0) return body;
  const wrong: string[] = [];
  const missing = new Set<string>();
  for (const issue of issues) {
    const name = String(issue.path[0] ?? '');
    const value = body[name];
    const inner = fields.get(name) && unwrapped(fields.get(name)!.field);
    if (value === undefined) missing.add(name);
    else if (inner instanceof z.ZodEnum && !inner.options.includes(value as never))
      wrong.push(
        t('{option} {value}: one of {choices}', {
          option: said(name),
          value: JSON.stringify(value).replace(/^"|"$/g, ''),
          choices: inner.options.join(', '),
        }),
      );
    else wrong.push(`${said(name)}: ${issue.message}`);
  }
  if (wrong.length > 0) throw new UsageError(wrong.join('\n'));
  // What the rules ask for once the missing fields hold something.
  const probe = {
    ...body,
    ...Object.fromEntries([...missing].map((name) => [name, sample(fields.get(name)!.field)])),
  };
  for (const issue of issuesOf(probe)) {
    const name = String(issue.path[0] ?? '');
    if (body[name] === undefined) missing.add(name);
  }
  const listed = [...fields.keys()].filter((name) => missing.has(name)).map(said);
  if (listed.length === 1) throw new UsageError(t('{option} is required', { option: listed[0] }));
  throw new UsageError(
    t('{options} and {last} are required', { options: listed.slice(0, -1).join(', '), last: listed.at(-1) }),
  );
}

/** A stand-in value for a missing field, to see what else the rules ask for. */
function sample(field: z.ZodType): unknown {
  const inner = unwrapped(field);
  if (inner instanceof z.ZodEnum) return inner.options[0];
  if (inner instanceof z.ZodBoolean) return false;
  if (inner instanceof z.ZodNumber) return 1;
  if (inner instanceof z.ZodArray) return [sample(inner.element as z.ZodType)];
  return 'x';
}

export function actionCommand(action: ActionDescriptor): Command {
  const fields = fieldsOf(action);
  const options: Record<string, OptionSpec> = {};
  for (const [, , taken] of fields) {
    if (taken?.kind === 'option') options[taken.name] = taken.spec;
    if (taken?.kind === 'flags')
      for (const value of taken.values)
        options[value] = { type: 'boolean', description: taken.words[value]!.en };
  }
  const files = fields.flatMap(([, , taken]) => (taken?.kind === 'file' ? [taken.arg] : []));
  const details = [
    ...(action.help ?? []).map((line) => line.en),
    ...(action.example ? [t('Example:'), `  ${action.example}`] : []),
  ];
  return {
    name: action.command,
    args: [action.target === 'card' ? '<cardId>' : '<id>', ...files],
    summary: action.summary.en,
    ...(details.length > 0 ? { details: details.join('\n') } : {}),
    options,
    async run(ctx, parsed) {
      const id = parsed.positionals[0]!;
      const answer = await ctx.api.request<CardLifeStatus | ApplicationStatus>(
        'POST',
        `/v1/${action.target}s/${encodeURIComponent(id)}/${action.path}`,
        { body: bodyOf(action, parsed), idempotent: true },
      );
      const done = t(action.done.en);
      if (action.target === 'card') printCard(ctx, answer as CardLifeStatus, done);
      else printMoved(ctx, answer as ApplicationStatus, done);
    },
  };
}

export const applicationActionCommands: Command[] = ALL_ACTIONS.filter((a) => a.target === 'application').map(
  actionCommand,
);
export const cardActionCommands: Command[] = ALL_ACTIONS.filter((a) => a.target === 'card').map(
  actionCommand,
);
