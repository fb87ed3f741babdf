// A person's cards as the center answers for them at the counter: the current card and the earlier ones, with
// their lifecycle. Looked up by resident ID number in a request body (never in a URL, which proxies log).
import type { CardUseView } from './card-use';
import { z } from 'zod';
import { localDateSchema } from './calendar/calendar-year';
import { residentIdSchema } from './resident-id';

export const cardLookupSchema = z.object({ residentId: residentIdSchema });

/** The population registry's notice of a death (a signed callback): the person's cards and application close. */
export const deathNoticeSchema = z.object({
  noticeId: z.string().min(1).max(128),
  residentId: residentIdSchema,
  diedOn: localDateSchema,
});
export type DeathNotice = z.infer<typeof deathNoticeSchema>;

export interface CardView {
  cardId: string;
  applicationId?: string;
  status: string;
  /** The card this one replaced. */
  predecessorCardId?: string;
  cardNumber?: string;
  /** The photo on the card, for the center's staff (GET /v1/photos/:id). */
  photoId?: string;
  bank?: { accountRef: string; opened: 'new' | 'existing'; closedAt?: string };
  collectedOn?: string;
  cancellation?: { reason: string; successorCardId?: string; at: string };
  /** The electronic card as the national platform was last told (the e-card sync follows the registry). */
  ecard?: { status: 'active' | 'suspended' | 'cancelled'; syncedAt: string };
  /**
   * How long it is valid (cards registered from 0.8.0 on): no `expiresOn` for a card that does not expire; when its
   * renewal may be asked, and when the holder was told so.
   */
  validity?: { expiresOn?: string; renewableFrom?: string; renewalNoticeAt?: string };
  history: { status: string; at: string }[];
  /** A card in use: sealed, active or locked, its PIN set, the wrong PINs counted (domain/card-use.ts). */
  use?: CardUseView;
}

export interface CardLookup {
  /** The card in force (issued, or on its way to the person), if any. */
  current?: CardView;
  /** Every card of the person, newest first. */
  cards: CardView[];
}
