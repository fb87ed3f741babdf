// How the fault run talks to the API: as a unit's backend or an operator's console would, retrying what failed
// for want of a server (connection refused, 5xx) with the same Idempotency-Key, so a retry is the same request.
import { randomUUID } from 'node:crypto';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

const RETRY_FOR_MS = 180_000;

/** How long each answer took (ms), by request: the API promises one within 15 s whatever fails behind it. */
export const answerTimes: { ms: number; request: string }[] = [];

export function chaosApi(baseUrl: string, token: string) {
  async function once<T>(
    method: string,
    path: string,
    body: unknown,
    key: string | undefined,
  ): Promise<Answer<T>> {
    const started = Date.now();
    const request = `${method} ${path.replace(/A[0-9a-f]{20}/g, ':id')}`;
    const response = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    }).finally(() => answerTimes.push({ ms: Date.now() - started, request }));
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  return {
    /** One logical request: retried with its key until the API answers something other than a server fault. */
    async call<T = unknown>(
      method: string,
      path: string,
      body?: unknown,
      key: string | undefined = method === 'POST' ? randomUUID() : undefined,
    ): Promise<Answer<T>> {
      const deadline = Date.now() + RETRY_FOR_MS;
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await once<T>(method, path, body, key);
          // 409 IDEMPOTENCY_IN_FLIGHT: the first attempt is still being answered.
          const inFlight =
            answer.status === 409 &&
            (answer.body as { error?: { code?: string } } | undefined)?.error?.code ===
              'IDEMPOTENCY_IN_FLIGHT';
          if ((answer.status < 500 && !inFlight) || Date.now() > deadline) return answer;
        } catch (error) {
          if (Date.now() > deadline) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * attempt)));
      }
    },
  };
}
export type ChaosApi = ReturnType<typeof chaosApi>;
