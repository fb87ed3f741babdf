// Payload codec: every payload sscard sends to Temporal (inputs, results, signals, updates) is encrypted with
// AES-256-GCM before it leaves the process, so Temporal's history holds no readable personal data. The key ID
// travels in the payload metadata, which is what makes key rotation possible. A worker takes in only what is
// encrypted: there a plain payload decodes to a marker that the workflows refuse (domain/payloads.ts).
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SscardError } from '../domain/errors';
import { NOT_ENCRYPTED_MARKER } from '../domain/payloads';
import type { Keyring } from './keyring';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A plain payload is never taken as it is: see domain/payloads.ts. */
const NOT_ENCRYPTED_PAYLOAD: Payload = {
  metadata: { [METADATA_ENCODING_KEY]: encoder.encode('json/plain') },
  data: encoder.encode(JSON.stringify({ [NOT_ENCRYPTED_MARKER]: true })),
};

export class EncryptionCodec implements PayloadCodec {
  /** `refusePlain`: the workers' side, where a plain payload is a request that did not come through sscard. */
  constructor(
    private readonly keyring: Keyring,
    private readonly options: { refusePlain?: boolean } = {},
  ) {}

  encode(payloads: Payload[]): Promise<Payload[]> {
    const keyId = this.keyring.activeCodecKeyId;
    const key = this.keyring.codecKeys.get(keyId)!;
    return Promise.resolve(
      payloads.map((payload) => {
        const plain = temporal.api.common.v1.Payload.encode(payload).finish();
        const iv = randomBytes(IV_BYTES);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
        return {
          metadata: { [METADATA_ENCODING_KEY]: encoder.encode(ENCODING), [KEY_ID]: encoder.encode(keyId) },
          data: sealed,
        };
      }),
    );
  }

  decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.resolve(
      payloads.map((payload) => {
        const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
        if (!encoding || decoder.decode(encoding) !== ENCODING)
          return this.options.refusePlain ? NOT_ENCRYPTED_PAYLOAD : payload;
        const keyIdBytes = payload.metadata?.[KEY_ID];
        const keyId = keyIdBytes ? decoder.decode(keyIdBytes) : '';
        const key = this.keyring.codecKeys.get(keyId);
        if (!key) {
          throw new SscardError(
            'CODEC_KEY_UNKNOWN',
            `payload encrypted with unknown key "${keyId.slice(0, 64)}": add it to SSCARD_CODEC_KEYS`,
          );
        }
        const data = Buffer.from(payload.data ?? []);
        if (data.length < IV_BYTES + TAG_BYTES) throw new SscardError('PAYLOAD_TAMPERED');
        let plain: Buffer;
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
          decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
          plain = Buffer.concat([
            decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
            decipher.final(),
          ]);
        } catch {
          // GCM's tag check is the only way this fails: the ciphertext, IV or tag is not what was sealed.
          throw new SscardError('PAYLOAD_TAMPERED');
        }
        return temporal.api.common.v1.Payload.decode(plain);
      }),
    );
  }
}
