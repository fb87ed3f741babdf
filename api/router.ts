// Routes are data: method, path, who may call, schemas and handler in one object, from which both the router
// and the OpenAPI document are built, so the description cannot drift from what the server does.
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import type { Actor, Role } from '../domain/actors';
import type { ErrorCode } from '../domain/errors';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  /** The caller: the API key's actor, or the partner whose signature was verified. */
  actor: Actor;
  /** The API key used, for bearer routes. */
  key?: { keyId: string; name: string };
  params: Record<string, string>;
  /** As the route's query schema made it (checked before the handler), or as sent when it has none. */
  query: Record<string, unknown>;
  /** As the route's body schema made it (checked before the handler), or as sent when it has none. */
  body: unknown;
  request: IncomingMessage;
  /** For a request sent with an Idempotency-Key: its ID, the same for every retry of it (api/idempotency.ts). */
  requestId?: string;
  /** For a partner's callback: its message, "<partner>:<webhook-id>" (a resend carries the same). */
  messageId?: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Sent as it is instead of JSON of `body`, with the Content-Type of `headers` (a CSV export, a photo). */
  text?: string | Buffer;
  headers?: Record<string, string>;
}

export interface Route {
  method: Method;
  /** '/v1/applications/:id/review': segments starting with ':' are parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** bearer: an API key; partner: an HMAC-signed callback; public: nobody needs to say who they are. */
  access: 'bearer' | 'partner' | 'public';
  /** `self-service`: a person's own public route, held to the tighter per-address rate of api/limits.ts. */
  rate?: 'self-service';
  /** The roles that may succeed (documented; permissions.ts decides). */
  roles?: readonly Role[];
  /** Creating requests require an Idempotency-Key; actions honour one when sent. */
  idempotency?: 'required' | 'optional';
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A valid body, shown in the API reference. */
  example?: unknown;
  /** The code a body that fails `body` is refused with, where the catalogue has one more telling than VALIDATION_FAILED. */
  invalid?: ErrorCode;
  bodyLimit?: number;
  /** `accepted`: the route may also answer 202 with the same schema, while what it started goes on. */
  success: { status: number; description: string; schema?: z.ZodType; accepted?: string };
  /** The refusals this route may answer with, beyond the ones every route of its access kind has. */
  errors: readonly ErrorCode[];
  handle(context: RouteContext): Promise<Reply>;
}

export type Match =
  | { kind: 'route'; route: Route; params: Record<string, string> }
  | { kind: 'wrong_method'; allowed: Method[] }
  | { kind: 'none' };

interface Compiled {
  route: Route;
  segments: string[];
}

export function createRouter(routes: readonly Route[]) {
  const parameters = (c: Compiled) => c.segments.filter((s) => s.startsWith(':')).length;
  // Literal paths win over parameters: /v1/applications/queues is not application "queues".
  const compiled: Compiled[] = routes
    .map((route) => ({ route, segments: route.path.split('/').slice(1) }))
    .sort((a, b) => parameters(a) - parameters(b));

  function matchPath(segments: string[], path: string[]): Record<string, string> | null {
    if (segments.length !== path.length) return null;
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const pattern = segments[i]!;
      const actual = path[i]!;
      if (pattern.startsWith(':')) {
        let value: string;
        try {
          value = decodeURIComponent(actual);
        } catch {
          return null;
        }
        if (value === '') return null;
        params[pattern.slice(1)] = value;
      } else if (pattern !== actual) return null;
    }
    return params;
  }

  return {
    routes,
    match(method: string, pathname: string): Match {
      const path = pathname.split('/').slice(1);
      const allowed: Method[] = [];
      for (const { route, segments } of compiled) {
        const params = matchPath(segments, path);
        if (!params) continue;
        const wanted = method === 'HEAD' ? 'GET' : method;
        if (route.method === wanted) return { kind: 'route', route, params };
        if (!allowed.includes(route.method)) allowed.push(route.method);
      }
      return allowed.length > 0 ? { kind: 'wrong_method', allowed } : { kind: 'none' };
    },
  };
}
