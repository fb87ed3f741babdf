// The link of an issuance SMS ("where is my card?"): the application ID and the link's last day, sealed with an
// HMAC under the person-key secret, which the workers (that send the SMS) and the API (that opens the link)
// both hold. Nothing is stored; a link cannot be made up or altered, and it stops working after its last day.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long the link works: the person collects the card within weeks. */
export const TRACKING_LINK_DAYS = 90;
const DAY_MS = 86_400_000;
const MAC_BYTES = 16;

const mac = (secret: Buffer, payload: string): Buffer =>
  createHmac('sha256', secret).update(`tracking-link:${payload}`).digest().subarray(0, MAC_BYTES);

/** `<applicationId>.<last day, days since 1970>.<mac>`, URL-safe. */
export function sealTrackingLink(applicationId: string, from: Date, secret: Buffer): string {
  const payload = `${applicationId}.${Math.floor(from.getTime() / DAY_MS) + TRACKING_LINK_DAYS}`;
  return `${payload}.${mac(secret, payload).toString('base64url')}`;
}

/** The application a link names, or null when it was altered, made up, or is past its last day. */
export function openTrackingLink(token: string, secret: Buffer, now: Date): string | null {
  const match = /^(A[0-9A-Za-z_-]{6,64})\.(\d{1,6})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const [, applicationId, lastDay, sent] = match as unknown as [string, string, string, string];
  // Compared as text: base64url decoding ignores the spare bits of the last character, so another spelling of
  // the same bytes would pass a comparison of the decoded bytes.
  const expected = Buffer.from(mac(secret, `${applicationId}.${lastDay}`).toString('base64url'));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(lastDay) >= Math.floor(now.getTime() / DAY_MS) ? applicationId : null;
}
