// Who acts on an application. Actors are named by account IDs, never by a person's name. Plain data and no schema
// (those are in actor-schemas.ts), so that workflows can use it without building schemas.
export const ROLES = ['unit_clerk', 'operator', 'supervisor', 'partner', 'admin', 'system'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  role: Role;
  id: string;
  /** The unit a clerk works for; clerks act only on their own unit's applications. */
  unitId?: string;
}

export const SYSTEM: Actor = { role: 'system', id: 'sscard' };

/** Who files a person's own application made online: the channel, after the person proved who they are. */
export const ONLINE_CHANNEL: Actor = { role: 'system', id: 'online-channel' };

export function isStaff(actor: Actor): boolean {
  return actor.role === 'operator' || actor.role === 'supervisor';
}

/** The partners' accounts. Print orders name their manufacturer by this ID; partners report only on their own. */
export const PARTNER_ACCOUNTS = {
  manufacturer: { role: 'partner', id: 'card-manufacturer' },
  bank: { role: 'partner', id: 'cooperative-bank' },
  population: { role: 'partner', id: 'population-registry' },
  courier: { role: 'partner', id: 'courier' },
  /** The payment provider the card fees are paid through. */
  payment: { role: 'partner', id: 'payment-provider' },
  /** The card-use network: counters' card readers and self-service terminals. */
  terminals: { role: 'partner', id: 'card-terminals' },
} as const satisfies Record<string, Actor>;
