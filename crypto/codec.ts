// Payload codec: every payload sscard sends to Temporal (inputs, results, signals, updates) is encrypted with
// AES-256-GCM before it leaves the process, so Temporal's history holds no readable personal data. The key ID
// travels in the payload metadata, which is what makes key rotation possible. A worker takes in only what is
// encrypted: there a plain payload decodes to a marker that the workflows refuse (domain/payloads.ts).
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { NOT_ENCRYPTED_MARKER } from '../domain/payloads';
import { open, seal } from './aead';
import type { Keyring } from './keyring';

const ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';

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
    return Promise.resolve(
      payloads.map((payload) => {
        const { keyId, sealed } = seal(this.keyring, temporal.api.common.v1.Payload.encode(payload).finish());
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
        return temporal.api.common.v1.Payload.decode(
          open(this.keyring, keyId, payload.data ?? new Uint8Array()),
        );
      }),
    );
  }
}
