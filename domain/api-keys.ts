// An API key as people see it (never its token), and what an administrator asks for when issuing one.
import { z } from 'zod';
import type { Actor } from './actors';
import { actorSchema } from './actor-schemas';

export interface ApiKeyView {
  /** The public name of the key, shown in lists and used to revoke it. */
  keyId: string;
  name: string;
  actor: Actor;
  createdAt: Date;
  createdBy: string;
  revokedAt?: Date;
  revokedBy?: string;
}

/** Who a key may speak for: anyone but the system itself; a clerk always for one unit. */
export const keyActorSchema = actorSchema
  .refine((actor) => actor.role !== 'system', {
    message: 'keys are not issued for the system',
    path: ['role'],
  })
  .refine((actor) => actor.role !== 'unit_clerk' || actor.unitId !== undefined, {
    message: 'a unit clerk key needs the unitId of the clerk’s unit',
    path: ['unitId'],
  });

export const apiKeyRequestSchema = z.object({
  name: z.string().trim().min(1).max(100),
  actor: keyActorSchema,
});
