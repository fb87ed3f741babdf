// Who acts on an application. Actors are named by account IDs, never by a person's name.
import { z } from 'zod';

export const ROLES = ['unit_clerk', 'operator', 'supervisor', 'partner', 'admin', 'system'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const accountIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9._:@-]{1,64}$/, 'an account ID: letters, digits and ._:@-');
export const unitIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{6,18}$/, 'a unit code of 6 to 18 digits or capital letters');

export const actorSchema = z.object({
  role: roleSchema,
  id: accountIdSchema,
  /** The unit a clerk works for; clerks act only on their own unit's applications. */
  unitId: unitIdSchema.optional(),
});
export type Actor = z.infer<typeof actorSchema>;

export const SYSTEM: Actor = { role: 'system', id: 'sscard' };

export function isStaff(actor: Actor): boolean {
  return actor.role === 'operator' || actor.role === 'supervisor';
}

/** The partners' accounts. Print orders name their manufacturer by this ID; partners report only on their own. */
export const PARTNER_ACCOUNTS = {
  manufacturer: { role: 'partner', id: 'card-manufacturer' },
  bank: { role: 'partner', id: 'cooperative-bank' },
} as const satisfies Record<string, Actor>;
