// Who is calling: a bearer token, looked up by its hash. Keys are issued by administrators through the API, or
// seeded with known tokens for the local stack, the demo and tests.
import type { Actor } from '../domain/actors';
import { type ApiKeyView, keyActorSchema } from '../domain/api-keys';
import { SscardError } from '../domain/errors';
import type { ApiStores } from './deps';

const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]{16,512})$/i;

export async function authenticate(header: string | undefined, stores: ApiStores): Promise<ApiKeyView> {
  if (!header) throw new SscardError('UNAUTHENTICATED', 'the request has no "Authorization: Bearer <token>"');
  const token = BEARER.exec(header.trim())?.[1];
  if (!token) throw new SscardError('UNAUTHENTICATED', 'the Authorization header is not "Bearer <token>"');
  const key = await stores.apiKeys.byToken(token);
  if (!key) throw new SscardError('UNAUTHENTICATED', 'the API key is unknown or was revoked');
  return key;
}

export interface KeySeed {
  name: string;
  actor: Actor;
  /** At least 16 characters of [A-Za-z0-9._~+/=-]. */
  token: string;
}

/** Seeds keys with known tokens; seeding again changes nothing. */
export async function seedApiKeys(stores: ApiStores, seeds: readonly KeySeed[]): Promise<ApiKeyView[]> {
  const seeded: ApiKeyView[] = [];
  for (const seed of seeds) {
    if (!BEARER.test(`Bearer ${seed.token}`))
      throw new Error(`the token of key "${seed.name}" is not usable`);
    seeded.push(await stores.apiKeys.seed({ ...seed, actor: keyActorSchema.parse(seed.actor) }));
  }
  return seeded;
}
