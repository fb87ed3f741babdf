// Update payloads are checked in the workflow with the same schemas every edge uses. Building those schemas costs
// each workflow that loads them (time and memory per cached workflow), and most applications never receive an
// update: so they are loaded with the first one, not with the workflow.
import type * as Messages from '../domain/messages';
import type * as Actions from '../domain/actions';
import type * as ActorSchemas from '../domain/actor-schemas';
import type { Action as Permission } from '../domain/permissions';
import type { parseOrRefuse } from './refuse';

let loaded: typeof Messages | undefined;

export function messageSchemas(): typeof Messages {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= require('../domain/messages') as typeof Messages;
  return loaded;
}

/** What a workflow needs of an action people take (domain/actions): who may, and its request's schema. */
export interface ActionCheck {
  permission: Permission;
  /** The body an edge checked, with who sent it (parseOrRefuse takes it). */
  request: Parameters<typeof parseOrRefuse<unknown>>[0];
}

let actions: Map<string, ActionCheck> | undefined;

/** The action an update carries, by the update's name. */
export function actionOf(update: string): ActionCheck {
  if (!actions) {
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
    const { ALL_ACTIONS } = require('../domain/actions') as typeof Actions;
    const { actorSchema } = require('../domain/actor-schemas') as typeof ActorSchemas;
    /* eslint-enable @typescript-eslint/no-require-imports */
    actions = new Map(
      ALL_ACTIONS.map((a) => [
        a.update,
        { permission: a.permission, request: a.request ?? a.body.safeExtend({ actor: actorSchema }) },
      ]),
    );
  }
  const found = actions.get(update);
  if (!found) throw new TypeError(`no action is carried by the update ${update}`);
  return found;
}
