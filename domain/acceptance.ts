// What acceptance establishes for the rest of the application: the deadline policy that applies to it.
import type { ErrorCode } from './errors';

export interface AcceptancePolicy {
  policyId: string;
  workingDays: number;
  warnWorkingDaysBefore: number;
  pauseWhileReturned: boolean;
  returnExpiryWorkingDays: number;
  /** Set (0.5.0 on) when a replacement must be compared again although nothing changed. */
  replacementRepeatsComparison?: boolean;
  /** The instant lane's target and budgets (domain/deadline-policy.ts), for an instant application. */
  instant?: { targetMinutes: number; checkSeconds: number; printSeconds: number };
  /** The online lane's return counter and how long a delivery code holds (domain/online.ts). */
  online?: { returnCounterId: string; codeValidDays: number };
}

export type AcceptanceResult =
  { accepted: true; policy: AcceptancePolicy } | { accepted: false; code: ErrorCode; message: string };
