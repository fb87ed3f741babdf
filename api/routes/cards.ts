// A card's replacement: a new application with the card as its predecessor. The card ID names the card in the path
// (it is no personal data). The actions on a card in use (loss reports, cancellation) are routes of domain/actions.
import { replacementBodySchema } from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { replacementResultSchema } from '../schemas';
import { cardParams } from './actions';
import { ok } from './shared';

export function cardRoutes({ client }: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      tag: 'cards',
      access: 'bearer',
      params: cardParams,
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
