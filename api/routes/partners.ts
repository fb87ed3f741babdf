// Partner callbacks, signed with HMAC (see ../signatures.ts). The manufacturer reports on its print orders; the
// client library checks that each order is the partner's own and still open.
import { printReportSchema } from '../../domain/messages';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { partnerReceiptSchema } from '../schemas';
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
  ];
}
