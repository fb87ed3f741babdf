// A person's key: a keyed hash (HMAC-SHA256) of the resident ID number. It names workflows and keys lookups so
// the number itself never becomes an identifier. Without the secret it cannot be reversed by trying all
// numbers (there are only ~10^11 plausible ones, so a plain hash could be).
import { createHmac } from 'node:crypto';

const DOMAIN = 'sscard/person/v1';

export type PersonKey = string;

export function personKey(normalizedResidentId: string, secret: Buffer): PersonKey {
  return createHmac('sha256', secret).update(`${DOMAIN}:${normalizedResidentId}`).digest('hex').slice(0, 32);
}

/** The workflow ID of a person's card application: one in flight per person, enforced by Temporal. */
export function cardWorkflowId(key: PersonKey): string {
  return `card-${key}`;
}
