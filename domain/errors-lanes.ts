// The refusals of the instant and online lanes (issue #22), part of the one catalogue (./errors.ts): counters and
// their instant policy, a person's own online application, and the courier's reports on parcels.
import type { ErrorSpec } from './errors';

export const LANE_ERRORS = {
  ONLINE_CODE_INVALID: {
    status: 422,
    title: 'The code is wrong, used or expired',
    action:
      'Ask for a new code (it goes to the phone the population registry holds) and enter it within 10 minutes.',
  },
  ONLINE_NOT_OFFERED: {
    status: 422,
    title: 'Online application with delivery is not offered for this address yet',
    action: 'Apply at a service hall or through your employer, or ask the center when the region offers it.',
  },
  PHOTO_REQUIRED: {
    status: 422,
    title: 'No ID-card photo can be shared for you: a photo must be sent with the application',
    action: 'Send a JPEG photo taken to the card photo specification with the application.',
  },
  PARCEL_UNKNOWN: {
    status: 404,
    title: 'No such parcel of sscard',
    action: 'Check the parcel ID of the dispatch (the application ID followed by -D and a number).',
  },
  DELIVERY_CODE_INVALID: {
    status: 422,
    title: 'The code does not match the one sent to the recipient',
    action:
      'Do not hand the card over; ask the recipient for the 6-digit code of their SMS, or report a failed attempt.',
  },
  DELIVERY_CODE_EXPIRED: {
    status: 422,
    title: 'The delivery code has expired',
    action:
      'Do not hand the card over; bring the parcel back to its service point, where the person collects it.',
  },
  COUNTER_UNKNOWN: {
    status: 422,
    title: 'The counter is not registered with the center',
    action: 'Check the counter ID (region code, dash, counter name), or register the counter first.',
  },
  COUNTER_CLOSED: {
    status: 422,
    title: 'The counter is closed',
    action: 'Apply at an open counter, or submit the application for sporadic issuance (no counter).',
  },
  COUNTER_HAS_NO_PRINTER: {
    status: 422,
    title: 'The counter has no card printer: cards cannot be made there while the person waits',
    action: 'Apply at a counter with a card printer, or submit for sporadic issuance (no counter).',
  },
  INSTANT_NOT_OFFERED: {
    status: 422,
    title: 'Instant issuance is not offered in this region at this kind of counter',
    action: 'Submit for sporadic issuance (no counter), or ask an administrator to add an instant policy.',
  },
  INSTANT_REASON_REQUIRED: {
    status: 422,
    title: 'The region keeps instant issuance for urgent cases, and no listed reason was given',
    action: 'Choose the urgent reason that applies (the details list them), or submit for sporadic issuance.',
  },
} as const satisfies Record<string, ErrorSpec>;
