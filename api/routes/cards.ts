// A card's replacement and renewal: a new application with the card as its predecessor. The card ID names the card in
// the path (it is no personal data). The actions on a card in use (loss reports, cancellation) are routes of
// domain/actions.
import { renewalBodySchema, replacementBodySchema } from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { renewalResultSchema, replacementResultSchema } from '../schemas';
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
        'A lost card is replaced once its loss was reported formally; a damaged or expiring one while it is issued. ' +
        'A fee exemption the holder claims (`feeExemption`) must be one the region’s fee policy grants on the day ' +
        '(damage not the holder’s fault: within a year of the card’s issue); the fee is decided at acceptance.',
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
        'FEE_EXEMPTION_NOT_IN_EFFECT',
        'APPLICATION_IN_FLIGHT',
        'NOT_YOUR_UNIT',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ params, body, actor }) => ok(await client.cards.replace(params.id!, body, actor), 201),
    },
    {
      method: 'POST',
      tag: 'cards',
      access: 'bearer',
      params: cardParams,
      path: '/v1/cards/:id/renewal',
      operationId: 'renewCard',
      summary:
        'A renewal of an issued card whose renewal window opened: the old card stays valid until the new one is issued',
      description:
        'Asked from the first day of the card’s renewal window (`validity.renewableFrom` in the card lookup: 60 days ' +
        'before it expires, or as the region’s policy says). The new application is made as for a replacement (the ' +
        'holder’s data from the card’s own application, with the phone, address or photo changed if given, for the ' +
        'same unit), but the old card stays in use, paying at the bank, until the new card is issued; then the ' +
        'registry ends it naming its successor, the bank ends its financial function, and the e-card platform and ' +
        'the national registry are told.',
      roles: ['unit_clerk', 'operator', 'supervisor'],
      body: renewalBodySchema,
      success: {
        status: 201,
        description: 'The renewal application, started',
        schema: renewalResultSchema,
      },
      errors: [
        'VALIDATION_FAILED',
        'CARD_NOT_FOUND',
        'CARD_NOT_IN_USE',
        'RENEWAL_NOT_OPEN',
        'RENEWAL_NOT_ALLOWED',
        'FEE_EXEMPTION_NOT_IN_EFFECT',
        'APPLICATION_IN_FLIGHT',
        'NOT_YOUR_UNIT',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ params, body, actor }) => ok(await client.cards.renew(params.id!, body, actor), 201),
    },
  ];
}
