// "Where is my card?": the person's own routes, public and held to a tight rate per address. The resident ID
// number travels in the body, never in a URL; the link of the issuance SMS carries a random token only.
import { z } from 'zod';
import { trackingCodeRequestSchema, trackingRequestSchema, trackingTokenSchema } from '../../domain/tracking';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { codeReceiptSchema, trackingViewSchema } from '../schemas';
import { ok } from './shared';

export function trackingRoutes({ client }: ApiDeps): Route[] {
  const common = { tag: 'where is my card', access: 'public', rate: 'self-service' } as const;
  const view = { status: 200, description: 'The application and card', schema: trackingViewSchema };
  return [
    {
      ...common,
      method: 'POST',
      path: '/v1/track/code',
      operationId: 'requestTrackingCode',
      summary: 'Send a one-time code to the phone registered with the person’s application',
      description:
        'Answers the same whether or not the number is on record. The code holds for 10 minutes and is tried at ' +
        'most 5 times; at most 3 codes are sent to a person in an hour.',
      body: trackingCodeRequestSchema,
      success: { status: 202, description: 'Sent, if the person is on record', schema: codeReceiptSchema },
      errors: ['VALIDATION_FAILED', 'RID_FORMAT', 'RID_CHECKSUM', 'SERVICE_UNAVAILABLE'],
      handle: async ({ body }) => ok(await client.tracking.requestCode(body), 202),
    },
    {
      ...common,
      method: 'POST',
      path: '/v1/track',
      operationId: 'track',
      summary: 'The person’s application and card, for the code sent to their phone',
      description:
        'Stage, step of seven, the last working day of the legal target, where to collect the card once it is ' +
        'ready, and the card’s status. Nothing that names the person.',
      body: trackingRequestSchema,
      success: view,
      errors: ['VALIDATION_FAILED', 'RID_FORMAT', 'RID_CHECKSUM', 'TRACKING_CODE_INVALID'],
      handle: async ({ body }) => ok(await client.tracking.track(body)),
    },
    {
      ...common,
      method: 'GET',
      path: '/v1/track/links/:token',
      operationId: 'trackByLink',
      summary: 'The application and card the link of the issuance SMS names',
      params: z.object({ token: trackingTokenSchema }),
      success: view,
      errors: ['VALIDATION_FAILED', 'TRACKING_LINK_INVALID'],
      handle: async ({ params }) => ok(await client.tracking.trackByLink(params.token!)),
    },
  ];
}
