// Idempotency-Key handling for creating requests: the same key with the same request from the same caller gets
// the stored answer, with another request 422, while the first is still running 409. Failures on sscard's side
// give the key back.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../domain/actors';
import { SscardError } from '../domain/errors';
import type { ApiStores } from './deps';
import { errorBody, statusOf } from './http';
import type { Reply } from './router';

const KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotencyKey(header: string | string[] | undefined, required: boolean): string | undefined {
  if (header === undefined) {
    if (required) throw new SscardError('IDEMPOTENCY_KEY_MISSING');
    return undefined;
  }
  const key = Array.isArray(header) ? header[0] : header;
  if (key === undefined || !KEY.test(key)) {
    throw new SscardError('VALIDATION_FAILED', 'Idempotency-Key: 1 to 255 visible ASCII characters', {
      issues: [{ path: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }],
    });
  }
  return key;
}

/** JSON with object keys sorted, so the same request written differently has the same fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${path}\n${canonical(body)}`)
    .digest('hex');
}

/**
 * Whose keys these are: the whole principal, so that an answer is replayed only to the caller it was given to (a
 * clerk's account in another unit is another caller).
 */
export function callerScope(actor: Actor): string {
  return [actor.role, actor.id, actor.unitId ?? '-'].join(':');
}

/**
 * The ID of a request sent with a key, handed on to Temporal (an update's ID): a hash, because callers and keys are
 * theirs to choose and IDs show in the Web UI.
 */
export function requestIdOf(caller: string, key: string): string {
  return createHash('sha256').update(`${caller}\n${key}`).digest('hex').slice(0, 32);
}

/** Runs creating requests once per caller and key, for one API process. */
export function createIdempotency(stores: ApiStores) {
  const owner = randomUUID();
  // Claims of this process whose request ended without giving the key back (the database failed meanwhile).
  const orphaned = new Set<string>();

  return async function idempotent(
    claim: { caller: string; key: string; fingerprint: string },
    run: () => Promise<Reply>,
  ): Promise<Reply> {
    const { caller, key } = claim;
    const id = `${caller}\n${key}`;
    const seen = await stores.idempotency.claim(caller, key, claim.fingerprint, owner, orphaned.has(id));
    switch (seen.outcome) {
      case 'reused':
        throw new SscardError('IDEMPOTENCY_KEY_REUSED');
      case 'in_flight':
        throw new SscardError('IDEMPOTENCY_IN_FLIGHT');
      case 'replay':
        return {
          status: seen.response.status,
          body: JSON.parse(seen.response.body) as unknown,
          headers: { 'Idempotent-Replayed': 'true' },
        };
      case 'proceed':
        orphaned.delete(id);
        break;
    }
    // The claim lives as long as the request: renewed while it runs, given back or answered when it ends.
    const lease = setInterval(
      () => void stores.idempotency.renew(caller, key, owner).catch(() => undefined),
      stores.idempotency.leaseMs / 3,
    );
    const settle = async (write: () => Promise<void>): Promise<void> => {
      clearInterval(lease);
      try {
        await write();
      } catch {
        // The work is settled but its claim is not: this process takes the claim over on the next retry.
        orphaned.add(id);
      }
    };
    let reply: Reply;
    try {
      reply = await run();
    } catch (error) {
      // A refusal is an answer like any other and is kept; a failure on sscard's side gives the key back.
      await settle(() =>
        error instanceof SscardError && statusOf(error) < 500
          ? stores.idempotency.complete(caller, key, {
              status: statusOf(error),
              body: JSON.stringify(errorBody(error)),
            })
          : stores.idempotency.release(caller, key),
      );
      throw error;
    }
    await settle(() =>
      stores.idempotency.complete(caller, key, { status: reply.status, body: JSON.stringify(reply.body) }),
    );
    return reply;
  };
}
