// Partner callbacks, signed with HMAC (see ../signatures.ts). The manufacturer reports on its print orders (the
// client library checks that each order is the partner's own and still open); the bank confirms receipt of the
// printed cards shipped to it; the population registry sends death notices.
import { cardReceiptSchema, printReportSchema } from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { bankReceiptResultSchema, deathNoticeResultSchema, partnerReceiptSchema } from '../schemas';
import { deathNoticeSchema } from '../../domain/cards';
import { ok } from './shared';

export function partnerRoutes({ client }: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/partners/manufacturer/print-reports',
      operationId: 'reportPrint',
      summary: "The manufacturer's report on one of its print orders: printed, or failed at a stage",
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: printReportSchema,
      success: { status: 200, description: 'The report was accepted', schema: partnerReceiptSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'ORDER_UNKNOWN', 'ORDER_ALREADY_REPORTED'],
      handle: async ({ body, actor }) => ok(await client.applications.reportPrint(body, actor)),
    },
    {
      method: 'POST',
      path: '/v1/partners/bank/card-receipts',
      operationId: 'receiveCardsAtBank',
      summary: "The cooperative bank's receipt of printed cards the manufacturer shipped to it",
      description:
        'Names the chips of one shipment that arrived (up to 1,000 per call). The bank binds a card to its account ' +
        'and wallet only after its receipt: step 6 waits for it, and a card not received 3 days after the step ' +
        'began is escalated to the supervisors. A resent receipt changes nothing.',
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: cardReceiptSchema,
      success: {
        status: 200,
        description: 'The chips are recorded as received',
        schema: bankReceiptResultSchema,
      },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED'],
      handle: async ({ body, actor }) => ok(await client.handOver.receiveAtBank(body, actor)),
    },
    {
      method: 'POST',
      path: '/v1/partners/population/death-notices',
      operationId: 'reportDeath',
      summary:
        "The population registry's notice of a death: the person's application closes, their cards are cancelled",
      description:
        'The application in flight is withdrawn (what it did is undone, an earlier card given back), then every ' +
        'card in use is cancelled (HOLDER_DECEASED) and frozen at the bank. A second notice finds nothing to do.',
      tag: 'partners',
      access: 'partner',
      roles: ['partner'],
      body: deathNoticeSchema,
      success: { status: 200, description: 'What the notice closed', schema: deathNoticeResultSchema },
      errors: [
        'VALIDATION_FAILED',
        'ROLE_NOT_ALLOWED',
        'RID_FORMAT',
        'RID_CHECKSUM',
        'RID_REGION',
        'RID_BIRTH_DATE',
      ],
      handle: async ({ body, actor }) => ok(await client.cards.deathNotice(body, actor)),
    },
  ];
}
