// The HTTP edge itself: reading a bounded body, parsing JSON strictly, writing JSON answers and errors in the
// one envelope every client sees: { "error": { "code", "message", "details"? } }.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ERROR_CATALOGUE, SscardError } from '../domain/errors';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Past the limit the rest of a body is read and dropped, up to this much, so the client hears the 413. */
const DRAIN_CAP = 64 * 1024 * 1024;

/** JSON nested deeper than this is refused: no request sscard understands comes close. */
const MAX_DEPTH = 32;

export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let tooLarge = Number(request.headers['content-length'] ?? 0) > limit;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
      else if (received > DRAIN_CAP) request.destroy();
    });
    request.on('end', () =>
      tooLarge
        ? reject(new SscardError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`))
        : resolve(Buffer.concat(chunks)),
    );
    // The client went away mid-body (or was cut off while draining): nobody waits for an answer any more, and
    // it is no failure of sscard's.
    const cut = () =>
      reject(
        tooLarge
          ? new SscardError('PAYLOAD_TOO_LARGE', `the body is larger than ${limit} bytes`)
          : new SscardError('BODY_INCOMPLETE'),
      );
    request.on('error', cut);
    request.on('close', cut);
  });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function isJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  if (!type || !(type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type))) return false;
  const charset = params.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  return charset === undefined || charset === 'utf-8' || charset === '"utf-8"';
}

/**
 * What makes a parsed body unfit to pass on, if anything: nesting deeper than any sscard request, numbers beyond
 * a double, or field names a MongoDB-protocol server refuses to store ($-prefixed, dotted, NUL), which no sscard
 * request has either.
 */
function shapeProblem(value: unknown): string | undefined {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current === 'number' && !Number.isFinite(current)) return 'a number is too large';
    if (current === null || typeof current !== 'object') continue;
    if (depth > MAX_DEPTH) return `the body is nested deeper than ${MAX_DEPTH} levels`;
    for (const [name, child] of Object.entries(current)) {
      if (!Array.isArray(current) && (name.startsWith('$') || name.includes('.') || name.includes('\0')))
        return `field names may not start with "$" or contain "." or NUL`;
      stack.push([child, depth + 1]);
    }
  }
  return undefined;
}

/** The parsed body; undefined when there is none. Anything that is not plain UTF-8 JSON is refused. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!isJsonType(contentType)) throw new SscardError('UNSUPPORTED_MEDIA_TYPE');
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(raw));
  } catch {
    // The parser's own message quotes the body, which may hold personal data: it is not passed on.
    throw new SscardError('INVALID_JSON');
  }
  const problem = shapeProblem(value);
  if (problem) throw new SscardError('VALIDATION_FAILED', problem);
  return value;
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export function errorBody(error: SscardError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details !== undefined ? { details: error.details } : {}),
    },
  };
}

export const statusOf = (error: SscardError): number => ERROR_CATALOGUE[error.code].status;

export function sendText(
  response: ServerResponse,
  status: number,
  text: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const data = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': String(Buffer.byteLength(data)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  response.end(response.req.method === 'HEAD' ? undefined : data);
}
