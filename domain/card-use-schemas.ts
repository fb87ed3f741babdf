// The card-use partners' reports, as the edges check them (the workflow imports no schema).
import { z } from 'zod';
import { CARD_FUNCTIONS, USE_EVENTS, USE_PLACES } from './card-use';

/**
 * A report on a card's use: the chip the terminal or the bank read, what happened and where. The webhook's own ID
 * names the report (a resend carries the same). An activation says which function; the financial one only at
 * the bank.
 */
export const useReportSchema = z
  .object({
    chipId: z.string().regex(/^[0-9A-F]{16,32}$/, 'the chip ID in hex'),
    event: z.enum(USE_EVENTS),
    function: z.enum(CARD_FUNCTIONS).optional(),
    where: z.enum(USE_PLACES),
    at: z.iso.datetime(),
  })
  .refine((report) => report.event === 'activated' || report.function === undefined, {
    path: ['function'],
    message: 'only an activation names a function',
  });
export type UseReportBody = z.infer<typeof useReportSchema>;
