// The command line's HTTP client of the sscard API: bearer token, JSON in and out, one Idempotency-Key per
// creating request or action (reused when the call is sent again), and the API's errors as ApiError.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { t } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached at all. */
export class UnreachableError extends Error {}

export interface RequestOptions {
  body?: unknown;
  /** Send an Idempotency-Key header (every creating POST/PUT of the API wants one). */
  idempotent?: boolean;
  /** Called as the request body is written, with bytes sent so far and the total. */
  onUpload?: (sent: number, total: number) => void;
}

export interface Api {
  baseUrl: string;
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
}

/** An API path with the query parameters that have a value, in their order; the path alone when none has. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams(
    Object.entries(query).flatMap(([name, value]): [string, string][] =>
      value ? [[name, String(value)]] : [],
    ),
  ).toString();
  return search ? `${path}?${search}` : path;
}

const CHUNK = 64 * 1024;

/**
 * The pauses before sending a call again (who retries what: docs/retries.md) while the API answers 503 (a worker or Temporal restarting) or 409
 * IDEMPOTENCY_IN_FLIGHT (the first attempt is still running): only reads, and calls with an Idempotency-Key, which
 * the API answers once whatever the number of attempts (an action taken meanwhile gets its first answer).
 */
export const RETRY_PAUSES_MS = [1000, 2000, 4000, 8000];

function retryable(status: number, code: string): boolean {
  return status === 503 || (status === 409 && code === 'IDEMPOTENCY_IN_FLIGHT');
}

export function createApi(baseUrl: string, token: string | undefined): Api {
  const base = baseUrl.replace(/\/+$/, '');

  function send(
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: Buffer | undefined,
    onUpload?: (sent: number, total: number) => void,
  ): Promise<{ status: number; text: string }> {
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = transport.request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      });
      req.on('error', reject);
      if (!body) {
        req.end();
        return;
      }
      // Written in chunks, each after the previous one left, so the progress callback follows the upload.
      let sent = 0;
      const writeNext = (): void => {
        if (sent >= body.length) {
          req.end();
          return;
        }
        const chunk = body.subarray(sent, sent + CHUNK);
        req.write(chunk, (error) => {
          if (error) return;
          sent += chunk.length;
          onUpload?.(sent, body.length);
          writeNext();
        });
      };
      writeNext();
    });
  }

  return {
    baseUrl: base,
    async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
      const url = new URL(base + path);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      let body: Buffer | undefined;
      if (options.body !== undefined) {
        body = Buffer.from(JSON.stringify(options.body), 'utf8');
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(body.length);
      }
      if (options.idempotent) headers['idempotency-key'] = randomUUID();
      const mayRepeat = method === 'GET' || options.idempotent === true;
      for (let attempt = 0; ; attempt++) {
        let response: { status: number; text: string };
        try {
          response = await send(method, url, headers, body, options.onUpload);
        } catch (error) {
          const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
          throw new UnreachableError(t('cannot reach the sscard API at {base} ({reason})', { base, reason }));
        }
        let parsed: unknown;
        try {
          parsed = response.text ? JSON.parse(response.text) : undefined;
        } catch {
          parsed = undefined;
        }
        if (response.status >= 200 && response.status < 300) return parsed as T;
        const error = (
          parsed as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined
        )?.error;
        const code = typeof error?.code === 'string' ? error.code : `HTTP_${response.status}`;
        const pause = RETRY_PAUSES_MS[attempt];
        if (mayRepeat && pause !== undefined && retryable(response.status, code)) {
          await new Promise((resolve) => setTimeout(resolve, pause));
          continue;
        }
        throw new ApiError(
          response.status,
          code,
          typeof error?.message === 'string' ? error.message : response.text.slice(0, 200) || 'no message',
          error?.details,
        );
      }
    },
  };
}
