// Turning what goes wrong in an activity into Temporal failures with codes from the catalogue.
import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_CATALOGUE, type ErrorCode, SscardError } from '../domain/errors';
import { PartnerRejectedError, PartnerUnavailableError } from '../integrations/ports';

/** A fact no retry will change. */
export function fatal(code: ErrorCode, message: string = ERROR_CATALOGUE[code].title): never {
  throw ApplicationFailure.nonRetryable(message, code);
}

/**
 * Calls an outside party. Its outages become retryable failures with a stable code, retried with the activity's
 * backoff. A refusal of the request itself (PARTNER_REJECTED) would meet the same refusal on a quick retry, but
 * failing the step would close the person's application: it is tried again hourly instead, shown as the pending
 * activity's last failure in the Web UI, until the partner or the configuration is put right, and the deadline's
 * escalation tells a supervisor meanwhile.
 */
export async function callPartner<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PartnerUnavailableError)
      throw ApplicationFailure.retryable(error.message, 'PARTNER_UNAVAILABLE');
    if (error instanceof PartnerRejectedError)
      throw ApplicationFailure.create({
        type: 'PARTNER_REJECTED',
        message: error.message,
        nextRetryDelay: '1 hour',
      });
    throw error;
  }
}

/**
 * A domain refusal raised inside an activity (an SscardError: a policy not in effect yet, a calendar year that
 * is invalid...) is a fact no retry will change: it leaves the activity as a non-retryable failure carrying its
 * code, so the workflow can close with a reason a person can act on instead of retrying forever.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any activity signature
export function refusalsAreFinal<T extends Record<string, (...args: any[]) => Promise<unknown>>>(
  activities: T,
): T {
  const wrapped = Object.entries(activities).map(([name, activity]) => [
    name,
    async (...args: unknown[]) => {
      try {
        return await activity(...args);
      } catch (error) {
        if (error instanceof SscardError) fatal(error.code, error.message);
        throw error;
      }
    },
  ]);
  return Object.fromEntries(wrapped) as T;
}
