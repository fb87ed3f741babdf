// Who is calling: a bearer token, looked up by its hash. Keys are issued by administrators through the API, or
// seeded with known tokens for the local stack, the demo and tests.
import { z } from 'zod';
import type { Actor } from '../domain/actors';
import { actorSchema } from '../domain/actor-schemas';
import { SscardError } from '../domain/errors';
import type { Stores } from '../store';
import type { ApiKeyView } from '../store/api-keys';

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]{16,512})$/i;

export async function authenticate(header: string | undefined, stores: Stores): Promise<ApiKeyView> {
  if (!header) throw new SscardError('UNAUTHENTICATED', 'the request has no "Authorization: Bearer <token>"');
  const token = BEARER.exec(header.trim())?.[1];
  if (!token) throw new SscardError('UNAUTHENTICATED', 'the Authorization header is not "Bearer <token>"');
  const key = await stores.apiKeys.byToken(token);
  if (!key) throw new SscardError('UNAUTHENTICATED', 'the API key is unknown or was revoked');
  return key;
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

export interface KeySeed {
  name: string;
  actor: Actor;
  /** At least 16 characters of [A-Za-z0-9._~+/=-]. */
  token: string;
}

/** Seeds keys with known tokens; seeding again changes nothing. */
export async function seedApiKeys(stores: Stores, seeds: readonly KeySeed[]): Promise<ApiKeyView[]> {
  const seeded: ApiKeyView[] = [];
  for (const seed of seeds) {
    if (!BEARER.test(`Bearer ${seed.token}`))
      throw new Error(`the token of key "${seed.name}" is not usable`);
    seeded.push(await stores.apiKeys.seed({ ...seed, actor: keyActorSchema.parse(seed.actor) }));
  }
  return seeded;
}
