// The refusals of a card's use after issuance (issue #23): the card-use partners' reports and the unlock at a
// counter, part of the one catalogue (./errors.ts).
import type { ErrorSpec } from './errors';

export const CARD_USE_ERRORS = {
  CARD_NOT_LOCKED: {
    status: 409,
    title: 'The card is not locked',
    action: 'Nothing to unlock: the holder may use the card. Look the card up to see its PIN failures.',
  },
  CHIP_UNKNOWN: {
    status: 404,
    title: 'No card in use with this chip, of those you report on',
    action:
      'Check the chip ID the terminal read. A card issued before sscard, or ended, is not reported on; the holder ' +
      'asks at a counter.',
  },
  USE_REPORT_NOT_ALLOWED: {
    status: 422,
    title: 'This partner does not report this on a card',
    action:
      'The bank function is activated at the bank and reported by the bank; counters and self-service terminals ' +
      'report the social security function, PINs and locks through the terminals’ network.',
  },
} as const satisfies Record<string, ErrorSpec>;
