// Step 4: pre-judgment against the provincial card registry. A person's earlier card is cancelled, with the new
// card named as its successor, before any print order exists; a renewed card is not: it ends once its successor is
// issued (endRenewedCard). The new card's validity is set here, from the holder's age and the region's policy.
import { SYSTEM } from '../domain/actors';
import type { RegistrationPort } from '../store/ports/activities';
import { type CancellationReason, type CardDoc, type CardStatus, cardIdFor } from '../domain/documents/cards';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { rowSetting } from '../domain/deadline-policy';
import { parseResidentId } from '../domain/resident-id';
import { NATIONAL_VALIDITY, type Validity, validityOf } from '../domain/validity';
import { fatal } from './failures';

/** Why a card the holder's new card supersedes ends, by where it stands. */
const REASON_BY_STATUS: Partial<Record<CardStatus, CancellationReason>> = {
  issued: 'REPLACED_BY_NEW_CARD',
  suspended: 'REPLACED_BY_NEW_CARD',
  awaiting_collection: 'REPLACED_BY_NEW_CARD',
  lost: 'LOST_AND_REPLACED',
  pending_print: 'SUPERSEDED',
  printed: 'SUPERSEDED',
  at_bank: 'SUPERSEDED',
  bank_activated: 'SUPERSEDED',
};

/** A card pays (its financial function is active at the bank) from its account's opening until a loss report. */
const PAYING: readonly CardStatus[] = ['bank_activated', 'awaiting_collection', 'issued'];

export interface Registration {
  cardId: string;
  cancelled: {
    cardId: string;
    previousStatus: CardStatus;
    reason: CancellationReason;
    /**
     * `active`: the card paid until this registration ended it, so the bank must freeze it (named since 0.6.1: a
     * registration recorded before names none, and the workflow then asks the bank for nothing, as it did).
     */
    financialFunction?: 'active';
  }[];
}

type Ended = Registration['cancelled'][number];

/** A card its successor ended, as the workflow records it: whether the bank must end its financial function. */
function ended(old: CardDoc): Ended {
  const previousStatus = old.history.at(-2)?.status ?? old.status;
  // A card from before sscard has no chip the bank knows: nothing of it pays through sscard's bank.
  const paid = old.chipId !== undefined && !old.bank?.closedAt && PAYING.includes(previousStatus);
  return {
    cardId: old._id,
    previousStatus,
    reason: old.cancellation!.reason,
    ...(paid ? { financialFunction: 'active' as const } : {}),
  };
}

export function createRegistryActivities({ stores }: { stores: RegistrationPort }) {
  /** The region's validity for the holder's age on the day the card is registered. */
  async function validityFor(applicationId: string, region: string, on: string): Promise<Validity> {
    const applicant = await stores.currentApplicant(applicationId);
    if (!applicant) fatal('REVISION_NOT_FOUND');
    const facts = parseResidentId(applicant.residentId, on);
    if (!facts.ok) fatal(facts.code);
    const row = rowSetting(await stores.policies.all(), 'validity', region, on);
    return validityOf(row?.id ?? NATIONAL_VALIDITY, row?.validity, facts.value.birthDate, on);
  }

  return {
    async registerCard({
      applicationId,
      at,
      personKey,
      renews,
    }: {
      applicationId: string;
      at: string;
      /** The person's key (from the workflow's input); read from the submission when not given. */
      personKey?: string;
      /** A renewal's card in use (0.8.0 on): it stays valid until this one is issued. */
      renews?: string;
    }): Promise<Registration> {
      const doc = await stores.applications.get(applicationId);
      const holder = personKey ?? doc?.personKey;
      if (!holder || !doc) fatal('APPLICATION_NOT_FOUND');
      const cardId = cardIdFor(applicationId);
      const when = new Date(at);
      const card = {
        _id: cardId,
        personKey: holder,
        applicationId,
        status: 'pending_print' as const,
        validity: await validityFor(applicationId, doc.region, shanghaiDate(when)),
        at: when,
      };
      // Most people get their first card: naming it theirs is the whole registration.
      if ((await stores.cards.addIfFirst(card)) === 'first') return { cardId, cancelled: [] };
      for (const old of await stores.cards.cardsOf(holder)) {
        // The reason is taken from where the card stands when it is moved: its card life may move it meanwhile.
        if (old._id !== cardId && old._id !== renews && REASON_BY_STATUS[old.status])
          await stores.cards.cancel(old._id, (status) => REASON_BY_STATUS[status], SYSTEM, when, cardId);
      }
      // Read back rather than remember: a retried attempt reports what the first one cancelled.
      const cancelled = (await stores.cards.cardsOf(holder))
        .filter((old) => old.cancellation?.successorCardId === cardId)
        .map(ended);
      // The card that was in the holder's hands (at most one) is this one's predecessor.
      const predecessor = renews ?? cancelled.find((old) => old.reason !== 'SUPERSEDED')?.cardId;
      await stores.cards.add({ ...card, ...(predecessor ? { predecessorCardId: predecessor } : {}) });
      return { cardId, cancelled };
    },

    /**
     * A renewal's new card was issued: the renewed card ends now, naming its successor (a retry finds it ended so).
     * Nothing when it ended otherwise meanwhile (cancelled by its card life).
     */
    async endRenewedCard(input: {
      cardId: string;
      successorCardId: string;
      at: string;
    }): Promise<Ended | null> {
      const { cardId, successorCardId } = input;
      await stores.cards.cancel(
        cardId,
        (status) => REASON_BY_STATUS[status],
        SYSTEM,
        new Date(input.at),
        successorCardId,
      );
      const old = await stores.cards.get(cardId);
      return old?.cancellation?.successorCardId === successorCardId ? ended(old) : null;
    },
  };
}
