// The card-use partners' reports, signed callbacks (../signatures.ts): the terminals' network for counters' card
// readers and self-service terminals, the bank for its branches. The unlock at a counter is an action on the card
// (domain/actions/cards.ts).
import { useReceiptSchema, useReportSchema } from '../../domain/card-use-schemas';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { ok } from './shared';

export function cardUseRoutes({ client }: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/partners/card-use/reports',
      operationId: 'reportCardUse',
      summary: 'A card-use report: a function activated, a PIN set, a wrong PIN, the card locked',
      description:
        'Sent by the terminals’ network (counters and self-service terminals) or by the bank (its branches, and the ' +
        'only one to activate the financial function), naming the chip read. sscard never sees a PIN: it records that one ' +
        'was set, counts the wrong ones and locks the card at the sixth (or when the lock is reported) until a ' +
        'counter unlocks it. A report is named by its webhook-id: a resend is taken once.',
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: useReportSchema,
      success: { status: 200, description: 'The report was taken', schema: useReceiptSchema },
      errors: [
        'VALIDATION_FAILED',
        'ROLE_NOT_ALLOWED',
        'CHIP_UNKNOWN',
        'USE_REPORT_NOT_ALLOWED',
        'CARD_NOT_IN_USE',
      ],
      handle: async ({ body, actor, messageId }) =>
        ok(await client.cards.reportUse(body, actor, messageId ?? '')),
    },
  ];
}
