// The data converter every sscard client and worker uses: JSON payloads, encrypted by the payload codec.
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './codec';
import type { Keyring } from './keyring';

export function dataConverterFor(keyring: Keyring): DataConverter {
  return { payloadCodecs: [new EncryptionCodec(keyring)] };
}
