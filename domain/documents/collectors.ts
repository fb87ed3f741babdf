// Who collected a card: the person, or an agent with a keyed hash and a mask of their resident ID number
// (store/collectors.ts keeps them).
import type { Actor } from '../actors';

export interface CollectorDoc {
  _id: string;
  applicationId: string;
  name: string;
  relation: string;
  /** The agent's resident ID number: a keyed hash and a mask (first 6 and last 4 characters). */
  agent?: { ridHash: string; ridMask: string };
  registeredBy: Actor;
  at: Date;
}

export const maskResidentId = (residentId: string): string =>
  `${residentId.slice(0, 6)}${'*'.repeat(residentId.length - 10)}${residentId.slice(-4)}`;
