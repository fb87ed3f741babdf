// The moves of a card that two writers may make at once: its card life (a loss report, its lift or lapse, a
// cancellation) and the holder's next application (its registration ends the card, its withdrawal gives it back).
// FerretDB applies an update as read, modify, overwrite, with no transaction: a filter on the status a move leaves
// does not hold between two writers, both pass it and the later write overwrites the earlier. What it does make
// atomic is an insert under a unique key. So a move first claims the card's next version in `card_moves` (keyed by
// card and version) with the card as the move leaves it; only then is the card written, whole, as claimed. A writer
// that loses the claim takes up the winner's move and decides again from there. Whoever writes the card looks for a
// later claim before it returns and writes that one too, so the card ends at its last claimed move, also when a
// claimant died between its claim and its write.
import type { Collection, Db } from 'mongodb';
import type { CardDoc } from '../domain/documents/cards';
import { byId, insertOnce } from './mongo';

/** A move as a writer decides it from where the card stands; a field set to undefined is removed. */
export type CardChange = Partial<Omit<CardDoc, '_id' | 'history' | 'version' | 'changedAt' | 'createdAt'>> &
  Pick<CardDoc, 'status'>;

interface CardMoveDoc {
  _id: string;
  cardId: string;
  /** The card as the move leaves it. */
  card: CardDoc;
}

const versionOf = (card: CardDoc): number => card.version ?? 0;
const moveId = (cardId: string, version: number): string => `${cardId}:v${String(version).padStart(4, '0')}`;

/**
 * The card after `change`, one version on: the driver would store an undefined field as null, so it is left out. A
 * change that keeps the status (a note on the card) is no step of its history, and no change the feeds follow.
 */
function moved(card: CardDoc, change: CardChange, at: Date): CardDoc {
  const kept = change.status === card.status;
  const next: Record<string, unknown> = {
    ...card,
    ...change,
    version: versionOf(card) + 1,
    history: kept ? card.history : [...card.history, { status: change.status, at }],
    changedAt: kept ? card.changedAt : new Date(),
  };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as unknown as CardDoc;
}

export function createCardMoves(db: Db, cards: Collection<CardDoc>) {
  const moves = db.collection<CardMoveDoc>('card_moves');

  /** Writes the card as claimed, then every move claimed after it. */
  async function writeFrom(card: CardDoc): Promise<void> {
    for (let next: CardDoc | undefined = card; next;) {
      await cards.replaceOne(byId(next._id), next);
      next = (await moves.findOne(byId(moveId(next._id, versionOf(next) + 1))))?.card;
    }
  }

  /**
   * Moves the card as `change` decides from where it stands (undefined: no move from there). True when this call
   * made the move; false when the card is not found or the change refuses it as the card stands after every
   * claimed move.
   */
  return async function claimMove(
    cardId: string,
    change: (card: CardDoc) => CardChange | undefined,
    at: Date,
  ): Promise<boolean> {
    for (;;) {
      const card = await cards.findOne(byId(cardId));
      if (!card) return false;
      const decided = change(card);
      if (decided) {
        const next = moved(card, decided, at);
        const claim = await insertOnce(db, 'card_moves', {
          _id: moveId(cardId, versionOf(next)),
          cardId,
          card: next,
        });
        if (claim === 'inserted') {
          await writeFrom(next);
          return true;
        }
      }
      // Another writer claimed the next version (its write may not have landed yet): take its move up and decide
      // again from there. With no such claim, the card stands where it was read, and the change refused it.
      const later = await moves.findOne(byId(moveId(cardId, versionOf(card) + 1)));
      if (!later) return false;
      await writeFrom(later.card);
    }
  };
}
