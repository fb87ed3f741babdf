// The electronic social security card follows the physical one: the e-card sync walks the registry's changes since
// its cursor and tells the national platform each card's new e-card status, once per change. It runs on a schedule
// (workflows/ecard-sync), apart from the card workflows, so it adds no event to their histories and an outage of
// the platform holds up no issuance.
import { Context } from '@temporalio/activity';
import type { ECardPlatform, ECardStatus } from '../integrations/ports';
import type { Stores } from '../store';
import type { CardDoc, CardStatus } from '../store/cards';
import { applicantFor } from './applicant';
import { callPartner } from './failures';

/** The e-card status of a card in each status that has one: an e-card exists from issuance on. */
export const ECARD_STATUS_OF: Partial<Record<CardStatus, ECardStatus>> = {
  issued: 'active',
  suspended: 'suspended',
  lost: 'suspended',
  cancelled: 'cancelled',
  replaced: 'cancelled',
};
const WITH_ECARD = Object.keys(ECARD_STATUS_OF) as CardStatus[];

/** A run starts this far before where the last one stopped: changes written meanwhile by a slower writer. */
const LOOKBACK_MS = 60_000;
const PAGE = 200;

/** A place in the registry's changes: the last change read. */
export interface ECardCursor {
  changedAt: string;
  cardId: string;
}

export interface ECardSyncPage {
  checked: number;
  told: number;
  /** Where the next page starts, when this one was full. */
  next?: ECardCursor;
}

export function createECardActivities({ stores, ecard }: { stores: Stores; ecard: ECardPlatform }) {
  /** What the platform must hear of this card now, if anything. */
  async function due(card: CardDoc): Promise<{ status: ECardStatus; change: number } | undefined> {
    const status = ECARD_STATUS_OF[card.status];
    const change = card.history.length;
    // No e-card yet, or a card issued before sscard (the registry does not know its holder's number).
    if (!status || !card.cardNumber || !card.applicationId) return undefined;
    const told = await stores.ecards.get(card._id);
    if (told && (told.change >= change || told.status === status)) return undefined;
    // A card withdrawn or superseded before it was ever issued never had an e-card.
    if (!told && !card.history.some((h) => h.status === 'issued')) return undefined;
    return { status, change };
  }

  return {
    /**
     * One page of the registry's changes, told to the platform: from `after`, or at the start of a run from a
     * little before where the last run stopped. Each change is told once (the platform's request key too).
     */
    async syncECards(input: { after?: ECardCursor } = {}): Promise<ECardSyncPage> {
      const stored = input.after ? undefined : await stores.ecards.cursor();
      const from = input.after
        ? { changedAt: new Date(input.after.changedAt), cardId: input.after.cardId }
        : stored && { changedAt: new Date(stored.getTime() - LOOKBACK_MS), cardId: '' };
      const cards = await stores.cards.changedSince(from, WITH_ECARD, PAGE);
      let told = 0;
      for (const card of cards) {
        const next = await due(card);
        if (next) {
          const { applicant } = await applicantFor(stores, card.applicationId!);
          await callPartner(() =>
            ecard.setStatus({
              requestKey: `${card._id}:ecard:${next.change}`,
              residentId: applicant.residentId,
              cardNumber: card.cardNumber!,
              status: next.status,
            }),
          );
          await stores.ecards.told({ _id: card._id, ...next, syncedAt: new Date() });
          told += 1;
        }
        Context.current().heartbeat();
      }
      const last = cards.at(-1);
      if (last?.changedAt && (!stored || last.changedAt > stored))
        await stores.ecards.advance(last.changedAt);
      return {
        checked: cards.length,
        told,
        ...(cards.length === PAGE && last?.changedAt
          ? { next: { changedAt: last.changedAt.toISOString(), cardId: last._id } }
          : {}),
      };
    },
  };
}
