// The link of an issuance SMS ("where is my card?"): the application ID and the link's last day, sealed
// (crypto/sealed-token.ts) under the person-key secret, which the workers (that send the SMS) and the API (that opens
// the link) both hold. Nothing is stored.
import { openToken, sealToken } from './sealed-token';

/** How long the link works: the person collects the card within weeks. */
export const TRACKING_LINK_DAYS = 90;
const DAY_MS = 86_400_000;

/** `<applicationId>.<last day, days since 1970>.<mac>`, URL-safe. */
export function sealTrackingLink(applicationId: string, from: Date, secret: Buffer): string {
  const lastDay = Math.floor(from.getTime() / DAY_MS) + TRACKING_LINK_DAYS;
  return sealToken('tracking-link', applicationId, lastDay, secret);
}

/** The application a link names, or null when it was altered, made up, or is past its last day. */
export function openTrackingLink(token: string, secret: Buffer, now: Date): string | null {
  return openToken(
    'tracking-link',
    token,
    secret,
    Math.floor(now.getTime() / DAY_MS),
    /^A[0-9A-Za-z_-]{6,64}$/,
  );
}
