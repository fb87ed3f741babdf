// An applicant's photo, sealed under the key ring (store/photos.ts keeps them).
import type { Actor } from '../actors';

export interface PhotoDoc {
  _id: string;
  personKey: string;
  unitId: string;
  keyId: string;
  /** The JPEG, sealed (crypto/aead.ts). */
  sealed: Uint8Array;
  width: number;
  height: number;
  bytes: number;
  uploadedBy: Actor;
  uploadedAt: Date;
}
