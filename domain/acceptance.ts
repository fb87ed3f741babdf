// What acceptance establishes for the rest of the application: the deadline policy that applies to it.
import type { ErrorCode } from './errors';

export interface AcceptancePolicy {
  policyId: string;
  workingDays: number;
  warnWorkingDaysBefore: number;
  pauseWhileReturned: boolean;
  returnExpiryWorkingDays: number;
}

export type AcceptanceResult =
  { accepted: true; policy: AcceptancePolicy } | { accepted: false; code: ErrorCode; message: string };
