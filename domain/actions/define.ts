// An action a person takes on an application or a card, described once: what it is called, what it takes, who
// may take it, how it can be refused, and the words people read. The API's route and its OpenAPI entry, the
// permission it checks, the client's call, the command line's command and the console's buttons are made from the
// description (docs/actions.md says which files an action needs). Edges only: workflows import no schema.
import type { z } from 'zod';
import type { Role } from '../actors';
import type { ErrorCode } from '../errors';
import { ACTIONS, type Action as Permission } from '../permissions';

/** What people read, in the console's two languages. */
export interface Words {
  en: string;
  zh: string;
}

/**
 * A button of the console: the words on it, what it sends, when it is offered (a card's statuses; what an
 * application waits for, its `awaiting`), what is said. With fields, a form: what a person fills in before it is
 * sent (those the schema refuses missing are required).
 */
export interface Preset<Body> {
  words: Words;
  body: Body;
  when: readonly string[];
  fields?: readonly (keyof Body & string)[];
  /** Said once it is done; `{id}` is the target. */
  done: Words;
}

/** A field in people's words, and how the command line takes it where not as `--<field-name> <value>`. */
export interface Field extends Words {
  /** The option's name. */
  option?: string;
  /** What its value is, in the help: NAME, YYYY-MM-DD. */
  value?: string;
  /** An enumeration as flags of their own (`--approve` for decision approve): these values, in words. */
  flags?: Readonly<Record<string, Words>>;
  /** Read from a JSON file given after the ID, shown as this (`<applicant.json>`). */
  file?: string;
}

export interface ActionDescriptor<Body extends z.ZodObject = z.ZodObject> {
  /** Who may (the permission table's key), and the prefix of the update ID a retried request reuses. */
  permission: Permission;
  /** What it acts on: `POST /v1/<target>s/:id/<path>`. */
  target: 'application' | 'card';
  path: string;
  operationId: string;
  /** The Temporal update that carries it to the target's workflow. */
  update: string;
  /** What a person sends; the edge adds who sent it (`actor`). */
  body: Body;
  /**
   * What the update carries, where it is not the body with who sent it: a stored revision's number, a collector's
   * reference (the client keeps the personal data in MongoDB).
   */
  request?: z.ZodObject;
  /** Its refusals beyond those of every action on its target (not found, roles, validation). */
  refusals: readonly ErrorCode[];
  /** What it does, in a sentence (the API reference, the command's help). */
  summary: Words;
  description?: string;
  /** Further lines of the command's help. */
  help?: readonly Words[];
  /** The action in a few words (a button, a form's title), and once done (`loss reported: card … is suspended`). */
  label: Words;
  done: Words;
  /** The command line: `sscard <command> <id> --<field> <value>`, one option per field of the body. */
  command: string;
  /** A field in people's words (a command's option, a form's label); by default its name in words. */
  fields?: Partial<Record<keyof z.input<Body> & string, Field>>;
  example?: string;
  /** A valid body: the API reference's example (and the API's tests send it broken in every way). */
  sample: z.input<Body>;
  /** The console's buttons, forms where they ask for fields; none: an application's page has one form of all. */
  presets?: readonly Preset<z.input<Body>>[];
  /** The body from what the command line was given, as typed: defaults, and words made codes. */
  complete?: (given: Record<string, unknown>) => Record<string, unknown>;
  /** Answered 202 with the target's status while what it started goes on: the words for that answer. */
  accepted?: string;
}

export function defineAction<Body extends z.ZodObject>(
  action: ActionDescriptor<Body>,
): ActionDescriptor<Body> {
  return action;
}

/** Who may take it: the permission table's roles. */
export const rolesOf = (action: Pick<ActionDescriptor, 'permission'>): readonly Role[] =>
  ACTIONS[action.permission];
