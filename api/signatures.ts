// Partner callbacks are signed: HMAC-SHA256 under the partner's secret over "<unix seconds>.<raw body>", sent
// as X-Sscard-Partner, X-Sscard-Timestamp and X-Sscard-Signature: sha256=<hex>. A callback older (or newer)
// than 5 minutes is stale; one whose signature was seen before is a replay.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type Actor, PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const PARTNER_HEADER = 'x-sscard-partner';
export const TIMESTAMP_HEADER = 'x-sscard-timestamp';
export const SIGNATURE_HEADER = 'x-sscard-signature';

const hmac = (secret: string, timestamp: string, body: Buffer | string): string =>
  createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The headers a partner sends with a callback (used by tests, simulators and partners' integration kits). */
export function signCallback(
  partner: string,
  secret: string,
  body: Buffer | string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    'X-Sscard-Partner': partner,
    'X-Sscard-Timestamp': timestamp,
    'X-Sscard-Signature': `sha256=${hmac(secret, timestamp, body)}`,
  };
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;

const invalid = (why: string) => new SscardError('SIGNATURE_INVALID', `the callback is refused: ${why}`);

/** The partner who signed the body, and the signature (to refuse a replay); throws SIGNATURE_* otherwise. */
export function verifyCallback(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  secrets: Readonly<Record<string, string>>,
  now: Date = new Date(),
): { partner: Actor; signature: string } {
  const partnerId = single(headers[PARTNER_HEADER]);
  const timestamp = single(headers[TIMESTAMP_HEADER]);
  const signature = single(headers[SIGNATURE_HEADER]);
  if (!partnerId || !timestamp || !signature) throw invalid('it is not signed');
  const secret = Object.hasOwn(secrets, partnerId) ? secrets[partnerId] : undefined;
  if (!secret) throw invalid('the partner is not known');
  if (!/^\d{1,12}$/.test(timestamp)) throw invalid('the timestamp is not unix seconds');
  const sent = /^sha256=([0-9a-f]{64})$/i.exec(signature)?.[1]?.toLowerCase();
  if (!sent) throw invalid('the signature is not "sha256=<hex>"');
  const expected = hmac(secret, timestamp, rawBody);
  if (!timingSafeEqual(Buffer.from(sent, 'hex'), Buffer.from(expected, 'hex')))
    throw invalid('the signature does not match the body');
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS)
    throw new SscardError('SIGNATURE_STALE');
  const known = Object.values(PARTNER_ACCOUNTS).find((account) => account.id === partnerId);
  return { partner: known ?? { role: 'partner', id: partnerId }, signature: expected };
}
