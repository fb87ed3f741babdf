// The refusals of a card's renewal (issue #23), part of the one catalogue (./errors.ts): a renewal is asked within
// the card's renewal window, of a card that expires and is in the holder's hands.
import type { ErrorSpec } from './errors';

export const RENEWAL_ERRORS = {
  RENEWAL_NOT_OPEN: {
    status: 409,
    title: "The card's renewal window is not open yet",
    action:
      'The card stays valid: its renewal can be asked from the day given in the details (`renewableFrom`), before it expires; the holder is told by SMS when that day comes.',
  },
  RENEWAL_NOT_ALLOWED: {
    status: 409,
    title: 'This card is not renewed',
    action:
      'A card that does not expire, or was registered before sscard kept expiry dates, needs no renewal (replace a damaged one with reason DAMAGED). A card under a loss report is renewed once the report is lifted; a lost card is replaced with reason LOST.',
  },
} as const satisfies Record<string, ErrorSpec>;
