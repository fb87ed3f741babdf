// A card feed tells a national party what changed in the registry: it walks the cards changed since its cursor and
// tells the party each card's new status, once per change. The e-card platform and the national card registry each
// follow one (./ecard.ts, ./national-registry.ts). Feeds run on schedules (workflows/card-feeds), apart from the
// card workflows, so they add no event to their histories and an outage of a party holds up no issuance.
import { Context } from '@temporalio/activity';
import type { CardFeedPort } from '../store/ports/activities';
import type { CardFeedStore } from '../store/ports/cards';
import type { CardDoc, CardStatus } from '../domain/documents/cards';
import type { Applicant } from '../domain/applicant';
import type { ApplicationDoc } from '../domain/documents/applications';
import { applicantFor } from './applicant';
import { callPartner } from './failures';

/** A run starts this far before where the last one stopped: changes written meanwhile by a slower writer. */
const LOOKBACK_MS = 60_000;
const PAGE = 200;

/** A place in the registry's changes: the last change read. */
export interface FeedCursor {
  changedAt: string;
  cardId: string;
}

export interface FeedPage {
  checked: number;
  told: number;
  /** Where the next page starts, when this one was full. */
  next?: FeedCursor;
}

export interface CardFeed<S extends string> {
  /** Where the feed keeps what it told. */
  books: CardFeedStore<S>;
  /** The party's status of a card in each registry status that has one (from issuance on). */
  statusOf: Partial<Record<CardStatus, S>>;
  /** Tells the party; `requestKey` is the same for every attempt at the same change. */
  tell(change: {
    requestKey: string;
    card: CardDoc & { cardNumber: string };
    application: ApplicationDoc;
    applicant: Applicant;
    status: S;
  }): Promise<void>;
}

/** One page of a feed: from `after`, or at the start of a run from a little before where the last run stopped. */
export function followFeed<S extends string>(stores: CardFeedPort, party: string, feed: CardFeed<S>) {
  const withStatus = Object.keys(feed.statusOf) as CardStatus[];

  /** What the party must hear of this card now, if anything. */
  async function due(card: CardDoc): Promise<{ status: S; change: number } | undefined> {
    const status = feed.statusOf[card.status];
    const change = card.history.length;
    // A card issued before sscard: the registry does not know its holder's number.
    if (!status || !card.cardNumber || !card.applicationId) return undefined;
    const told = await feed.books.get(card._id);
    if (told && (told.change >= change || told.status === status)) return undefined;
    // A card withdrawn or superseded before it was ever issued was never the party's business.
    if (!told && !card.history.some((h) => h.status === 'issued')) return undefined;
    return { status, change };
  }

  return async (input: { after?: FeedCursor } = {}): Promise<FeedPage> => {
    const stored = input.after ? undefined : await feed.books.cursor();
    const from = input.after
      ? { changedAt: new Date(input.after.changedAt), cardId: input.after.cardId }
      : stored && { changedAt: new Date(stored.getTime() - LOOKBACK_MS), cardId: '' };
    const cards = await stores.cards.changedSince(from, withStatus, PAGE);
    let told = 0;
    for (const card of cards) {
      const next = await due(card);
      if (next) {
        const { doc: application, applicant } = await applicantFor(stores, card.applicationId!);
        await callPartner(() =>
          feed.tell({
            requestKey: `${card._id}:${party}:${next.change}`,
            card: card as CardDoc & { cardNumber: string },
            application,
            applicant,
            status: next.status,
          }),
        );
        await feed.books.told({ _id: card._id, ...next, syncedAt: new Date() });
        told += 1;
      }
      Context.current().heartbeat();
    }
    const last = cards.at(-1);
    if (last?.changedAt && (!stored || last.changedAt > stored)) await feed.books.advance(last.changedAt);
    return {
      checked: cards.length,
      told,
      ...(cards.length === PAGE && last?.changedAt
        ? { next: { changedAt: last.changedAt.toISOString(), cardId: last._id } }
        : {}),
    };
  };
}
