// One call of the partner contract over HTTP. Retries are Temporal's (the activity's retry policy), so a call is
// one attempt with a timeout; what the answer means for a retry is decided here:
// - no answer, a timeout, 408, 429 or a 5xx: the partner is away, PartnerUnavailableError (retried);
// - any other 4xx, or an answer that breaks the contract: PartnerRejectedError (not retried: the same request
//   would meet the same refusal, and a person has to look at it), or the port's own error for a code the adapter
//   knows (a printer's jam), so that what the partner said survives the wire.
import type { z } from 'zod';
import { PartnerRejectedError, PartnerUnavailableError } from '../ports';
import { CONTRACT, operationsOf, PARTNER_ERROR, partnerErrorSchema, type PartnerName } from './contract';

export interface PartnerEndpoint {
  /** Base URL of the partner's service, e.g. https://bank.example/sscard. */
  url: string;
  /** Sent as `Authorization: Bearer <token>`, when the partner issues one. */
  token?: string;
  /** How long one attempt may take before it counts as unanswered. */
  timeoutMs: number;
}

type Operations<P extends PartnerName> = (typeof CONTRACT)[P]['operations'];
type RequestOf<Op> = Op extends { request: infer R extends z.ZodType } ? z.input<R> : never;
type ResponseOf<Op> = Op extends { response: infer R extends z.ZodType } ? z.output<R> : never;

/** The port's own error for each refusal code an adapter knows. */
export type KnownRefusals = Record<string, () => PartnerRejectedError>;

export function partnerTransport<P extends PartnerName>(
  partner: P,
  endpoint: PartnerEndpoint,
  known: KnownRefusals = {},
) {
  const party = CONTRACT[partner].title;
  const base = endpoint.url.replace(/\/+$/, '');
  return async function call<O extends keyof Operations<P> & string>(
    operation: O,
    body: RequestOf<Operations<P>[O]>,
    idempotencyKey: string,
  ): Promise<ResponseOf<Operations<P>[O]>> {
    const spec = operationsOf(partner)[operation]!;
    let response: Response;
    try {
      response = await fetch(`${base}${spec.path}`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': idempotencyKey,
          ...(endpoint.token ? { Authorization: `Bearer ${endpoint.token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(endpoint.timeoutMs),
      });
    } catch (error) {
      const why =
        (error as Error).name === 'TimeoutError' ? `no answer in ${endpoint.timeoutMs} ms` : 'unreachable';
      throw new PartnerUnavailableError(party, `${party} ${operation}: ${why}`);
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      const parsed = spec.response.safeParse(safeJson(text));
      if (parsed.success) return parsed.data as ResponseOf<Operations<P>[O]>;
      throw new PartnerRejectedError(party, `${party} ${operation}: the answer breaks the contract`);
    }
    // The partner's own words are not logged: they may quote the request. Its code is.
    const code = partnerErrorSchema.safeParse(safeJson(text)).data?.code ?? PARTNER_ERROR.invalid;
    const status = response.status;
    if (status === 408 || status === 429 || status >= 500)
      throw new PartnerUnavailableError(party, `${party} ${operation}: HTTP ${status} ${code}`);
    if (Object.hasOwn(known, code)) throw known[code]!();
    throw new PartnerRejectedError(party, `${party} ${operation}: refused, HTTP ${status} ${code}`);
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
