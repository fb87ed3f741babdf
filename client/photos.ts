// Applicants' photos through the client library: a unit uploads the JPEG for a person, checked against the card
// photo specification of the unit's region (sharp reads it; nothing here parses JPEG by hand) and kept encrypted;
// operators see it; the manufacturer fetches it by the short-lived signed link of its print order.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Actor } from '../domain/actors';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { selectPolicy } from '../domain/deadline-policy';
import { SscardError } from '../domain/errors';
import {
  NATIONAL_PHOTO_SPEC,
  type PhotoFacts,
  photoIdSchema,
  photoProblems,
  photoUploadSchema,
} from '../domain/photos';
import { open, seal } from '../crypto/aead';
import { personKey } from '../crypto/person-key';
import { openPhotoLink } from '../crypto/photo-link';
import type { PhotosPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { parseOrThrow } from './errors';

export interface StoredPhoto {
  photoId: string;
  width: number;
  height: number;
  bytes: number;
}

/** What sharp reads of the file: undefined when it is no image at all. */
async function factsOf(file: Buffer): Promise<PhotoFacts | undefined> {
  try {
    const meta = await sharp(file).metadata();
    return {
      format: meta.format ?? 'unknown',
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      channels: meta.channels ?? 0,
      bitsPerChannel: meta.depth === 'uchar' ? 8 : meta.depth === 'ushort' ? 16 : 0,
      bytes: file.length,
    };
  } catch {
    return undefined;
  }
}

export function createPhotoClient({ stores, keyring }: ClientDeps<PhotosPort>) {
  /**
   * Checks a person's photo against the specification of the region and keeps it, encrypted. Callers have checked
   * who uploads it (a unit's clerk, or the online channel for a person's own application).
   */
  async function keep(
    input: { unitId: string; residentId: string; jpegBase64: string; region: string },
    by: Actor,
  ): Promise<StoredPhoto> {
    const file = Buffer.from(input.jpegBase64, 'base64');
    const facts = await factsOf(file);
    // sharp also reads a truncated JPEG's header: decoding it whole is what proves it printable.
    const decodes =
      facts &&
      (await sharp(file)
        .raw()
        .toBuffer()
        .then(
          () => true,
          () => false,
        ));
    if (!facts || !decodes) throw new SscardError('PHOTO_UNREADABLE');
    const policy = selectPolicy(await stores.policies.all(), {
      region: input.region,
      mode: 'sporadic',
      on: shanghaiDate(new Date()),
    });
    const spec = policy.photoSpec ?? NATIONAL_PHOTO_SPEC;
    const problems = photoProblems(facts, spec);
    if (problems.length > 0) {
      throw new SscardError('PHOTO_NOT_TO_SPEC', problems.map((p) => p.message).join('; '), {
        problems,
        spec,
      });
    }
    const photoId = `P${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const { keyId, sealed } = seal(keyring, file);
    await stores.photos.add({
      _id: photoId,
      personKey: personKey(input.residentId, keyring.personKeySecret),
      unitId: input.unitId,
      keyId,
      sealed,
      width: facts.width,
      height: facts.height,
      bytes: facts.bytes,
      uploadedBy: by,
      uploadedAt: new Date(),
    });
    return { photoId, width: facts.width, height: facts.height, bytes: facts.bytes };
  }

  return {
    /** Checks a person's photo against the specification of the unit's region and keeps it, encrypted. */
    async upload(body: unknown, actor: Actor): Promise<StoredPhoto> {
      const input = parseOrThrow(photoUploadSchema, body);
      authorize(actor, 'submit', { unitId: input.unitId });
      const unit = await stores.units.get(input.unitId);
      if (!unit) throw new SscardError('UNIT_UNKNOWN');
      return keep({ ...input, region: unit.region }, actor);
    },

    keep,

    /** The JPEG, for the center's operators (the console shows it to them only). */
    async read(photoId: string, actor: Actor): Promise<Buffer> {
      authorize(actor, 'see_photos');
      const doc = photoIdSchema.safeParse(photoId).success ? await stores.photos.get(photoId) : null;
      if (!doc) throw new SscardError('PHOTO_NOT_FOUND');
      return open(keyring, doc.keyId, doc.sealed);
    },

    /** The JPEG, for the manufacturer holding its print order's link while it works. */
    async readForManufacturer(token: string): Promise<Buffer> {
      const photoId = openPhotoLink(token, keyring.personKeySecret, new Date());
      const doc = photoId ? await stores.photos.get(photoId) : null;
      if (!doc) throw new SscardError('PHOTO_LINK_INVALID');
      return open(keyring, doc.keyId, doc.sealed);
    },
  };
}
