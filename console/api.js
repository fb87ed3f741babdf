// The sscard API, same origin: the token of this tab, an Idempotency-Key on every creating request, and the
// API's error envelope as ApiError. JSON answers come back parsed, others (a CSV export) as text.
import { showError, uuid } from './dom.js';
import { t } from './i18n.js';

const TOKEN_KEY = 'sscard.token';

/** Who is signed in (GET /v1/me). */
export const session = { actor: null };
export const role = () => (session.actor ? session.actor.role : '');
export const isStaff = () => role() === 'operator' || role() === 'supervisor';

export const savedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const saveToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
export const forgetToken = () => sessionStorage.removeItem(TOKEN_KEY);

let onUnauthenticated = () => undefined;
/** What happens when the API no longer accepts the token. */
export function whenUnauthenticated(fn) {
  onUnauthenticated = fn;
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * The pauses before a call is sent again (who retries what: docs/retries.md) while the API answers 503 (a worker or Temporal restarting) or 409
 * IDEMPOTENCY_IN_FLIGHT: reads, and requests with their Idempotency-Key, which the API answers once however often
 * they come (an action taken meanwhile gets its first answer). As the command line does (cli/http.ts).
 */
const RETRY_PAUSES_MS = [1000, 2000, 4000, 8000];

export async function api(method, path, body) {
  const headers = { accept: 'application/json', authorization: `Bearer ${savedToken()}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' || method === 'PUT') headers['idempotency-key'] = uuid();
  for (let attempt = 0; ; attempt++) {
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(
        0,
        'NETWORK',
        t('The server cannot be reached. Check the connection and try again.'),
      );
    }
    const type = response.headers.get('content-type') || '';
    if (response.ok && type.startsWith('image/')) return response.blob();
    if (response.ok && !type.startsWith('application/json')) return response.text();
    const data = await response.json().catch(() => undefined);
    if (response.ok) return data;
    const error = (data && data.error) || {};
    const code = error.code || `HTTP_${response.status}`;
    const busy = response.status === 503 || (response.status === 409 && code === 'IDEMPOTENCY_IN_FLIGHT');
    if (busy && attempt < RETRY_PAUSES_MS.length) {
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSES_MS[attempt]));
      continue;
    }
    if (response.status === 401) onUnauthenticated();
    throw new ApiError(response.status, code, error.message || response.statusText);
  }
}

/** Runs a call, showing its error (if any) instead of throwing; undefined when it failed. */
export async function attempt(fn) {
  try {
    return await fn();
  } catch (error) {
    showError(error);
    return undefined;
  }
}
