// The card-use partners' reports as the edges check them, and a card's use as the API answers it (the workflow
// imports no schema).
import { z } from 'zod';
import { CARD_FUNCTIONS, USE_EVENTS, USE_PLACES } from './card-use';

const instant = z.iso.datetime();

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

const functionUse = z.object({
  state: z.enum(['sealed', 'active']),
  activatedAt: instant.optional(),
  where: z.enum(USE_PLACES).optional(),
});

/** A card's use (domain/card-use.ts): `tracked` false for a card issued before sscard tracked it. */
const useFields = {
  tracked: z.boolean(),
  social: functionUse,
  financial: functionUse,
  pinSetAt: instant.optional(),
  pinFailures: z.number().int(),
  lockedAt: instant.optional(),
  unlockedAt: instant.optional(),
};
export const cardUseSchema = z.object({ ...useFields, reports: z.array(z.string()) });

/** The use as people see it (the person's cards at a counter): its state in one word, no report IDs. */
export const cardUseViewSchema = z.object({ state: z.enum(['sealed', 'active', 'locked']), ...useFields });

export const useReceiptSchema = z.object({
  accepted: z.literal(true),
  cardId: z.string(),
  use: cardUseSchema,
});
