// The commands of the actions people take (domain/actions), made from their descriptions: `sscard <command> <id>`
// with one option per field of the action's body, its help from the action's words, and what it answers printed
// as the target's status.
import { z } from 'zod';
import { ALL_ACTIONS, type ActionDescriptor } from '../../domain/actions';
import type { CardLifeStatus } from '../../domain/card-life';
import { fieldInWords } from '../../domain/field-words';
import type { ApplicationStatus } from '../../domain/status';
import { type Command, type OptionSpec, type Parsed, str, UsageError, flag } from '../command';
import { t } from '../i18n';
import { printCard } from './cards';
import { printMoved } from './applications';

/** A field as the command line takes it: an option with its values, or none for what it cannot type. */
function optionOf(action: ActionDescriptor, name: string, field: z.ZodType): OptionSpec | undefined {
  const inner = field instanceof z.ZodOptional || field instanceof z.ZodDefault ? field.def.innerType : field;
  const named = action.fields?.[name];
  const description = named ? named.en : fieldInWords([name]);
  if (inner instanceof z.ZodEnum) return { type: 'string', value: inner.options.join('|'), description };
  if (inner instanceof z.ZodString) return { type: 'string', value: 'TEXT', description };
  if (inner instanceof z.ZodBoolean) return { type: 'boolean', description };
  if (inner instanceof z.ZodNumber) return { type: 'string', value: 'N', description };
  return undefined;
}

const required = (field: z.ZodType): boolean => !field.safeParse(undefined).success;

function fieldsOf(action: ActionDescriptor): [string, z.ZodType][] {
  const shape: Record<string, z.ZodType> = action.body.shape;
  return Object.entries(shape);
}

function bodyOf(action: ActionDescriptor, parsed: Parsed): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const [name, field] of fieldsOf(action)) {
    const option = optionOf(action, name, field);
    if (option?.type === 'boolean') {
      if (flag(parsed, name)) given[name] = true;
    } else if (option) {
      const value = str(parsed, name);
      if (value !== undefined) given[name] = option.value === 'N' ? Number(value) : value;
    }
  }
  const body = { ...given, ...action.complete?.(given) };
  const missing = fieldsOf(action)
    .filter(([name, field]) => required(field) && body[name] === undefined && optionOf(action, name, field))
    .map(([name]) => `--${name}`);
  if (missing.length === 1) throw new UsageError(t('{option} is required', { option: missing[0] }));
  if (missing.length > 1)
    throw new UsageError(
      t('{options} and {last} are required', {
        options: missing.slice(0, -1).join(', '),
        last: missing.at(-1),
      }),
    );
  return body;
}

export function actionCommand(action: ActionDescriptor): Command {
  const options = Object.fromEntries(
    fieldsOf(action).flatMap(([name, field]) => {
      const option = optionOf(action, name, field);
      return option ? [[name, option]] : [];
    }),
  );
  return {
    name: action.command,
    args: [action.target === 'card' ? '<cardId>' : '<applicationId>'],
    summary: action.summary.en,
    ...(action.example ? { details: `${t('Example:')}\n  ${action.example}` } : {}),
    options,
    async run(ctx, parsed) {
      const id = parsed.positionals[0]!;
      const answer = await ctx.api.request<CardLifeStatus | ApplicationStatus>(
        'POST',
        `/v1/${action.target}s/${encodeURIComponent(id)}/${action.path}`,
        { body: bodyOf(action, parsed), idempotent: true },
      );
      const done = t(action.done.en, { id });
      if (action.target === 'card') printCard(ctx, answer as CardLifeStatus, done);
      else printMoved(ctx, answer as ApplicationStatus, done);
    },
  };
}

export const actionCommands: Command[] = ALL_ACTIONS.map(actionCommand);
