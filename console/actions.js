// The actions the signed-in role may take, as the API describes them (GET /v1/actions, made from domain/actions):
// their words, fields and buttons. Asked once a role, for every page that offers them (an application, a card).
import { api, attempt, role } from './api.js';

const asked = new Map();

/** The actions on a target ('application', 'card') the signed-in role may take; none while the API cannot say. */
export async function actionsOn(target) {
  const who = role();
  if (!asked.has(who))
    asked.set(
      who,
      attempt(() => api('GET', '/v1/actions')),
    );
  const list = await asked.get(who);
  // A failed answer is asked again next time.
  if (!list) asked.delete(who);
  return (list?.actions ?? []).filter((action) => action.target === target);
}
