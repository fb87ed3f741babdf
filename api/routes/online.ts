// Applying online with delivery: the person's own routes, public and held to the self-service rate like "where is
// my card?"; the resident ID number and the address travel in bodies, never in URLs. The courier reports on its
// parcels as a signed partner callback.
import { onlineApplicationSchema, onlineCodeRequestSchema } from '../../domain/online';
import { courierReportSchema } from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { codeReceiptSchema, onlineReceiptSchema, partnerReceiptSchema } from '../schemas';
import { ok } from './shared';

/** A photo of up to 2 MB travels base64 in the body. */
const WITH_PHOTO = 3_000_000;

export function onlineRoutes({ client }: ApiDeps): Route[] {
  const common = { tag: 'online application', access: 'public', rate: 'self-service' } as const;
  return [
    {
      ...common,
      method: 'POST',
      path: '/v1/online/code',
      operationId: 'requestOnlineCode',
      summary: 'Send a one-time code to the phone the population registry holds, to apply online',
      description:
        'Answers the same whether or not the registry holds a number. The code holds for 10 minutes and is tried ' +
        'at most 5 times; at most 3 codes are sent to a person in an hour.',
      body: onlineCodeRequestSchema,
      success: {
        status: 202,
        description: 'Sent, if the registry holds a number',
        schema: codeReceiptSchema,
      },
      errors: ['VALIDATION_FAILED', 'RID_FORMAT', 'RID_CHECKSUM', 'SERVICE_UNAVAILABLE'],
      handle: async ({ body }) => ok(await client.online.requestCode(body), 202),
    },
    {
      ...common,
      method: 'POST',
      path: '/v1/online/applications',
      operationId: 'applyOnline',
      summary: 'Apply for one’s own card online, delivered by courier',
      description:
        'With the code of the SMS and the delivery address. The ID-card photo public security shares is used where ' +
        'there is one; otherwise the JPEG sent along is checked against the card photo specification, and an ' +
        'operator reviews it before printing. The answer is the receipt: the application ID.',
      body: onlineApplicationSchema,
      bodyLimit: WITH_PHOTO,
      success: { status: 201, description: 'The application, filed', schema: onlineReceiptSchema },
      errors: [
        'VALIDATION_FAILED',
        'RID_FORMAT',
        'RID_CHECKSUM',
        'ONLINE_CODE_INVALID',
        'ONLINE_NOT_OFFERED',
        'GUARDIAN_REQUIRED',
        'PHOTO_REQUIRED',
        'PHOTO_UNREADABLE',
        'PHOTO_NOT_TO_SPEC',
        'APPLICATION_IN_FLIGHT',
        'SERVICE_UNAVAILABLE',
      ],
      handle: async ({ body }) => ok(await client.online.apply(body), 201),
    },
    {
      method: 'POST',
      path: '/v1/partners/courier/reports',
      operationId: 'reportParcel',
      summary:
        "The courier's report on a parcel: picked up, on its way, an attempt failed, refused, delivered, back",
      description:
        'A delivery carries the 6-digit code the recipient gave from their SMS: a wrong or expired code is refused ' +
        'and nothing is noted (the card is not to be handed over). After three failed attempts or a refusal the ' +
        'parcel goes back to the service point named at dispatch, and is reported `returned`.',
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: courierReportSchema,
      success: { status: 200, description: 'The report was accepted', schema: partnerReceiptSchema },
      errors: [
        'VALIDATION_FAILED',
        'ROLE_NOT_ALLOWED',
        'PARCEL_UNKNOWN',
        'DELIVERY_CODE_INVALID',
        'DELIVERY_CODE_EXPIRED',
      ],
      handle: async ({ body, actor }) => ok(await client.deliveries.reportParcel(body, actor)),
    },
  ];
}
