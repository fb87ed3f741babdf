// The one catalogue of error codes. Every refusal anywhere in sscard (HTTP, CLI, update validators, activity
// failures) carries one of these codes; `status` is the HTTP status it maps to, `action` tells a person what
// to do next. Messages never contain personal data.

import { HTTP_ERRORS } from './errors-http';
import { LANE_ERRORS } from './errors-lanes';
import { MINOR_ERRORS } from './errors-minors';
import { RENEWAL_ERRORS } from './errors-renewal';
import { CARD_USE_ERRORS } from './errors-card-use';
import { FEE_ERRORS } from './errors-fees';

export interface ErrorSpec {
  status: number;
  /** What went wrong, in words a clerk or operator understands. */
  title: string;
  /** What to do about it. */
  action: string;
}

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: {
    status: 400,
    title: 'The request is not valid',
    action: 'Correct the fields listed in the details and send the request again.',
  },
  RID_FORMAT: {
    status: 400,
    title: 'The resident ID number is not 17 digits followed by a digit or X',
    action: 'Check the number on the identity card and enter all 18 characters.',
  },
  RID_REGION: {
    status: 400,
    title: 'The resident ID number does not start with a known region code',
    action: 'Check the first six digits against the identity card.',
  },
  RID_BIRTH_DATE: {
    status: 400,
    title: 'The birth date inside the resident ID number is not a real date',
    action: 'Check digits 7 to 14 (YYYYMMDD) against the identity card.',
  },
  RID_BIRTH_IN_FUTURE: {
    status: 400,
    title: 'The birth date inside the resident ID number lies in the future',
    action: 'Check digits 7 to 14 (YYYYMMDD) against the identity card.',
  },
  RID_CHECKSUM: {
    status: 400,
    title: 'The check character of the resident ID number does not match (GB 11643-1999)',
    action: 'A character was mistyped or two were swapped: re-enter the number from the identity card.',
  },
  APPLICATION_NOT_FOUND: {
    status: 404,
    title: 'No such application (or it is not yours to see)',
    action: "Check the application ID; unit clerks see only their own unit's applications.",
  },
  APPLICATION_IN_FLIGHT: {
    status: 409,
    title: 'An application for this person is already in progress',
    action: 'Follow the application in progress; a new one can be filed once it has closed.',
  },
  ALREADY_CLOSED: {
    status: 409,
    title: 'The application is closed',
    action: 'Nothing more can be done on it; file a new application if a card is still needed.',
  },
  UNIT_UNKNOWN: {
    status: 422,
    title: 'The insured unit is not registered with the center',
    action: 'Check the unit code, or register the unit with the center first.',
  },
  UNIT_NOT_ACTIVE: {
    status: 422,
    title: 'The insured unit is suspended',
    action: "Settle the unit's enrollment with the center before applying.",
  },
  ...LANE_ERRORS,
  ...MINOR_ERRORS,
  ...RENEWAL_ERRORS,
  ...CARD_USE_ERRORS,
  ...FEE_ERRORS,

  ROLE_NOT_ALLOWED: {
    status: 403,
    title: 'Your role does not allow this action',
    action: 'Ask a colleague whose role allows it; an administrator can tell you which role that is.',
  },
  NOT_YOUR_UNIT: {
    status: 403,
    title: 'The application belongs to another unit',
    action: "Unit clerks act only on their own unit's applications.",
  },
  NOT_AWAITING_REVIEW: {
    status: 409,
    title: 'The application is not waiting for an operator review',
    action: 'Open the application to see its stage; only flagged applications wait for review.',
  },
  DECISION_NOT_ALLOWED: {
    status: 409,
    title: 'That decision does not apply to what the application waits for',
    action:
      'Audit flags are approved, returned or rejected; comparison findings are overridden with a note, returned or rejected.',
  },
  FLAG_BLOCKS_APPROVAL: {
    status: 409,
    title: 'A missing or unusable photo cannot be approved',
    action: 'Return the application to its unit for a usable photo, or reject it.',
  },
  FOUR_EYES_REQUIRED: {
    status: 403,
    title: 'An override must be confirmed by a second person, a supervisor',
    action: 'Ask a supervisor other than the operator who proposed the override to confirm it.',
  },
  NOT_RETURNED: {
    status: 409,
    title: 'The application is not returned to the unit',
    action: 'Only a returned application can be corrected and resubmitted.',
  },
  NOT_AWAITING_COLLECTION: {
    status: 409,
    title: 'The card is not waiting for collection',
    action: 'Collection can be registered only after the issuance notification.',
  },
  NOT_AWAITING_REPRINT: {
    status: 409,
    title: 'The application is not waiting for a reprint order',
    action: 'Reprints are ordered only after repeated print failures.',
  },
  COLLECTION_DATE_INVALID: {
    status: 422,
    title: 'The date of receipt is not possible',
    action: 'Enter the day the card was handed over: not before the notice, not in the future.',
  },
  WITHDRAW_NEEDS_SUPERVISOR: {
    status: 409,
    title: 'Printing has started: only a supervisor can withdraw now, with explicit confirmation',
    action: 'Ask a supervisor to withdraw it with supervisorConfirmed set.',
  },
  ALREADY_EXPEDITED: {
    status: 409,
    title: 'The application is already expedited',
    action: 'Nothing to do.',
  },
  TOO_LATE_TO_EXPEDITE: {
    status: 409,
    title: 'The card is already being handed out',
    action: 'Nothing to expedite: the unit has been or is being notified.',
  },
  TOO_LATE_TO_HOLD: {
    status: 409,
    title: 'The card is already registered or being printed',
    action: 'A hold takes effect before the card registry; from here on, withdraw the application instead.',
  },
  ALREADY_IN_REVIEW: {
    status: 409,
    title: 'The application is already in review or held for it',
    action: 'Open the application and decide on it from the review queue.',
  },
  REVISION_NOT_FOUND: {
    status: 422,
    title: 'The corrected data was not found',
    action: 'Send the corrected applicant data again.',
  },
  RESUBMIT_CHANGES_PERSON: {
    status: 422,
    title: 'A correction cannot change the resident ID number: that would be another person',
    action: 'Withdraw this application and file a new one for the right person.',
  },
  ORDER_UNKNOWN: {
    status: 404,
    title: 'No such print order of yours',
    action: 'Check the order ID: partners report only on orders placed with them.',
  },
  ORDER_ALREADY_REPORTED: {
    status: 409,
    title: 'The print order has already been reported or cancelled',
    action: 'Nothing to do: the first report counts.',
  },
  PARTNER_UNAVAILABLE: {
    status: 503,
    title: 'A partner system (bank, manufacturer, messaging) is unavailable',
    action: 'Nothing to do: sscard retries on its own; supervisors are told if the deadline is at risk.',
  },
  PARTNER_REJECTED: {
    status: 502,
    title: 'A partner system refused a request sscard sent it',
    action:
      'A supervisor checks the partner adapter settings (URL, token) with the partner; sscard tries again hourly.',
  },
  BATCH_NOT_FOUND: {
    status: 404,
    title: 'No such batch (or it is not yours to see)',
    action: "Check the batch ID; unit clerks see only their own unit's batches.",
  },
  POLICY_NOT_FOUND: {
    status: 422,
    title: 'No deadline policy applies',
    action: 'An administrator must add a deadline policy for this region and issuance mode.',
  },
  POLICY_INVALID: {
    status: 400,
    title: 'The deadline policy is not valid',
    action: 'Correct the fields listed in the details and publish the policy again.',
  },
  CALENDAR_INVALID: {
    status: 400,
    title: 'The calendar year is not valid',
    action:
      'Correct the dates listed in the details: every date inside the year, working days only on weekends.',
  },
  CALENDAR_YEAR_NOT_FOUND: {
    status: 404,
    title: 'The calendar year is not published',
    action: 'Publish the year (holidays and make-up working days) first.',
  },
  ...HTTP_ERRORS,
  CARD_NOT_FOUND: {
    status: 404,
    title: 'No such card in the registry (or it is not yours to see)',
    action: 'Check the card ID; look the person up with POST /v1/cards/lookup to find their card.',
  },
  CARD_NOT_IN_USE: {
    status: 409,
    title: 'The card is not in the holder’s hands: it is not issued yet, or it was cancelled or replaced',
    action:
      'Look the person up: a loss report concerns the card in force. A card handed over but still awaiting collection has its collection registered first.',
  },
  LOSS_ALREADY_REPORTED: {
    status: 409,
    title: 'A loss report of this kind (or a formal one) is already in force for this card',
    action: 'Nothing to do; a temporary report is made formal at a counter (kind "formal").',
  },
  NO_LOSS_REPORTED: {
    status: 409,
    title: 'There is no loss report to lift on this card',
    action: 'Nothing to do: the card is in use.',
  },
  REPLACEMENT_NOT_ALLOWED: {
    status: 409,
    title: 'This card cannot be replaced for that reason now',
    action:
      'A lost card is replaced once its loss is reported formally at a counter; a damaged or expiring card while it is issued. A card issued before sscard has no application to copy: submit a new application.',
  },
  TRACKING_CODE_INVALID: {
    status: 401,
    title: 'The code is not valid: wrong, used already, more than 10 minutes old, or tried too often',
    action:
      'Ask for a new code with your resident ID number; it is sent to the phone registered with your application.',
  },
  TRACKING_LINK_INVALID: {
    status: 404,
    title: 'The link does not work (incomplete, altered, or older than 90 days)',
    action: 'Follow your application with your resident ID number and a code sent to your phone instead.',
  },
  PHOTO_UNREADABLE: {
    status: 422,
    title: 'The file is not an image that can be read whole (damaged, cut short, or another kind of file)',
    action: 'Take or export the photo again as a JPEG and upload the new file.',
  },
  PHOTO_NOT_TO_SPEC: {
    status: 422,
    title: 'The photo does not meet the card photo specification',
    action:
      'Fix what details.problems lists (size in pixels, colour, file size) with the photo software, or take the photo again.',
  },
  PHOTO_NOT_FOUND: {
    status: 404,
    title: 'No such photo',
    action: 'Check the photo ID in the application; the unit uploads the photo again if it is missing.',
  },
  PHOTO_LINK_INVALID: {
    status: 403,
    title: 'The photo link is not valid: altered, or older than 72 hours',
    action: 'Take the link from the print order; for an older order, ask the center to place it again.',
  },
  CODEC_KEY_UNKNOWN: {
    status: 422,
    title: 'The payload is encrypted with a key this sscard does not hold',
    action:
      'Add the key to SSCARD_CODEC_KEYS after the active one: a key stays there as long as history encrypted with it is kept.',
  },
  PAYLOAD_NOT_ENCRYPTED: {
    status: 400,
    title: 'The request did not come through sscard: its payload is not encrypted with sscard’s codec',
    action: 'Send it through the sscard API or command line, which vouch for who acts.',
  },
  APPLICATION_BUSY: {
    status: 409,
    title: 'The application is recording a step; nothing was changed',
    action: 'Send the request again in a moment (the client library does so by itself).',
  },
  PAYLOAD_TAMPERED: {
    status: 422,
    title:
      'The encrypted payload fails its integrity check: it was altered, truncated or not encrypted by sscard',
    action:
      'Send the payload exactly as Temporal stored it; if it was sent whole, report it to the operations team.',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    title: 'sscard cannot reach one of its own services (Temporal or the database)',
    action: 'Retry in a moment; operations are told when this lasts.',
  },
  INTERNAL_ERROR: {
    status: 500,
    title: 'Something went wrong inside sscard',
    action: 'Retry; if it happens again, report the time and the request ID to the operations team.',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** A refusal with a stable code, raised by domain code and translated at each edge. */
export class SscardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CATALOGUE[code].title,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'SscardError';
  }
}
