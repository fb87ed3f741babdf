// Secrets as one parsed object: the person-key secret and the payload encryption keys (newest first, so older
// keys keep decrypting history written before a rotation).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface Keyring {
  personKeySecret: Buffer;
  /** Key used for new payloads. */
  activeCodecKeyId: string;
  codecKeys: ReadonlyMap<string, Buffer>;
}

const key32 = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((buffer) => buffer.length === 32, 'must be 32 bytes, base64-encoded');

/** `id:base64,id:base64`, the first one active. */
export const codecKeysSchema = z
  .string()
  .min(1)
  .transform((value, ctx) => {
    const entries: [string, Buffer][] = [];
    for (const part of value.split(',')) {
      const [id, material] = part.split(':');
      const parsed = key32.safeParse(material ?? '');
      if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || !parsed.success) {
        ctx.addIssue({ code: 'custom', message: `key "${id ?? ''}" must look like id:<32 bytes in base64>` });
        return z.NEVER;
      }
      entries.push([id, parsed.data]);
    }
    return entries;
  });

export const personKeySecretSchema = key32;

export function keyringFrom(personKeySecret: Buffer, codecKeys: [string, Buffer][]): Keyring {
  const [active] = codecKeys;
  if (!active) throw new Error('at least one codec key is required');
  return { personKeySecret, activeCodecKeyId: active[0], codecKeys: new Map(codecKeys) };
}

/** Fresh random secrets: for a new local stack (persisted under .data/) and for tests. */
export function generateKeyring(keyId = 'k1'): Keyring {
  return keyringFrom(randomBytes(32), [[keyId, randomBytes(32)]]);
}

export function serializeKeyring(keyring: Keyring): { SSCARD_PERSON_KEY: string; SSCARD_CODEC_KEYS: string } {
  return {
    SSCARD_PERSON_KEY: keyring.personKeySecret.toString('base64'),
    SSCARD_CODEC_KEYS: [...keyring.codecKeys]
      .sort(([a], [b]) => (a === keyring.activeCodecKeyId ? -1 : b === keyring.activeCodecKeyId ? 1 : 0))
      .map(([id, key]) => `${id}:${key.toString('base64')}`)
      .join(','),
  };
}
