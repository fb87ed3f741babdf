// Tokens that carry their own proof: a subject (an application ID, a photo ID) and the last moment it is valid,
// sealed with an HMAC under the person-key secret for one purpose. Nothing is stored to check one; a token cannot
// be made up, altered, or used for another purpose, and it stops working after its last moment.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_BYTES = 16;

const macOf = (secret: Buffer, purpose: string, payload: string): string =>
  createHmac('sha256', secret)
    .update(`${purpose}:${payload}`)
    .digest()
    .subarray(0, MAC_BYTES)
    .toString('base64url');

/** `<subject>.<last valid, in the purpose's unit>.<mac>`, URL-safe. */
export function sealToken(purpose: string, subject: string, lastValid: number, secret: Buffer): string {
  const payload = `${subject}.${lastValid}`;
  return `${payload}.${macOf(secret, purpose, payload)}`;
}

/** The subject of a token sealed for `purpose`, or null when it was altered, made up, or is past `now`. */
export function openToken(
  purpose: string,
  token: string,
  secret: Buffer,
  now: number,
  subjectPattern: RegExp,
): string | null {
  const match = /^([A-Za-z0-9_-]{1,80})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!match) return null;
  const [, subject, lastValid, sent] = match as unknown as [string, string, string, string];
  if (!subjectPattern.test(subject)) return null;
  // Compared as text: base64url decoding ignores the spare bits of the last character, so another spelling of
  // the same bytes would pass a comparison of the decoded bytes.
  const expected = Buffer.from(macOf(secret, purpose, `${subject}.${lastValid}`));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(lastValid) >= now ? subject : null;
}
