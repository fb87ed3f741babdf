// Update payloads are checked in the workflow with the same schemas every edge uses. Building those schemas costs
// each workflow that loads them (time and memory per cached workflow), and most applications never receive an
// update: so they are loaded with the first one, not with the workflow.
import type * as Messages from '../domain/messages';

let loaded: typeof Messages | undefined;

export function messageSchemas(): typeof Messages {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  loaded ??= require('../domain/messages') as typeof Messages;
  return loaded;
}
