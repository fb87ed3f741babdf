// What one caller may take of the server: requests per second per network address (before anyone is known) and
// per API key, as token buckets in this process; connections and slow clients are bounded on the server itself.
import type { Server, ServerOptions } from 'node:http';
import { SscardError } from '../domain/errors';

export interface Rate {
  /** Requests allowed at once after a quiet spell. */
  burst: number;
  /** Requests allowed per second, sustained. */
  perSecond: number;
}

export interface Limits {
  perAddress: Rate;
  /** The public self-service routes (where is my card?), per network address, beyond `perAddress`. */
  selfService: Rate;
  perKey: Rate;
  /** Open connections at once; more wait in the kernel's queue. */
  maxConnections: number;
  /** Time for a client to send its headers, and its whole request. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  perAddress: { burst: 400, perSecond: 200 },
  selfService: { burst: 10, perSecond: 0.2 },
  perKey: { burst: 200, perSecond: 100 },
  maxConnections: 1000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
};

/** Buckets are forgotten once full again, so memory follows the callers of the last moments only. */
function buckets(rate: Rate, now: () => number) {
  const levels = new Map<string, { tokens: number; at: number }>();
  let sweptAt = now();
  return (who: string): void => {
    const t = now();
    if (t - sweptAt > 60_000) {
      for (const [key, level] of levels)
        if (level.tokens + ((t - level.at) / 1000) * rate.perSecond >= rate.burst) levels.delete(key);
      sweptAt = t;
    }
    const level = levels.get(who) ?? { tokens: rate.burst, at: t };
    level.tokens = Math.min(rate.burst, level.tokens + ((t - level.at) / 1000) * rate.perSecond);
    level.at = t;
    if (level.tokens < 1) {
      levels.set(who, level);
      const waitS = Math.max(1, Math.ceil((1 - level.tokens) / rate.perSecond));
      throw new SscardError('RATE_LIMITED', `too many requests; retry in ${waitS} s`, { retryAfter: waitS });
    }
    level.tokens -= 1;
    levels.set(who, level);
  };
}

export function createLimits(limits: Limits, now: () => number = Date.now) {
  return {
    address: buckets(limits.perAddress, now),
    key: buckets(limits.perKey, now),
    selfService: buckets(limits.selfService, now),
    /** Bounds slow senders (a client sending its headers or body a byte at a time), checked every second. */
    serverOptions: (): ServerOptions => ({
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    }),
    /** Bounds open connections: past the cap, a new one is closed at once. */
    apply(server: Server): void {
      server.maxConnections = limits.maxConnections;
    },
  };
}
