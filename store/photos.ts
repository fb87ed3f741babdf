// Applicants' photos, encrypted under the key ring (crypto/aead.ts): personal data that never enters a workflow
// payload. A photo belongs to the person it was uploaded for (by person key); written once, never changed.
import { Binary, type Db } from 'mongodb';
import type { PhotoDoc } from '../domain/documents/photos';
import { byId } from './mongo';
import type { PhotoStore } from './ports/applications';

/** As stored: the sealed bytes as BSON binary. */
type StoredPhotoDoc = Omit<PhotoDoc, 'sealed'> & { sealed: Binary };

export function createPhotoStore(db: Db): PhotoStore {
  const photos = db.collection<StoredPhotoDoc>('photos');
  return {
    add: async (doc: PhotoDoc): Promise<void> => {
      await photos.insertOne({ ...doc, sealed: new Binary(doc.sealed) });
    },
    get: async (photoId: string): Promise<PhotoDoc | null> => {
      const doc = await photos.findOne(byId(photoId));
      return doc && { ...doc, sealed: doc.sealed.buffer };
    },
    /** Whose photo it is, without its bytes (the audit's check). */
    ownerOf: async (photoId: string): Promise<string | undefined> =>
      (await photos.findOne(byId(photoId), { projection: { personKey: 1 } }))?.personKey,
  };
}
