// Turning what goes wrong in an activity into Temporal failures with codes from the catalogue.
import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_CATALOGUE, type ErrorCode, SscardError } from '../domain/errors';
import { PartnerUnavailableError } from '../integrations/ports';

/** A fact no retry will change. */
export function fatal(code: ErrorCode, message: string = ERROR_CATALOGUE[code].title): never {
  throw ApplicationFailure.nonRetryable(message, code);
}

/** Calls an outside party; its outages become retryable failures with a stable code. */
export async function callPartner<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof PartnerUnavailableError)
      throw ApplicationFailure.retryable(error.message, 'PARTNER_UNAVAILABLE');
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
