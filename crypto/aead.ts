// AES-256-GCM under the keyring's codec keys, for whatever sscard keeps encrypted: Temporal payloads (codec.ts)
// and the applicants' photos in MongoDB. The key ID travels with the sealed bytes, so a rotated key keeps opening
// what it sealed as long as it stays in SSCARD_CODEC_KEYS.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SscardError } from '../domain/errors';
import type { Keyring } from './keyring';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** IV, ciphertext and tag in one buffer, sealed with the active key. */
export function seal(keyring: Keyring, plain: Uint8Array): { keyId: string; sealed: Buffer } {
  const keyId = keyring.activeCodecKeyId;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyring.codecKeys.get(keyId)!, iv);
  return { keyId, sealed: Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]) };
}

/** The plain bytes; CODEC_KEY_UNKNOWN for a key no longer held, PAYLOAD_TAMPERED when the tag does not match. */
export function open(keyring: Keyring, keyId: string, sealed: Uint8Array): Buffer {
  const key = keyring.codecKeys.get(keyId);
  if (!key) {
    throw new SscardError(
      'CODEC_KEY_UNKNOWN',
      `encrypted with unknown key "${keyId.slice(0, 64)}": add it to SSCARD_CODEC_KEYS`,
    );
  }
  const data = Buffer.from(sealed);
  if (data.length < IV_BYTES + TAG_BYTES) throw new SscardError('PAYLOAD_TAMPERED');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    // GCM's tag check is the only way this fails: the ciphertext, IV or tag is not what was sealed.
    throw new SscardError('PAYLOAD_TAMPERED');
  }
}
