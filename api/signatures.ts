// Partner callbacks follow Standard Webhooks (standardwebhooks.com), signed and checked with its maintained
// library: `webhook-id` (the message's own ID: a resend carries the same one), `webhook-timestamp` (unix seconds,
// at most 5 minutes off) and `webhook-signature` ("v1,<base64 HMAC-SHA256 of id.timestamp.body>", space-separated
// when the sender signs with several secrets). Each partner has one or more active secrets, so a secret is rotated
// without downtime: add the new one, let the partner switch, remove the old. The partner is the one whose secret
// signed: callbacks carry no name to trust.
import type { IncomingHttpHeaders } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { type Actor, PARTNER_ACCOUNTS } from '../domain/actors';
import { SscardError } from '../domain/errors';

export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A partner's active secrets: `whsec_<base64>` as Standard Webhooks writes them, or a raw string of 16+ chars. */
export type PartnerSecrets = Readonly<Record<string, readonly string[]>>;

const webhookOf = (secret: string): Webhook =>
  secret.startsWith('whsec_') ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });

/** The headers a partner sends with a callback (used by tests, simulators and partners' integration kits). */
export function signCallback(
  secret: string,
  body: Buffer | string,
  options: { id?: string; now?: Date } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID()}`;
  const now = options.now ?? new Date();
  // The standard's timestamp is whole seconds; the library signs what it is given, so give it whole seconds.
  const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(at.getTime() / 1000),
    'webhook-signature': webhookOf(secret).sign(id, at, body),
  };
}

const single = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;

const invalid = (why: string) => new SscardError('SIGNATURE_INVALID', `the callback is refused: ${why}`);

const sameText = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The partner who signed the body, and the message's replay key; throws SIGNATURE_* otherwise. The library's own
 * verify() reads the machine's clock; the signature is checked through its sign() instead, so the API's clock
 * (and a test's) decides staleness, and a stale callback is told apart from a forged one.
 */
export function verifyCallback(
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  secrets: PartnerSecrets,
  now: Date = new Date(),
): { partner: Actor; replayKey: string } {
  const id = single(headers['webhook-id']);
  const timestamp = single(headers['webhook-timestamp']);
  const signature = single(headers['webhook-signature']);
  if (!id || !timestamp || !signature)
    throw invalid('it is not signed (webhook-id, webhook-timestamp and webhook-signature are needed)');
  if (id.length > 200) throw invalid('the webhook-id is longer than 200 characters');
  if (!/^\d{1,12}$/.test(timestamp)) throw invalid('the webhook-timestamp is not unix seconds');
  const sent = signature
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice('v1,'.length));
  if (sent.length === 0) throw invalid('the webhook-signature has no "v1,<base64>" signature');
  const at = new Date(Number(timestamp) * 1000);
  const partnerId = Object.entries(secrets).find(([, list]) =>
    list.some((secret) => {
      const expected = webhookOf(secret).sign(id, at, rawBody).slice('v1,'.length);
      return sent.some((s) => sameText(s, expected));
    }),
  )?.[0];
  if (!partnerId) throw invalid("the signature matches no partner's secret (or the body was changed)");
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS)
    throw new SscardError('SIGNATURE_STALE');
  const known = Object.values(PARTNER_ACCOUNTS).find((account) => account.id === partnerId);
  return { partner: known ?? { role: 'partner', id: partnerId }, replayKey: `${partnerId}:${id}` };
}
