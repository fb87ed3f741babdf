// Who may do what: one table, read by the workflows' update validators, the client library and the API.
import type { Actor, Role } from './actors';
import type { ErrorCode } from './errors';

export const ACTIONS = {
  submit: ['unit_clerk', 'operator', 'supervisor'],
  read: ['unit_clerk', 'operator', 'supervisor', 'admin'],
  review: ['operator', 'supervisor'],
  /** The second pair of eyes on an override of the comparison's findings. */
  confirm_override: ['supervisor'],
  resubmit: ['unit_clerk', 'operator', 'supervisor'],
  /** At a counter, or the unit's clerk for the cards its agent collected. */
  register_collection: ['unit_clerk', 'operator', 'supervisor'],
  /** The system withdraws a dead person's application on the population registry's notice. */
  withdraw: ['unit_clerk', 'operator', 'supervisor', 'system'],
  /** Once printing has started, only a supervisor's confirmed withdrawal stops it (or the system, on a death). */
  withdraw_after_print: ['supervisor', 'system'],
  expedite: ['operator', 'supervisor'],
  hold_for_review: ['operator', 'supervisor'],
  order_reprint: ['operator', 'supervisor'],
  /** A fee waived for an exemption in effect, with the evidence seen. */
  waive_fee: ['operator', 'supervisor'],
  /** A note in an application's timeline: whoever works on it (a unit clerk on their own unit's). */
  add_note: ['unit_clerk', 'operator', 'supervisor'],
  /** Loss reports are taken by the center's staff: at the counter, on the phone line, from the online service. */
  report_card_loss: ['operator', 'supervisor'],
  lift_card_loss: ['operator', 'supervisor'],
  /** A card in use cancelled for good: by a supervisor (emigration, the holder's request) or a death notice. */
  cancel_card: ['supervisor', 'partner'],
  /** At a counter, after checking the holder's identity: the chip's PIN counter is reset. */
  unlock_card: ['operator', 'supervisor'],
  report_partner_result: ['partner'],
  see_escalations: ['supervisor', 'admin'],
  /** Applicants' photos: the center's staff, who check them against the person at the counter. */
  see_photos: ['operator', 'supervisor'],
  administer: ['admin'],
  /** The Web UI's codec endpoint: decoded payloads show applicants' names and ID numbers. */
  decode_payloads: ['operator', 'supervisor', 'admin'],
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof ACTIONS;

/** Null when allowed, otherwise the reason code. Unit clerks act only within their own unit. */
export function denial(actor: Actor, action: Action, scope: { unitId?: string } = {}): ErrorCode | null {
  if (!(ACTIONS[action] as readonly Role[]).includes(actor.role)) return 'ROLE_NOT_ALLOWED';
  if (actor.role === 'unit_clerk' && scope.unitId !== undefined && actor.unitId !== scope.unitId)
    return 'NOT_YOUR_UNIT';
  return null;
}
