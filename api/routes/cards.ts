// A card's life after issuance: loss reports and their lift. The card ID names the card in the path (it is no
// personal data); the holder was identified at the counter, on the phone line or by the online service.
import { z } from 'zod';
import {
  cancelCardBodySchema,
  liftBodySchema,
  lossReportBodySchema,
  replacementBodySchema,
} from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { cardLifeStatusSchema, replacementResultSchema } from '../schemas';
import { ok } from './shared';

const cardParams = z.object({ id: z.string().regex(/^C[0-9A-Za-z-]{1,40}$/, 'a card ID, as C…') });

export function cardRoutes({ client }: ApiDeps): Route[] {
  const common = {
    method: 'POST',
    tag: 'cards',
    access: 'bearer',
    roles: ['operator', 'supervisor'],
    idempotency: 'optional',
    params: cardParams,
    success: { status: 200, description: 'The card after the request', schema: cardLifeStatusSchema },
  } as const;
  return [
    {
      ...common,
      path: '/v1/cards/:id/loss-report',
      operationId: 'reportCardLoss',
      summary:
        'A loss report: temporary (phone, online, counter; it lapses), formal (at a counter), or made formal',
      description:
        'The card is suspended (temporary) or lost (formal) in the registry, its financial function is frozen at ' +
        'the bank and the holder is told by SMS. A temporary report lapses after the policy’s working days (5 by ' +
        'default) unless it is made formal; the card and its financial function are then back.',
      body: lossReportBodySchema,
      errors: [
        'VALIDATION_FAILED',
        'CARD_NOT_FOUND',
        'CARD_NOT_IN_USE',
        'LOSS_ALREADY_REPORTED',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ params, body, actor, requestId }) =>
        ok(await client.cards.reportLoss(params.id!, body, actor, requestId ? { requestId } : {})),
    },
    {
      ...common,
      path: '/v1/cards/:id/loss-report/lift',
      operationId: 'liftCardLoss',
      summary:
        'The card turned up: the loss report in force is lifted, the card and its financial function are back',
      body: liftBodySchema,
      errors: [
        'VALIDATION_FAILED',
        'CARD_NOT_FOUND',
        'CARD_NOT_IN_USE',
        'NO_LOSS_REPORTED',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ params, body, actor, requestId }) =>
        ok(await client.cards.liftLoss(params.id!, body, actor, requestId ? { requestId } : {})),
    },
    {
      ...common,
      path: '/v1/cards/:id/cancellation',
      operationId: 'cancelCard',
      summary: 'A card in use cancelled for good: the holder emigrated, asked for it, or died',
      description:
        'The bank freezes the card’s financial function and the registry cancels the card. A death is normally ' +
        'reported by the population registry itself (POST /v1/partners/population/death-notices).',
      roles: ['supervisor'],
      body: cancelCardBodySchema,
      errors: ['VALIDATION_FAILED', 'CARD_NOT_FOUND', 'CARD_NOT_IN_USE', 'ROLE_NOT_ALLOWED'],
      handle: async ({ params, body, actor, requestId }) =>
        ok(await client.cards.cancel(params.id!, body, actor, requestId ? { requestId } : {})),
    },
    {
      ...common,
      path: '/v1/cards/:id/replacement',
      operationId: 'replaceCard',
      summary:
        'A replacement or renewal of a card in use: a new application with the old card as predecessor',
      description:
        'The holder’s data is taken from the card’s own application (its latest revision), with the phone, address ' +
        'or photo changed if given. The new application runs the issuance steps for the same unit; the bank’s ' +
        'comparison is kept when nothing was corrected (unless the policy says `replacementRepeatsComparison`). ' +
        'Its registration supersedes the old card (`replaced`) and the bank moves the account to the new card. ' +
        'A lost card is replaced once its loss was reported formally; a damaged or expiring one while it is issued.',
      roles: ['unit_clerk', 'operator', 'supervisor'],
      body: replacementBodySchema,
      success: {
        status: 201,
        description: 'The replacement application, started',
        schema: replacementResultSchema,
      },
      errors: [
        'VALIDATION_FAILED',
        'CARD_NOT_FOUND',
        'CARD_NOT_IN_USE',
        'REPLACEMENT_NOT_ALLOWED',
        'APPLICATION_IN_FLIGHT',
        'NOT_YOUR_UNIT',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ params, body, actor }) => ok(await client.cards.replace(params.id!, body, actor), 201),
    },
  ];
}
