// The schemas of actors and their account and unit IDs, for every edge that receives them.
import { z } from 'zod';
import { type Actor, ROLES } from './actors';

export const roleSchema = z.enum(ROLES);

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
}) satisfies z.ZodType<Actor>;
