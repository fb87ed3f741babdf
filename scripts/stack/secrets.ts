// The local stack's secrets: generated once into .data/secrets.json and reused, so data encrypted yesterday
// still decrypts today. Production sets SSCARD_PERSON_KEY and SSCARD_CODEC_KEYS instead.
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyring, serializeKeyring } from '../../crypto/keyring';

export function localSecrets(dataDir: string): { SSCARD_PERSON_KEY: string; SSCARD_CODEC_KEYS: string } {
  if (process.env.SSCARD_PERSON_KEY && process.env.SSCARD_CODEC_KEYS) {
    return {
      SSCARD_PERSON_KEY: process.env.SSCARD_PERSON_KEY,
      SSCARD_CODEC_KEYS: process.env.SSCARD_CODEC_KEYS,
    };
  }
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file))
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ReturnType<typeof localSecrets>;
  const secrets = serializeKeyring(generateKeyring());
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
