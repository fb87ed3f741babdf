// Applicants' photos, encrypted under the key ring (crypto/aead.ts): personal data that never enters a workflow
// payload. A photo belongs to the person it was uploaded for (by person key); written once, never changed.
import { Binary, type Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import { byId } from './mongo';

export interface PhotoDoc {
  _id: string;
  personKey: string;
  unitId: string;
  keyId: string;
  sealed: Binary;
  width: number;
  height: number;
  bytes: number;
  uploadedBy: Actor;
  uploadedAt: Date;
}

export function createPhotoStore(db: Db) {
  const photos = db.collection<PhotoDoc>('photos');
  return {
    add: async (doc: Omit<PhotoDoc, 'sealed'> & { sealed: Buffer }): Promise<void> => {
      await photos.insertOne({ ...doc, sealed: new Binary(doc.sealed) });
    },
    get: (photoId: string) => photos.findOne(byId(photoId)),
    /** Whose photo it is, without its bytes (the audit's check). */
    ownerOf: async (photoId: string): Promise<string | undefined> =>
      (await photos.findOne(byId(photoId), { projection: { personKey: 1 } }))?.personKey,
  };
}
export type PhotoStore = ReturnType<typeof createPhotoStore>;
