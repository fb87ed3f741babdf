// The HTTP API and the operator console, on node:http. A request goes: route → body (bounded) → caller (API key
// or partner signature) → JSON → path parameters → Idempotency-Key → handler, and every refusal on the way is
// an error envelope with its stable code. Beside the API: the console, and the Web UI's codec endpoint (codec.ts).
import { randomUUID } from 'node:crypto';
import { type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SscardError } from '../domain/errors';
import { parseOrThrow, validationError } from '../client/errors';
import { authenticate } from './auth';
import { createCodecEndpoint } from './codec';
import type { ApiDeps } from './deps';
import { asSscardError } from './errors';
import { DEFAULT_BODY_LIMIT, errorBody, parseJsonBody, readBody, sendJson, sendText, statusOf } from './http';
import { callerScope, createIdempotency, fingerprint, idempotencyKey, requestIdOf } from './idempotency';
import { createLimits, DEFAULT_LIMITS } from './limits';
import { createMetrics } from './metrics';
import { openApiDocument } from './openapi';
import { createRouter, type Reply, type Route, type RouteContext } from './router';
import { actionRoutes } from './routes/actions';
import { adminRoutes } from './routes/admin';
import { applicationRoutes } from './routes/applications';
import { batchRoutes } from './routes/batches';
import { cardRoutes } from './routes/cards';
import { listRoutes } from './routes/lists';
import { partnerRoutes } from './routes/partners';
import { cardUseRoutes } from './routes/card-use';
import { systemRoutes } from './routes/system';
import { photoRoutes } from './routes/photos';
import { trackingRoutes } from './routes/tracking';
import { onlineRoutes } from './routes/online';
import { feeRoutes } from './routes/fees';
import { verifyCallback } from './signatures';
import { consoleFile } from './static';
import type { Actor } from '../domain/actors';
import { RELEASE } from '../client/release';

const DEFAULT_CONSOLE_DIR = path.resolve(__dirname, '../console');

export interface ApiServer {
  server: http.Server;
  routes: readonly Route[];
  /** Listens (port 0: any free port) and resolves with the base URL. */
  listen(port: number, host?: string): Promise<string>;
  close(drainMs?: number): Promise<void>;
}

/**
 * The console runs only its own files: no inline script or style, no other origin, and no page may frame it (a
 * clerk's click cannot be borrowed by another site).
 */
const CONSOLE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

// The API reference page: our own index and start-up script over Swagger UI's distribution files.
const DOCS_DIRS = [
  path.resolve(__dirname, 'docs'),
  path.dirname(require.resolve('swagger-ui-dist/package.json')),
];
/** Swagger UI sets styles inline as it draws; the page runs no script but its own files all the same. */
const DOCS_HEADERS = {
  ...CONSOLE_HEADERS,
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/** How long a stopping API waits for the requests in flight. */
const DRAIN_MS = 30_000;

/**
 * Every request is answered within 15 s, whatever sscard's services do: a clerk at a counter cannot wait longer.
 * What is still running then (a worker restarting, a database failing over) goes on, and the caller is told to
 * send it again: with the same Idempotency-Key it gets the first outcome once there is one.
 */
export const ANSWER_WITHIN_MS = 14_000;

/** When a caller told SERVICE_UNAVAILABLE should try again (the Retry-After header). */
const RETRY_AFTER_S = 5;

/** The body as the route's schema makes it; refused as VALIDATION_FAILED, or the route's own code for it. */
function checkedBody(route: Route, body: unknown): unknown {
  const result = route.body!.safeParse(body ?? {});
  if (result.success) return result.data;
  const refusal = validationError(result.error);
  if (!route.invalid || refusal.code !== 'VALIDATION_FAILED') throw refusal;
  throw new SscardError(route.invalid, refusal.message, refusal.details);
}

function answeredInTime(work: Promise<Reply>, keyed: boolean): Promise<Reply> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new SscardError(
            'SERVICE_UNAVAILABLE',
            keyed
              ? 'sscard is still working on this request: send it again with the same Idempotency-Key in a few ' +
                  'seconds to receive its answer'
              : 'sscard did not finish this request in time and may still complete it: look at what it concerns ' +
                  'before sending it again, or send requests with an Idempotency-Key',
          ),
        ),
      ANSWER_WITHIN_MS,
    );
  });
  // Whatever the work ends in after its caller was answered is settled by the idempotency record, or dropped.
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Who reads the business gauges: every unit's applications, counted. */
const METRICS_READER: Actor = { role: 'admin', id: 'metrics' };

