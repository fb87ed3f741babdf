// The refusals at the HTTP edge, part of the one catalogue (./errors.ts): who is calling (keys), what the request
// is (route, method, JSON, size, rate), idempotency keys, and partner callbacks' Standard Webhooks signatures.
import type { ErrorSpec } from './errors';

export const HTTP_ERRORS = {
  UNAUTHENTICATED: {
    status: 401,
    title: 'No valid API key was presented',
    action: 'Send the header "Authorization: Bearer <token>" with a key an administrator issued to you.',
  },
  KEY_NOT_FOUND: {
    status: 404,
    title: 'No such API key',
    action: 'Check the key ID in the list of keys.',
  },
  ACCOUNT_IN_OTHER_UNIT: {
    status: 409,
    title: 'This account already holds a key for another unit or role',
    action: 'Give the clerk of the other unit an account ID of their own, or revoke the old key first.',
  },
  NOT_FOUND: {
    status: 404,
    title: 'No such resource',
    action: 'Check the path against the API description at /openapi.json.',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'The resource does not support this method',
    action: 'Use one of the methods in the Allow header.',
  },
  INVALID_JSON: {
    status: 400,
    title: 'The request body is not valid JSON',
    action: 'Send a JSON document encoded in UTF-8.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'The request body is not JSON',
    action: 'Send the body with "Content-Type: application/json".',
  },
  RATE_LIMITED: {
    status: 429,
    title: 'Too many requests from this caller',
    action: 'Wait the seconds given in Retry-After, then send the request again.',
  },
  BODY_INCOMPLETE: {
    status: 400,
    title: 'The request body did not arrive whole',
    action: 'Send the request again; check the connection if it keeps happening.',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    title: 'The request body is too large',
    action: 'Send less at once: split a large batch into several.',
  },
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    title: 'This request creates something and needs an Idempotency-Key header',
    action: 'Send a unique key (for example a UUID) in "Idempotency-Key", and the same key when you retry.',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'The Idempotency-Key was already used for a different request',
    action: 'Use a new key for a new request; reuse a key only to retry the very same request.',
  },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed',
    action: 'Wait a moment and retry with the same key to receive its answer.',
  },
  SIGNATURE_INVALID: {
    status: 401,
    title: 'The callback is unsigned or its signature does not match',
    action:
      'Sign the callback as Standard Webhooks says (webhook-id, webhook-timestamp, webhook-signature "v1,<base64>") with one of your active partner secrets, over the exact body sent.',
  },
  SIGNATURE_STALE: {
    status: 401,
    title: 'The callback timestamp is more than 5 minutes away from now',
    action: 'Sign the callback again with the current time (and check the clock of the sending system).',
  },
  SIGNATURE_REPLAYED: {
    status: 401,
    title: 'A callback with this webhook-id was already received',
    action: 'Nothing to do: the message was delivered before. A new message needs a new webhook-id.',
  },
} as const satisfies Record<string, ErrorSpec>;
