// Turning what goes wrong in an activity into Temporal failures with codes from the catalogue.
import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_CATALOGUE, type ErrorCode } from '../domain/errors';
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
