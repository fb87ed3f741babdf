// The routes of every action people take (domain/actions), one shape for all: POST /v1/<target>s/:id/<path>,
// the body checked against the action's schema before the client is asked, an Idempotency-Key honoured.
import { z } from 'zod';
import { applicationIdSchema } from '../../domain/application';
import { ALL_ACTIONS, type ActionDescriptor, rolesOf, type Words } from '../../domain/actions';
import type { ErrorCode } from '../../domain/errors';
import { fieldInWords } from '../../domain/field-words';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { applicationStatusSchema, cardLifeStatusSchema } from '../schemas';
import { ok } from './shared';

export const cardParams = z.object({ id: z.string().regex(/^C[0-9A-Za-z-]{1,40}$/, 'a card ID, as C…') });

/** What every action on a target may answer, beyond its own refusals. */
const TARGETS = {
  application: {
    tag: 'applications',
    params: z.object({ id: applicationIdSchema }),
    status: applicationStatusSchema,
    errors: [
      'VALIDATION_FAILED',
      'APPLICATION_NOT_FOUND',
      'ROLE_NOT_ALLOWED',
      'NOT_YOUR_UNIT',
      'ALREADY_CLOSED',
    ],
  },
  card: {
    tag: 'cards',
    params: cardParams,
    status: cardLifeStatusSchema,
    errors: ['VALIDATION_FAILED', 'CARD_NOT_FOUND', 'ROLE_NOT_ALLOWED'],
  },
} as const satisfies Record<
  ActionDescriptor['target'],
  { errors: readonly ErrorCode[] } & Record<string, unknown>
>;

export function actionRoute({ client }: ApiDeps, action: ActionDescriptor): Route {
  const target = TARGETS[action.target];
  return {
    method: 'POST',
    path: `/v1/${action.target}s/:id/${action.path}`,
    operationId: action.operationId,
    summary: action.summary.en,
    ...(action.description ? { description: action.description } : {}),
    tag: target.tag,
    access: 'bearer',
    roles: rolesOf(action),
    idempotency: 'optional',
    params: target.params,
    body: action.body,
    example: action.sample,
    success: {
      status: 200,
      description: `The ${action.target} after the action`,
      schema: target.status,
      ...(action.accepted ? { accepted: action.accepted } : {}),
    },
    errors: [...target.errors, ...action.refusals],
    // The body was checked against the action's schema before the handler runs (api/server.ts).
    handle: async ({ params, body, actor, requestId }) => {
      const answer = await client.act(
        action,
        params.id!,
        body as z.input<typeof action.body>,
        actor,
        requestId ? { requestId } : {},
      );
      // Taken, and what it started goes on: where to follow it.
      if (action.accepted && !('outcome' in answer && answer.outcome))
        return { ...ok(answer, 202), headers: { Location: `/v1/${action.target}s/${params.id!}` } };
      return ok(answer);
    },
  };
}

const words = z.object({ en: z.string(), zh: z.string() });
const names = z.array(z.string());

/** The actions as people are offered them, for the console: words, fields and buttons, no schema. */
const actionListSchema = z.object({
  actions: z.array(
    z.object({
      permission: z.string(),
      target: z.enum(['application', 'card']),
      path: z.string(),
      label: words,
      done: words,
      /** Every field of its body in people's words, in the body's order; `required`: those it cannot go without. */
      fields: z.array(words.extend({ name: z.string() })),
      required: names,
      presets: z.array(
        z.object({
          words,
          body: z.record(z.string(), z.unknown()),
          when: z.array(z.string()),
          /** What a person fills in before it is sent, and which of those the body cannot go without. */
          fields: names,
          required: names,
          done: words,
        }),
      ),
    }),
  ),
});

/** The fields the schema refuses missing once `given` is sent (a rule's, such as a rejection's note, included). */
function required(action: ActionDescriptor, given: Record<string, unknown>): string[] {
  const parsed = action.body.safeParse(given);
  return parsed.success ? [] : [...new Set(parsed.error.issues.map((issue) => String(issue.path[0])))];
}

function offered(action: ActionDescriptor): z.input<typeof actionListSchema>['actions'][number] {
  const fieldWords: Partial<Record<string, Words>> = action.fields ?? {};
  return {
    permission: action.permission,
    target: action.target,
    path: action.path,
    label: action.label,
    done: action.done,
    fields: Object.keys(action.body.shape).map((name) => {
      const { en, zh } = fieldWords[name] ?? { en: fieldInWords([name]), zh: fieldInWords([name]) };
      return { name, en, zh };
    }),
    required: required(action, {}),
    presets: (action.presets ?? []).map(({ words, body, when, fields, done }) => ({
      words,
      body,
      when: [...when],
      fields: [...(fields ?? [])],
      required: required(action, body),
      done,
    })),
  };
}

const listRoute: Route = {
  method: 'GET',
  path: '/v1/actions',
  operationId: 'listActions',
  summary: 'The actions the caller may take, with their words and buttons (what the console offers)',
  tag: 'system',
  access: 'bearer',
  success: { status: 200, description: 'The actions the caller’s role may take', schema: actionListSchema },
  errors: [],
  handle: ({ actor }) =>
    Promise.resolve(
      ok({
        actions: ALL_ACTIONS.filter((action) => rolesOf(action).includes(actor.role)).map(offered),
      }),
    ),
};

export const actionRoutes = (deps: ApiDeps): Route[] => [
  listRoute,
  ...ALL_ACTIONS.map((action) => actionRoute(deps, action)),
];
