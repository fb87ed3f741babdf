// The provincial social security card registry: every card with its lifecycle, and per person the list of
// their cards (keyed by person key, so the registry is read by _id). Each move is guarded by the status it
// leaves, which makes every write safe to retry. Who writes what (docs/records.md): while the card is being
// issued, its own application alone, one move at a time; a card in use or ended is moved by its card life and by
// the holder's next application, so those moves are claimed first (./card-moves.ts).
import type { Db } from 'mongodb';
import type { Actor } from '../domain/actors';
import {
  type CancellationReason,
  type CardDoc,
  type CardStatus,
  ENDED_STATUSES,
  type NewCard,
} from '../domain/documents/cards';
import type { LocalDate } from '../domain/calendar/shanghai-time';
import type { CollectionRecord } from '../domain/messages';
import { createCardMoves } from './card-moves';
import { byId, insertOnce, updateOrInsert } from './mongo';
import { oldestFirstAfter } from './pages';
import type { CardStore } from './ports/cards';

/** Reasons that mean a card in the holder's hands was superseded by a successor: the card is `replaced`. */
const REPLACING: readonly CancellationReason[] = ['REPLACED_BY_NEW_CARD', 'LOST_AND_REPLACED'];

interface HolderDoc {
  _id: string; // person key
  cardIds: string[];
}

