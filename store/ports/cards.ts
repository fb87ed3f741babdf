// The card registry, print orders, the bank's receipts and the national feeds' books, as sscard's code may use
// them: the contracts store/ implements over MongoDB. Callers name the part they need (./activities.ts,
// ./client.ts); who writes which document is in docs/records.md.
import type { Actor } from '../../domain/actors';
import type { LocalDate } from '../../domain/calendar/shanghai-time';
import type { BankReceiptDoc } from '../../domain/documents/bank-receipts';
import type { FeedDoc } from '../../domain/documents/card-feeds';
import type { CancellationReason, CardDoc, CardStatus, NewCard } from '../../domain/documents/cards';
import type { PrintOrderDoc, PrintSettlement } from '../../domain/documents/print-orders';
import type { ParcelDoc } from '../../domain/documents/parcels';
import type { CourierEvent } from '../../integrations/ports';
import type { CardReceipt, CollectionRecord } from '../../domain/messages';

export interface CardStore {
  get(cardId: string): Promise<CardDoc | null>;
  /** A person's cards, by person key. */
  cardsOf(personKey: string): Promise<CardDoc[]>;
  /**
   * Cards whose status is now one of `statuses`, in the order of their last change, after the change `after`
   * (its time and card ID: cards changed at the same millisecond are told apart by ID); all when not given.
   */
  changedSince(
    after: { changedAt: Date; cardId: string } | undefined,
    statuses: readonly CardStatus[],
    limit: number,
  ): Promise<CardDoc[]>;
  /** Adds a card to the registry (a new one, or one issued before sscard: `status` says which). */
  add(card: NewCard): Promise<void>;
  /**
   * Registers a person's first card: `first` when the person held no card before; otherwise (`more`) nothing is
   * written, and the caller cancels what must go before it adds the card.
   */
  addIfFirst(card: NewCard): Promise<'first' | 'more'>;
  /**
   * Takes a card out of use for good (`replaced` when a successor supersedes it in the holder's hands); the
   * reason may depend on where the card stands when it is moved (none: it is left as it is). True when this call
   * moved it.
   */
  cancel(
    cardId: string,
    reason: CancellationReason | ((status: CardStatus) => CancellationReason | undefined),
    by: Actor,
    at: Date,
    successorCardId?: string,
  ): Promise<boolean>;
  /** The manufacturer printed it: the card now has its number and chip. */
  markPrinted(
    cardId: string,
    printed: Pick<CardDoc, 'cardNumber' | 'chipId' | 'madeAt'>,
    at: Date,
  ): Promise<boolean>;
  /** The bank, holding the card, bound the account: at the bank and activated, in one write. */
  activateBank(cardId: string, bank: NonNullable<CardDoc['bank']>): Promise<boolean>;
  /** The bank closed what it opened for this card (a withdrawal): kept on the card, once. */
  closeBank(cardId: string, at: Date): Promise<void>;
  /**
   * A withdrawn card's predecessors get back the status its registration cancelled, unless they were lost.
   * Returns the cards restored, also those an earlier attempt restored.
   */
  restorePredecessors(
    successorCardId: string,
    personKey: string,
    at: Date,
  ): Promise<{ cardId: string; status: CardStatus }[]>;
  /** A loss report, its lift or its lapse: issued, suspended or lost, once; the report in force kept with it. */
  recordLoss(
    cardId: string,
    from: CardStatus[],
    to: 'issued' | 'suspended' | 'lost',
    loss: CardDoc['loss'] | null,
    at: Date,
  ): Promise<boolean>;
  /**
   * Issued cards whose renewal window opened by `on` and whose holder was not told yet, in the order their windows
   * opened, after the card `after`.
   */
  dueForRenewal(
    on: LocalDate,
    after: { renewableFrom: LocalDate; cardId: string } | undefined,
    limit: number,
  ): Promise<CardDoc[]>;
  /** The holder was told that the card's renewal window opened, for this expiry: kept on the card once. */
  noteRenewalNotice(cardId: string, expiresOn: LocalDate, at: Date): Promise<boolean>;
  awaitCollection(cardId: string, at: Date): Promise<boolean>;
  registerCollection(cardId: string, record: CollectionRecord, at: Date): Promise<boolean>;
}

/** Parcels of the online lane (store/parcels.ts). */
export interface ParcelStore {
  get(parcelId: string): Promise<ParcelDoc | null>;
  /** The application's latest parcel. */
  forApplication(applicationId: string): Promise<ParcelDoc | null>;
  book(doc: ParcelDoc): Promise<'inserted' | 'existed'>;
  dispatched(parcelId: string, trackingNumber: string): Promise<void>;
  /** A courier's report, kept in the parcel's events (a resent one changes nothing). */
  note(parcelId: string, event: CourierEvent, at: Date, attempt?: number): Promise<void>;
}

export interface PrintOrderStore {
  /** An order as it stands: settled by its application, or by a report no application took. */
  get(orderId: string): Promise<PrintOrderDoc | null>;
  /**
   * An order as its application keeps it, leaving out a report the API kept for it: what a new report is checked
   * against, whose receipt then decides whether it is the first (one read fewer than `get` on every report).
   */
  asPlaced(orderId: string): Promise<PrintOrderDoc | null>;
  place(doc: PrintOrderDoc): Promise<'inserted' | 'existed'>;
  /** An order a withdrawal cancels before it was placed: 'existed' when it was placed meanwhile. */
  cancelUnplaced(applicationId: string, orderId: string, at: Date): Promise<'inserted' | 'existed'>;
  /** Settles an open order once; false when it was settled already (a repeated report changes nothing). */
  settle(orderId: string, status: PrintSettlement['status'], at: Date, failedAt?: string): Promise<boolean>;
  /** Takes the first report on an order; false for any later one. */
  receiveReport(orderId: string, at: Date): Promise<boolean>;
  /** Gives a report back when it could not be delivered, so the partner's retry is taken. */
  forgetReport(orderId: string): Promise<void>;
  /** Keeps a received report no application will take (its application closed): it settles the order. */
  keepUntaken(orderId: string, settlement: PrintSettlement): Promise<void>;
  /** A card's print orders as they stand, in the order they were placed. */
  forCard(cardId: string): Promise<PrintOrderDoc[]>;
}

export interface BankReceiptStore {
  get(chipId: string): Promise<BankReceiptDoc | null>;
  /** Records each chip's arrival once (a resent receipt changes nothing); returns how many were new. */
  record(receipt: CardReceipt, now?: Date): Promise<number>;
}

/** A national party's feed: what it was told of each card, and where the last run stopped. */
export interface CardFeedStore<S extends string> {
  get(cardId: string): Promise<FeedDoc<S> | null>;
  told(doc: FeedDoc<S>): Promise<void>;
  /** Where the last sync stopped: the registry's changes up to this time were told. */
  cursor(): Promise<Date | undefined>;
  advance(changedAt: Date): Promise<void>;
}
