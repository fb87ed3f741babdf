// The outbound HTTP contract sscard speaks with each partner: one operation per port method, each a POST of a
// JSON body (resident ID numbers travel in bodies, never in URLs or logs of paths) with an Idempotency-Key header.
// The adapters (./adapters.ts) call it, the simulator server (../simulators/server.ts) answers it, and the OpenAPI
// document a province hands to its partner is generated from it (./openapi.ts).
import { z } from 'zod';
import { COURIER_EVENTS, type PrinterFault } from '../ports';

const residentId = z.string().regex(/^\d{17}[\dX]$/, 'an 18-character resident ID number');
const isoDate = z.iso.date();
const requestKey = z.string().min(1).max(200);
const mobile = z.string().regex(/^1\d{10}$/, 'a mainland mobile number: 11 digits');

const populationRecord = z.object({
  residentId,
  name: z.string().min(1).max(60),
  birthDate: isoDate,
  status: z.enum(['alive', 'deceased']),
  phone: mobile.optional(),
});

const province = z.string().regex(/^\d{2}$/, 'the province: two digits of GB/T 2260');
const provincialCard = z.object({
  province,
  cardNumber: z.string().min(1).max(32),
  status: z.enum(['valid', 'cancelling', 'cancelled']),
});

/** The contract's own version: it changes when an operation or a field does, not with sscard's releases. */
export const CONTRACT_VERSION = '1.10.0';

/** The codes a counter's printer answers its faults with (HTTP 409), each turned back into its PrinterFault. */
/** A print of an ID that was settled as made by none: the printer refuses it (not retried). */
export const PRINT_SETTLED = 'PRINT_SETTLED';

/** A refund the payment provider refuses (HTTP 409): the withdrawal sends it to the supervisors. */
export const REFUND_REFUSED = 'REFUND_REFUSED';

export const PRINTER_FAULT_CODES = {
  jammed: 'PRINTER_JAMMED',
  out_of_blanks: 'PRINTER_OUT_OF_BLANKS',
} as const satisfies Record<PrinterFault, string>;

