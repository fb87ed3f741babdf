// The code a parcel's recipient signs with (the online lane): derived from the person-key secret and the parcel,
// so every attempt of the dispatch sends the same one, and kept by the parcel only as a hash.
import { createHmac } from 'node:crypto';

/** The code the person signs with: the same on every attempt of the parcel's dispatch, known to no one else. */
export function deliveryCode(secret: Buffer, parcelId: string): string {
  const n = createHmac('sha256', secret).update(`delivery-code:${parcelId}`).digest().readUInt32BE(0);
  return String(n % 1_000_000).padStart(6, '0');
}

/** What the parcel keeps of the code: enough to check the courier's report, not to tell the code. */
export function deliveryCodeHash(secret: Buffer, parcelId: string, code: string): string {
  return createHmac('sha256', secret).update(`delivery-code-hash:${parcelId}:${code}`).digest('base64url');
}