export function createApiServer(deps: ApiDeps): ApiServer {
  const { stores, config } = deps;
  const log = config.log ?? (() => undefined);
  const now = config.now ?? (() => new Date());
  const consoleDir = config.consoleDir ?? DEFAULT_CONSOLE_DIR;

  let document: unknown;
  const metrics = createMetrics(() => deps.client.lists.counts({}, METRICS_READER));
  const routes: Route[] = [
    ...systemRoutes(deps, () => (document ??= openApiDocument(routes, RELEASE)), metrics),
    ...applicationRoutes(deps),
    ...listRoutes(deps),
    ...batchRoutes(deps),
    ...cardRoutes(deps),
    ...actionRoutes(deps),
    ...partnerRoutes(deps),
    ...cardUseRoutes(deps),
    ...adminRoutes(deps),
    ...trackingRoutes(deps),
    ...onlineRoutes(deps),
    ...feeRoutes(deps),
    ...photoRoutes(deps),
  ];
  const router = createRouter(routes);
  const idempotent = createIdempotency(stores);
  const limits = createLimits({ ...DEFAULT_LIMITS, ...config.limits });
  const serveCodec = createCodecEndpoint(deps);

  /** The API reference (Swagger UI over /openapi.json) at /docs/. */
  async function serveDocs(request: IncomingMessage, response: ServerResponse, pathname: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new SscardError('METHOD_NOT_ALLOWED', 'the API reference is read-only', {
        allowed: ['GET', 'HEAD'],
      });
    }
    if (pathname === '/docs') {
      response.writeHead(302, { Location: '/docs/', 'Content-Length': '0' }).end();
      return;
    }
    const relative = pathname.slice('/docs/'.length);
    let file;
    for (const dir of DOCS_DIRS) {
      file = await consoleFile(dir, relative).catch(() => undefined);
      if (file) break;
    }
    if (!file) throw new SscardError('NOT_FOUND', 'no such file of the API reference');
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.data.length),
      'Cache-Control': 'no-cache',
      ...DOCS_HEADERS,
    });
    response.end(request.method === 'HEAD' ? undefined : file.data);
  }

  async function serveConsole(request: IncomingMessage, response: ServerResponse, pathname: string) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      throw new SscardError('METHOD_NOT_ALLOWED', 'the console is read-only', { allowed: ['GET', 'HEAD'] });
    }
    if (pathname === '/' || pathname === '/console') {
      response.writeHead(302, { Location: '/console/', 'Content-Length': '0' }).end();
      return;
    }
    const file = await consoleFile(consoleDir, pathname.slice('/console/'.length));
    response.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Length': String(file.data.length),
      'Cache-Control': 'no-cache',
      ...CONSOLE_HEADERS,
    });
    response.end(request.method === 'HEAD' ? undefined : file.data);
  }

  async function answer(
    request: IncomingMessage,
    response: ServerResponse,
    pathname: string,
    search: URLSearchParams,
    seen: { actor?: string },
  ) {
    const match = router.match(request.method ?? 'GET', pathname);
    if (match.kind === 'none')
      throw new SscardError('NOT_FOUND', `no such resource: ${request.method} ${pathname}`);
    if (match.kind === 'wrong_method') {
      throw new SscardError('METHOD_NOT_ALLOWED', `${pathname} answers ${match.allowed.join(', ')}`, {
        allowed: match.allowed,
      });
    }
    const { route } = match;
    if (route.rate === 'self-service') limits.selfService(request.socket.remoteAddress ?? 'unknown');
    // A bearer caller is known before the body is read; a partner's signature covers the body.
    const key =
      route.access === 'bearer' ? await authenticate(request.headers.authorization, stores) : undefined;
    if (key) seen.actor = `${key.actor.role}:${key.actor.id}`;
    if (key) limits.key(key.keyId);
    // Who may call is settled before anything else is read, a stored answer included.
    if (key && route.roles && !route.roles.includes(key.actor.role))
      throw new SscardError(
        'ROLE_NOT_ALLOWED',
        `the role ${key.actor.role} may not call ${route.method} ${route.path}`,
      );
    const raw = await readBody(request, route.bodyLimit ?? DEFAULT_BODY_LIMIT);
    let actor = key?.actor;
    let replayKey: string | undefined;
    if (route.access === 'partner') {
      const verified = verifyCallback(request.headers, raw, config.partnerSecrets, now());
      if ((await stores.callbackReplays.record(verified.replayKey, verified.partner.id)) === 'existed')
        throw new SscardError('SIGNATURE_REPLAYED');
      actor = verified.partner;
      seen.actor = `${actor.role}:${actor.id}`;
      replayKey = verified.replayKey;
    }
    try {
      const body =
        request.method === 'POST' || request.method === 'PUT'
          ? parseJsonBody(raw, request.headers['content-type'])
          : undefined;
      // Path, query and body are checked against the route's schemas before its handler runs, which trusts them.
      if (route.params) parseOrThrow(route.params, match.params);
      const query = route.query
        ? parseOrThrow(route.query, Object.fromEntries(search))
        : Object.fromEntries(search);
      const idempotencyHeader = request.headers['idempotency-key'];
      const idemKey = route.idempotency
        ? idempotencyKey(idempotencyHeader, route.idempotency === 'required')
        : undefined;
      const context: RouteContext = {
        actor: actor ?? { role: 'system', id: 'anonymous' },
        ...(key ? { key: { keyId: key.keyId, name: key.name } } : {}),
        params: match.params,
        query,
        body: route.body ? checkedBody(route, body) : body,
        request,
        ...(idemKey && actor ? { requestId: requestIdOf(callerScope(actor), idemKey) } : {}),
        ...(replayKey ? { messageId: replayKey } : {}),
      };
      const reply = await answeredInTime(
        idemKey && actor
          ? idempotent(
              {
                caller: callerScope(actor),
                key: idemKey,
                fingerprint: fingerprint(route.method, pathname, body),
              },
              () => route.handle(context),
            )
          : route.handle(context),
        Boolean(idemKey),
      );
      if (reply.text !== undefined) sendText(response, reply.status, reply.text, reply.headers);
      else sendJson(response, reply.status, reply.body, reply.headers);
    } catch (error) {
      // A refused callback did nothing, so its message ID is forgotten: sent again, it meets the same refusal,
      // or succeeds once what failed on sscard's side works again.
      if (replayKey) await stores.callbackReplays.forget(replayKey);
      throw error;
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse, span?: Span): Promise<void> {
    const started = Date.now();
    const requestId = randomUUID();
    response.setHeader('X-Request-Id', requestId);
    let pathname = '?';
    const seen: { actor?: string } = {};
    try {
      limits.address(request.socket.remoteAddress ?? 'unknown');
      const target = request.url ?? '/';
      if (!target.startsWith('/')) throw new SscardError('NOT_FOUND', 'the request target is not a path');
      let url: URL;
      try {
        url = new URL(`http://localhost${target}`);
      } catch {
        throw new SscardError('NOT_FOUND', 'the request target is not a path');
      }
      pathname = url.pathname;
      if (pathname === '/' || pathname === '/console' || pathname.startsWith('/console/')) {
        await serveConsole(request, response, pathname);
      } else if (pathname === '/track' || /^\/track\/[A-Za-z0-9._-]+$/.test(pathname)) {
        // "Where is my card?": the person's page, for the link of their SMS or a code.
        await serveConsole(request, response, '/console/track.html');
      } else if (pathname === '/docs' || pathname.startsWith('/docs/')) {
        await serveDocs(request, response, pathname);
      } else if (pathname.startsWith('/codec/')) {
        await serveCodec(request, response, pathname);
      } else {
        await answer(request, response, pathname, url.searchParams, seen);
      }
    } catch (caught) {
      const error = asSscardError(caught, requestId, log);
      const { allowed, retryAfter } = (error.details ?? {}) as { allowed?: string[]; retryAfter?: number };
      if (!response.headersSent) {
        sendJson(response, statusOf(error), errorBody(error), {
          ...(allowed ? { Allow: allowed.join(', ') } : {}),
          ...(retryAfter || statusOf(error) === 503
            ? { 'Retry-After': String(retryAfter ?? RETRY_AFTER_S) }
            : {}),
          ...(error.code === 'PAYLOAD_TOO_LARGE' ? { Connection: 'close' } : {}),
        });
      } else response.destroy();
    } finally {
      const ms = Date.now() - started;
      const route = routeLabel(pathname);
      log({
        level: 'info',
        msg: 'answered',
        requestId,
        method: request.method,
        route,
        path: pathname,
        status: response.statusCode,
        ms,
        ...(seen.actor ? { actor: seen.actor } : {}),
      });
      metrics.observe(request.method ?? '?', route, response.statusCode, ms / 1000);
      span?.updateName(`${request.method ?? '?'} ${route}`);
      span?.setAttributes({
        'http.request.method': request.method ?? '?',
        'http.route': route,
        'http.response.status_code': response.statusCode,
        'sscard.request_id': requestId,
      });
      if (response.statusCode >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
    }
  }

  /** The route template a path matched, so a metric has one series per route, not per application. */
  function routeLabel(pathname: string): string {
    for (const area of ['/console', '/docs', '/codec'])
      if (pathname === area || pathname.startsWith(`${area}/`)) return area;
    if (pathname === '/') return '/';
    const match = router.match('GET', pathname);
    if (match.kind === 'route') return match.route.path;
    const other = match.kind === 'wrong_method' ? router.match(match.allowed[0]!, pathname) : match;
    return other.kind === 'route' ? other.route.path : 'unmatched';
  }

  const server = http.createServer(limits.serverOptions(), (request, response) => {
    const tracer = config.tracer;
    if (!tracer) return void handle(request, response);
    // The request's span is active while it is handled: the workflow calls it makes are its children.
    void tracer.startActiveSpan(`${request.method ?? '?'}`, { kind: SpanKind.SERVER }, (span) =>
      handle(request, response, span).finally(() => span.end()),
    );
  });
  limits.apply(server);

  return {
    server,
    routes,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          resolve(
            `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
          );
        });
      }),
    // Stops taking requests, lets the ones in flight finish (for at most `drainMs`), then closes what is left.
    close: (drainMs = DRAIN_MS) =>
      new Promise((resolve, reject) => {
        const cutOff = setTimeout(() => server.closeAllConnections(), drainMs);
        server.close((error) => {
          clearTimeout(cutOff);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