export function createCardStore(db: Db): CardStore {
  const cards = db.collection<CardDoc>('cards');
  const holders = db.collection<HolderDoc>('card_holders');
  const claimMove = createCardMoves(db, cards);

  const insertCard = (card: NewCard) =>
    insertOnce(db, 'cards', {
      _id: card._id,
      personKey: card.personKey,
      ...(card.applicationId ? { applicationId: card.applicationId } : {}),
      status: card.status,
      ...(card.predecessorCardId ? { predecessorCardId: card.predecessorCardId } : {}),
      ...(card.cardNumber ? { cardNumber: card.cardNumber } : {}),
      ...(card.validity ? { validity: card.validity } : {}),
      history: [{ status: card.status, at: card.at }],
      changedAt: new Date(),
      createdAt: card.at,
    } satisfies CardDoc);

  const holdsAlso = (personKey: string, cardId: string) =>
    updateOrInsert(
      holders,
      personKey,
      { $addToSet: { cardIds: cardId } },
      { _id: personKey, cardIds: [cardId] },
    );

  /** Moves a card being issued to `to` once; a repeat finds it there already and changes nothing. */
  async function move(
    cardId: string,
    from: CardStatus[],
    to: CardStatus,
    at: Date,
    set: Partial<CardDoc> = {},
  ): Promise<boolean> {
    const result = await cards.updateOne(
      { _id: cardId, status: { $in: from } },
      // $addToSet, not $push: the same effect here (entries differ by time), and FerretDB runs $push as a scan.
      { $set: { status: to, ...set, changedAt: new Date() }, $addToSet: { history: { status: to, at } } },
    );
    return result.modifiedCount === 1;
  }

  async function cardsOf(personKey: string): Promise<CardDoc[]> {
    const holder = await holders.findOne({ _id: personKey });
    if (!holder) return [];
    // One primary-key read per card (a person has a few): FerretDB runs `$in` on _id as a collection scan.
    const found = await Promise.all(holder.cardIds.map((id) => cards.findOne(byId(id))));
    return found.filter((card): card is CardDoc => card !== null);
  }

  return {
    get: (cardId: string) => cards.findOne({ _id: cardId }),
    cardsOf,

    /**
     * Cards whose status is now one of `statuses`, in the order of their last change, after the change `after`
     * (its time and card ID: cards changed at the same millisecond are told apart by ID); all when not given.
     */
    changedSince: (
      after: { changedAt: Date; cardId: string } | undefined,
      statuses: readonly CardStatus[],
      limit: number,
    ) =>
      cards
        .find({
          status: { $in: [...statuses] },
          ...oldestFirstAfter<CardDoc>('changedAt', after && { at: after.changedAt, id: after.cardId }),
        })
        .sort({ changedAt: 1, _id: 1 })
        .limit(limit)
        .toArray(),

    /** Adds a card to the registry (a new one, or one issued before sscard: `status` says which). */
    async add(card: NewCard): Promise<void> {
      await insertCard(card);
      await holdsAlso(card.personKey, card._id);
    },

    /**
     * Registers a person's first card in two writes: `first` when the person held no card before; otherwise
     * (`more`) nothing is written, and the caller cancels what must go before it adds the card.
     */
    async addIfFirst(card: NewCard): Promise<'first' | 'more'> {
      const claimed = await insertOnce(db, 'card_holders', { _id: card.personKey, cardIds: [card._id] });
      if (claimed === 'existed') {
        const holder = await holders.findOne(byId(card.personKey));
        // Our own claim on an earlier attempt: the person's only card is this one.
        if (holder?.cardIds.length !== 1 || holder.cardIds[0] !== card._id) return 'more';
      }
      await insertCard(card);
      return 'first';
    },

    /**
     * Takes a card out of use for good: `replaced` when a successor supersedes it in the holder's hands. The reason
     * may depend on where the card stands when it is moved (none: it is left as it is).
     */
    cancel: (
      cardId: string,
      reason: CancellationReason | ((status: CardStatus) => CancellationReason | undefined),
      by: Actor,
      at: Date,
      successorCardId?: string,
    ): Promise<boolean> =>
      claimMove(
        cardId,
        (card) => {
          const why = typeof reason === 'function' ? reason(card.status) : reason;
          if (!why || ENDED_STATUSES.includes(card.status)) return undefined;
          return {
            status: REPLACING.includes(why) ? 'replaced' : 'cancelled',
            cancellation: { reason: why, at, by, ...(successorCardId ? { successorCardId } : {}) },
          };
        },
        at,
      ),

    /** The manufacturer printed it: the card now has its number and chip. */
    markPrinted: (cardId: string, printed: Pick<CardDoc, 'cardNumber' | 'chipId' | 'madeAt'>, at: Date) =>
      move(cardId, ['pending_print'], 'printed', at, printed),

    /**
     * The bank, holding the card (its receipt is in), bound the account: the card was at the bank, and is
     * activated now. One write for both: step 6 binds as soon as it finds the receipt.
     */
    async activateBank(cardId: string, bank: NonNullable<CardDoc['bank']>): Promise<boolean> {
      const result = await cards.updateOne(
        { _id: cardId, status: { $in: ['printed', 'at_bank'] } },
        {
          $set: { status: 'bank_activated', bank, changedAt: new Date() },
          $addToSet: {
            history: {
              $each: [
                { status: 'at_bank', at: bank.at },
                { status: 'bank_activated', at: bank.at },
              ],
            },
          },
        },
      );
      return result.modifiedCount === 1;
    },

    /** The bank closed what it opened for this card (a withdrawal): kept on the card, once. */
    async closeBank(cardId: string, at: Date): Promise<void> {
      await cards.updateOne(
        { _id: cardId, bank: { $exists: true }, 'bank.closedAt': { $exists: false } },
        { $set: { 'bank.closedAt': at } },
      );
    },

    /**
     * A withdrawn card's predecessors get back the status its registration cancelled, unless they were lost: a
     * lost card never becomes valid again. Returns the cards restored, also those an earlier attempt restored.
     */
    async restorePredecessors(
      successorCardId: string,
      personKey: string,
      at: Date,
    ): Promise<{ cardId: string; status: CardStatus }[]> {
      const restored: { cardId: string; status: CardStatus }[] = [];
      for (const old of await cardsOf(personKey)) {
        let status: CardStatus | undefined;
        const moved = await claimMove(
          old._id,
          (card) => {
            const { cancellation } = card;
            if (!ENDED_STATUSES.includes(card.status) || cancellation?.successorCardId !== successorCardId)
              return undefined;
            if (cancellation.reason === 'LOST_AND_REPLACED') return undefined;
            status = card.history.at(-2)?.status;
            return status && { status, restoredFrom: cancellation, cancellation: undefined };
          },
          at,
        );
        if (moved) restored.push({ cardId: old._id, status: status! });
        else if (old.restoredFrom?.successorCardId === successorCardId)
          restored.push({ cardId: old._id, status: old.status });
      }
      return restored;
    },

    /**
     * A loss report, its lift or its lapse: the card moves between issued, suspended and lost, once (a retry
     * finds it moved). The report in force is kept on the card with the move.
     */
    recordLoss: (
      cardId: string,
      from: CardStatus[],
      to: 'issued' | 'suspended' | 'lost',
      loss: CardDoc['loss'] | null,
      at: Date,
    ): Promise<boolean> =>
      claimMove(
        cardId,
        (card) => (from.includes(card.status) ? { status: to, loss: loss ?? undefined } : undefined),
        at,
      ),

    /**
     * Issued cards whose renewal window opened by `on` and whose holder was not told yet, in the order their
     * windows opened, after the card `after` (its window's first day and ID).
     */
    dueForRenewal: (
      on: LocalDate,
      after: { renewableFrom: LocalDate; cardId: string } | undefined,
      limit: number,
    ) =>
      cards
        .find({
          status: 'issued',
          'validity.renewalNoticeAt': { $exists: false },
          'validity.renewableFrom': { $lte: on },
          ...oldestFirstAfter<CardDoc>(
            'validity.renewableFrom',
            after && { at: after.renewableFrom, id: after.cardId },
          ),
        })
        .sort({ 'validity.renewableFrom': 1, _id: 1 })
        .limit(limit)
        .toArray(),

    /**
     * The holder was told that the card's renewal window opened, for this expiry: kept on the card once, as a claimed
     * move (its card life may move it meanwhile) that keeps its status. False when the card is no longer issued.
     */
    noteRenewalNotice: (cardId: string, expiresOn: LocalDate, at: Date): Promise<boolean> =>
      claimMove(
        cardId,
        (card) =>
          card.status === 'issued' && card.validity?.expiresOn === expiresOn && !card.validity.renewalNoticeAt
            ? { status: card.status, validity: { ...card.validity, renewalNoticeAt: at } }
            : undefined,
        at,
      ),

    awaitCollection: (cardId: string, at: Date) =>
      move(cardId, ['bank_activated'], 'awaiting_collection', at),

    registerCollection: (cardId: string, record: CollectionRecord, at: Date) => {
      const { actor, ...collection } = record;
      return move(cardId, ['awaiting_collection'], 'issued', at, {
        collection: { ...collection, registeredBy: actor, registeredAt: at },
      });
    },
  };
}
