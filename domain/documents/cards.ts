// The card registry's documents: a card with its lifecycle (store/cards.ts keeps them, docs/records.md says who
// writes what).
import type { Actor } from '../actors';
import type { CardCancellationReason } from '../card-life';
import type { CollectionRecord } from '../messages';
import type { Validity } from '../validity';

export const CARD_STATUSES = [
  'pending_print',
  'printed',
  /** Received by the cooperative bank from the manufacturer: a step of the history (step 6 binds at once). */
  'at_bank',
  'bank_activated',
  'awaiting_collection',
  'issued',
  /** Under a temporary loss report: the financial function is frozen until it is lifted, lapses or is made formal. */
  'suspended',
  'lost',
  'cancelled',
  /** Superseded by a successor card issued to the holder (a replacement, renewal, or a new application). */
  'replaced',
] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

/** A card that left use for good: never valid again (unless a withdrawn successor gives it back). */
export const ENDED_STATUSES: readonly CardStatus[] = ['cancelled', 'replaced'];

export type CancellationReason =
  'REPLACED_BY_NEW_CARD' | 'LOST_AND_REPLACED' | 'SUPERSEDED' | 'WITHDRAWN' | CardCancellationReason;

export interface CardDoc {
  _id: string;
  personKey: string;
  applicationId?: string;
  status: CardStatus;
  /** The card this one replaced. */
  predecessorCardId?: string;
  cardNumber?: string;
  chipId?: string;
  /** Made at a counter while the holder waited (the instant lane): which counter, from which blank card. */
  madeAt?: { counterId: string; blankSerial: string };
  bank?: { accountRef: string; walletId: string; opened: 'new' | 'existing'; at: Date; closedAt?: Date };
  collection?: Omit<CollectionRecord, 'actor'> & { registeredBy: Actor; registeredAt: Date };
  cancellation?: { reason: CancellationReason; successorCardId?: string; at: Date; by: Actor };
  /** The cancellation a withdrawn successor's compensation undid. */
  restoredFrom?: { reason: CancellationReason; successorCardId?: string; at: Date; by: Actor };
  /**
   * How long the card is valid, from the region's policy when it was registered (0.8.0 on; none for earlier cards),
   * and when its holder was told that its renewal window opened (the renewal campaign, once per expiry).
   */
  validity?: Validity & { renewalNoticeAt?: Date };
  history: { status: CardStatus; at: Date }[];
  /** When the registry last changed the card's status (server time, for the e-card sync to follow). */
  changedAt?: Date;
  /** The loss report in force (a suspended or lost card). */
  loss?: { kind: 'temporary' | 'formal'; reportedAt: Date; lapsesAt?: Date };
  createdAt: Date;
  /** How many claimed moves the card has had (store/card-moves.ts); absent before the first. */
  version?: number;
}

export const cardIdFor = (applicationId: string): string => `C${applicationId.slice(1)}`;

/** A card as it enters the registry, at `at`. */
export type NewCard = Pick<
  CardDoc,
  '_id' | 'personKey' | 'applicationId' | 'status' | 'predecessorCardId' | 'cardNumber' | 'validity'
> & { at: Date };