export const CONTRACT = {
  population: {
    title: 'Population registry (public security)',
    operations: {
      lookup: {
        path: '/v1/people/lookup',
        summary: 'The person registered under a resident ID number, or null when there is none',
        request: z.object({ residentId }),
        response: z.object({ person: populationRecord.nullable() }),
      },
    },
  },
  bank: {
    title: 'Cooperative bank',
    operations: {
      compareIdentity: {
        path: '/v1/identity-comparisons',
        summary: 'Compares a person with the population database and the bank’s own customer records',
        request: z.object({ requestKey, residentId, name: z.string().min(1).max(60), birthDate: isoDate }),
        response: z.object({
          findings: z.array(
            z.enum([
              'NAME_MISMATCH',
              'BIRTH_DATE_MISMATCH',
              'DECEASED',
              'UNKNOWN_PERSON',
              'BANK_RECORD_CONFLICT',
            ]),
          ),
        }),
      },
      openAccount: {
        path: '/v1/accounts',
        summary:
          'Writes the electronic wallet onto the card’s chip and opens (or links) the person’s account',
        request: z.object({
          requestKey,
          residentId,
          name: z.string().min(1).max(60),
          cardNumber: z.string().min(1).max(32),
          chipId: z.string().min(1).max(64),
        }),
        response: z.object({
          accountRef: z.string().min(1).max(64),
          walletId: z.string().min(1).max(64),
          opened: z.enum(['new', 'existing']),
        }),
      },
      closeAccount: {
        path: '/v1/account-closures',
        summary: 'Undoes an account opening for a withdrawn card: only what that request did',
        request: z.object({
          requestKey,
          openedWith: requestKey,
          residentId,
          chipId: z.string().min(1).max(64),
        }),
        response: z.object({ closed: z.enum(['account', 'wallet', 'nothing']) }),
      },
      setCardFinancialState: {
        path: '/v1/card-states',
        summary: 'Freezes a card’s financial function with a loss report, or makes it active again',
        request: z.object({
          requestKey,
          chipId: z.string().min(1).max(64),
          state: z.enum(['frozen', 'active']),
        }),
        response: z.object({ state: z.enum(['frozen', 'active']) }),
      },
    },
  },
  manufacturer: {
    title: 'Card manufacturer',
    operations: {
      placeOrder: {
        path: '/v1/print-orders',
        summary: 'Accepts a print order; the outcome comes back later as a signed print report (webhook)',
        request: z.object({
          orderId: z.string().min(1).max(128),
          residentId,
          name: z.string().min(1).max(60),
          // A capture service's reference (the factory prints from its own copy), or sscard's photo ID with a
          // signed link to fetch it from.
          photoId: z.string().max(200),
          photoUrl: z.url().max(500).optional(),
          express: z.boolean(),
        }),
        response: z.object({ orderId: z.string(), expectedBy: z.iso.datetime() }),
      },
      cancelOrder: {
        path: '/v1/print-orders/cancellations',
        summary:
          'Cancels a print order that has not been printed yet; an order ID the factory never received is voided ' +
          '(received: false), and a later order under it is never printed',
        request: z.object({ orderId: z.string().min(1).max(128) }),
        response: z.object({ cancelled: z.boolean(), received: z.boolean().optional() }),
      },
    },
  },
  printer: {
    title: 'Counter card printer (instant issuance)',
    operations: {
      print: {
        path: '/v1/card-prints',
        summary:
          'Makes the card now, on the printer of the counter where the person waits, from one blank card; the ' +
          'chip’s personalisation and keys stay the printer’s. The same print ID answers the same card again',
        request: z.object({
          printId: z.string().min(1).max(128),
          counterId: z.string().min(1).max(64),
          residentId,
          name: z.string().min(1).max(60),
          photoId: z.string().max(200),
          photoUrl: z.url().max(500).optional(),
        }),
        response: z.object({
          cardNumber: z.string().min(1).max(32),
          chipId: z.string().min(1).max(64),
          blankSerial: z.string().min(1).max(64),
        }),
        refusals: {
          [PRINTER_FAULT_CODES.jammed]: 'the printer is jammed: someone at the counter has to clear it',
          [PRINTER_FAULT_CODES.out_of_blanks]:
            'the printer has no blank cards left: someone has to refill it',
          [PRINT_SETTLED]: 'the print was settled as made by none (settle): its card is made elsewhere',
        },
      },
      settle: {
        path: '/v1/card-prints/settle',
        summary:
          'Settles a print whose answer never came: the card it made, or null when it made none; then none is ever ' +
          'made for that print ID (a print still under way is refused), since the card is made elsewhere',
        request: z.object({ printId: z.string().min(1).max(128) }),
        response: z.object({
          made: z
            .object({
              cardNumber: z.string().min(1).max(32),
              chipId: z.string().min(1).max(64),
              blankSerial: z.string().min(1).max(64),
            })
            .nullable(),
        }),
      },
    },
  },
  photos: {
    title: 'ID-card photos (government data sharing)',
    operations: {
      idCardPhoto: {
        path: '/v1/id-card-photos/lookup',
        summary:
          'The reference of the person’s ID-card photo and when it was taken, or null where the agency has none to ' +
          'share; the manufacturer fetches the photo by its reference, and the photo itself never passes sscard. ' +
          'requestKey is sscard’s reference of the data-sharing request, for the agency’s audit',
        request: z.object({ requestKey, residentId }),
        response: z.object({
          photo: z.object({ photoRef: z.string().min(1).max(200), takenOn: isoDate }).nullable(),
        }),
      },
    },
  },
  courier: {
    title: 'Courier (cards applied for online, delivered to the door)',
    operations: {
      dispatch: {
        path: '/v1/parcels',
        summary:
          'Books the pick-up of one parcel (a card) at the center and answers its tracking number; the same ' +
          'parcel ID books nothing twice and answers the same tracking number',
        description:
          'The courier keeps the address only while the parcel is open, and hands the card over only against the ' +
          'code the person received by SMS. It reports the parcel back as Standard Webhooks: POST ' +
          '<sscard API>/v1/partners/courier/reports with a JSON body {parcelId, event, at, attempt?, code?}, event ' +
          'one of ' +
          `${COURIER_EVENTS.join(', ')} (attempt on attempt_failed, refused and delivered; code, the one the ` +
          'person gave, on delivered), signed with the courier’s secret (webhook-id, webhook-timestamp, ' +
          'webhook-signature headers), one message ID per report. A delivered report sscard refuses (a wrong or ' +
          'expired code) is a failed attempt: the courier reports attempt_failed and tries again; after three ' +
          'failed attempts or a refusal it brings the parcel back to returnTo and reports returned',
        request: z.object({
          parcelId: z.string().min(1).max(128),
          cardNumber: z.string().min(1).max(32),
          address: z.object({
            region: z.string().regex(/^\d{6}$/, 'the district: six digits of GB/T 2260'),
            line: z.string().min(1).max(200),
            recipientName: z.string().min(1).max(60),
            recipientPhone: mobile,
          }),
          returnTo: z.object({ counterId: z.string().min(1).max(64), name: z.string().min(1).max(100) }),
        }),
        response: z.object({
          parcelId: z.string().min(1).max(128),
          trackingNumber: z.string().min(1).max(32),
        }),
      },
    },
  },
  notifier: {
    title: 'SMS, e-mail and unit portal gateway',
    operations: {
      send: {
        path: '/v1/messages',
        summary: 'Sends one message per idempotency key, however often it is asked',
        request: z.object({
          key: requestKey,
          channel: z.enum(['sms', 'email', 'portal']),
          to: z.string().min(1).max(200),
          template: z.string().min(1).max(100),
          params: z.record(z.string(), z.string()),
        }),
        response: z.object({ messageId: z.string() }),
      },
    },
  },
  national: {
    title: 'National social security card registry',
    operations: {
      cardsOf: {
        path: '/v1/cards/lookup',
        summary: 'Every card issued to a person by any province, with its status',
        request: z.object({ residentId }),
        response: z.object({ cards: z.array(provincialCard) }),
      },
      requestCancellation: {
        path: '/v1/cards/cancellations',
        summary:
          'Asks the issuing province to cancel a card, because the person is issued one here (one person, one card)',
        request: z.object({
          requestKey,
          residentId,
          province,
          cardNumber: z.string().min(1).max(32),
        }),
        response: z.object({ status: provincialCard.shape.status }),
      },
      reportCard: {
        path: '/v1/cards/reports',
        summary:
          'Tells the registry of a card this province issued, or that it ended here, so that other provinces find it',
        request: z.object({
          requestKey,
          residentId,
          province,
          cardNumber: z.string().min(1).max(32),
          status: z.enum(['valid', 'cancelled']),
        }),
        response: z.object({ status: z.enum(['valid', 'cancelled']) }),
      },
    },
  },
  ecard: {
    title: 'National electronic social security card platform',
    operations: {
      setStatus: {
        path: '/v1/ecard-statuses',
        summary:
          'Keeps the person’s electronic card in step with the physical card it is bound to: active, suspended, cancelled',
        request: z.object({
          requestKey,
          residentId,
          cardNumber: z.string().min(1).max(32),
          status: z.enum(['active', 'suspended', 'cancelled']),
        }),
        response: z.object({ status: z.enum(['active', 'suspended', 'cancelled']) }),
      },
    },
  },
  payment: {
    title: 'Payment provider (card fees)',
    operations: {
      charge: {
        path: '/v1/charges',
        summary:
          'Opens the charge of a card fee for the person to pay; the same charge ID opens nothing twice and answers ' +
          'the charge as it stands (a charge a withdrawal closed first stays closed)',
        description:
          'The provider reports the payment back as a Standard Webhook: POST <sscard API>/v1/partners/payment/reports ' +
          'with a JSON body {chargeId, event: paid, amountFen, at}, signed with the provider’s secret ' +
          '(webhook-id, webhook-timestamp, webhook-signature headers), sent again until sscard answers 2xx.',
        request: z.object({
          chargeId: z.string().min(1).max(128),
          amountFen: z.number().int().min(1).max(100_000),
          description: z.string().min(1).max(200),
        }),
        response: z.object({ status: z.enum(['open', 'paid', 'closed', 'refunded']) }),
      },
      refund: {
        path: '/v1/refunds',
        summary:
          'Ends a charge at a withdrawal: a paid one is refunded in full, an open one closed so that it can be paid ' +
          'no more; the same refund key refunds nothing twice',
        request: z.object({ refundKey: requestKey, chargeId: z.string().min(1).max(128) }),
        response: z.object({
          outcome: z.enum(['refunded', 'closed_unpaid']),
          amountFen: z.number().int().min(0).max(100_000),
        }),
        refusals: {
          [REFUND_REFUSED]: 'the provider cannot refund the payment (the payer’s account is closed)',
        },
      },
    },
  },
  terminals: {
    title: 'Card-use network (counters’ card readers and self-service terminals)',
    operations: {
      resetPinCounter: {
        path: '/v1/pin-counter-resets',
        summary:
          'Resets the chip’s count of wrong PINs after a counter checked the holder’s identity: the card is unlocked',
        description:
          'The network reports the card’s use to sscard as signed callbacks (POST /v1/partners/card-use/reports): ' +
          'a function activated, a PIN set, a wrong PIN, the card locked.',
        request: z.object({ requestKey, chipId: z.string().min(1).max(64) }),
        response: z.object({ resetAt: z.iso.datetime() }),
      },
    },
  },
} as const;

export type PartnerName = keyof typeof CONTRACT;
export const PARTNER_NAMES = Object.keys(CONTRACT) as PartnerName[];

/** One operation, as the code that walks the contract sees it. */
export interface OperationSpec {
  path: string;
  summary: string;
  /** What the operation sets going beyond its answer: the callbacks the partner sends back. */
  description?: string;
  request: z.ZodType;
  response: z.ZodType;
  /** The partner's own refusals (HTTP 409) by code: the state of its machine, not a fault of the request. */
  refusals?: Record<string, string>;
}

/** A partner's operations by name. */
export const operationsOf = (partner: PartnerName): Record<string, OperationSpec> =>
  CONTRACT[partner].operations;

/** What a partner answers when it refuses or fails a call: a stable code and a sentence. */
export const partnerErrorSchema = z.object({ code: z.string(), message: z.string() });

/** Codes of the partner error body that the adapters and the simulator server share. */
export const PARTNER_ERROR = {
  invalid: 'INVALID_REQUEST',
  unauthorized: 'UNAUTHORIZED',
  unavailable: 'UNAVAILABLE',
  notFound: 'NOT_FOUND',
} as const;
