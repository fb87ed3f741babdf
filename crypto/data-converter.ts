// The data converter every sscard client and worker uses: JSON payloads, encrypted by the payload codec.
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import type { Keyring } from './keyring';

/** `worker`: the worker's converter, which refuses plain payloads (crypto/codec.ts). */
export function dataConverterFor(keyring: Keyring, side: 'client' | 'worker' = 'client'): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring, { refusePlain: side === 'worker' })] };
}
