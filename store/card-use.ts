// A card's use after issuance (domain/card-use.ts), one document per card beside the card's own, in a collection of
// its own: the card's moves rewrite the card whole (./card-moves.ts), so a use kept on it could be overwritten by a
// loss report's move made at the same time. Who writes it: the card's issuance seals it once (an insert under its
// key), then the card's life process alone writes it, one request at a time.
import type { Db } from 'mongodb';
import type { CardUse } from '../domain/card-use';
import { SEALED_USE } from '../domain/card-use';
import type { CardDoc } from '../domain/documents/cards';
import { insertOnce } from './mongo';

interface CardUseDoc extends CardUse {
  _id: string; // the card ID
}

export function createCardUseStore(db: Db) {
  const uses = db.collection<CardUseDoc>('card_use');
  const cards = db.collection<CardDoc>('cards');
  return {
    /** The card's use; null for a card issued before sscard tracked it. */
    async get(cardId: string): Promise<CardUse | null> {
      const doc = await uses.findOne({ _id: cardId });
      if (!doc) return null;
      const { _id, ...use } = doc;
      return use;
    },

    /** A card sscard issues starts sealed; a retry (or a later call) finds it and changes nothing. */
    async seal(cardId: string): Promise<void> {
      await insertOnce(db, 'card_use', { _id: cardId, ...SEALED_USE });
    },

    /** The use as the card's life process leaves it: written whole, the same on a retry. */
    async put(cardId: string, use: CardUse): Promise<void> {
      await uses.replaceOne({ _id: cardId }, use, { upsert: true });
    },

    /** The card whose chip a partner read. */
    withChip: (chipId: string): Promise<CardDoc | null> => cards.findOne({ chipId }),
  };
}

export type CardUseStore = ReturnType<typeof createCardUseStore>;
