// The manufacturer's way to fetch a print order's photo: the photo ID and the moment the link stops working,
// sealed (crypto/sealed-token.ts). Short-lived: the factory fetches the photo when it takes the order in.
import { openToken, sealToken } from './sealed-token';

/** How long a print order's photo link works. */
export const PHOTO_LINK_HOURS = 72;

export function sealPhotoLink(photoId: string, from: Date, secret: Buffer): string {
  return sealToken(
    'photo-link',
    photoId,
    Math.floor(from.getTime() / 1000) + PHOTO_LINK_HOURS * 3600,
    secret,
  );
}

export function openPhotoLink(token: string, secret: Buffer, now: Date): string | null {
  return openToken('photo-link', token, secret, Math.floor(now.getTime() / 1000), /^P[0-9a-f]{24}$/);
}
