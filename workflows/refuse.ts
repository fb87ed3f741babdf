// Update validators refuse with a code from the error catalogue, so every caller can tell why.
import { ApplicationFailure } from '@temporalio/workflow';
import { ERROR_CATALOGUE, type ErrorCode } from '../domain/errors';

/** `seen`: the stage the refusal was made on, for a caller to tell a refusal on a stage the workflow is leaving. */
export function refuse(
  code: ErrorCode,
  message: string = ERROR_CATALOGUE[code].title,
  seen?: { stage: string },
): never {
  throw ApplicationFailure.create({
    type: code,
    message,
    nonRetryable: true,
    ...(seen ? { details: [seen] } : {}),
  });
}

/** Parses an update's payload with its zod schema inside the validator: bad input never reaches the state. */
export function parseOrRefuse<T>(
  schema: {
    safeParse(
      input: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map(
      (i) => `${i.path.map(String).join('.') || 'request'}: ${i.message}`,
    );
    refuse('VALIDATION_FAILED', problems.join('; '));
  }
  return result.data;
}
