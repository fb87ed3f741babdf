// A person's cards at the counter, by resident ID number: the provincial registry's record of each, with its photo
// for the staff who compare it with the person, and the card in force.
import type { Actor } from '../domain/actors';
import { type CardLookup, cardLookupSchema } from '../domain/cards';
import { IN_USE } from '../domain/card-life';
import { UNTRACKED_USE, useView } from '../domain/card-use';
import { denial } from '../domain/permissions';
import { isStoredPhotoId } from '../domain/photos';
import { personKey } from '../crypto/person-key';
import { type CardDoc, ENDED_STATUSES } from '../domain/documents/cards';
import type { CardsPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { parseOrThrow } from './errors';

function validityView({ expiresOn, renewableFrom, renewalNoticeAt }: NonNullable<CardDoc['validity']>) {
  return {
    ...(expiresOn ? { expiresOn } : {}),
    ...(renewableFrom ? { renewableFrom } : {}),
    ...(renewalNoticeAt ? { renewalNoticeAt: renewalNoticeAt.toISOString() } : {}),
  };
}

export function createCardLookup({ stores, keyring }: ClientDeps<CardsPort>) {
  /** The photo sscard keeps for an application (its latest revision's), if any. */
  async function photoOf(applicationId: string): Promise<string | undefined> {
    const photoId = (await stores.currentApplicant(applicationId))?.photoId;
    return isStoredPhotoId(photoId) ? photoId : undefined;
  }

  return {
    /**
     * A person's cards (the provincial registry), by resident ID number: operators see any person's, a clerk only
     * the cards their own unit applied for.
     */
    async lookUpCards(request: unknown, actor: Actor): Promise<CardLookup> {
      authorize(actor, 'read');
      const { residentId } = parseOrThrow(cardLookupSchema, request);
      const key = personKey(residentId, keyring.personKeySecret);
      const cards = (await stores.cards.cardsOf(key)).sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      );
      const visible = [];
      const seesPhotos = denial(actor, 'see_photos') === null;
      for (const card of cards) {
        if (actor.role === 'unit_clerk') {
          const application = card.applicationId ? await stores.applications.get(card.applicationId) : null;
          if (application?.unitId !== actor.unitId) continue;
        }
        // Staff at the counter compare the person with the photo printed on the card.
        const photoId = seesPhotos && card.applicationId ? await photoOf(card.applicationId) : undefined;
        const ecard = await stores.ecards.get(card._id);
        // Only a card in use is used; one with no record was issued before sscard tracked its use.
        const use = IN_USE.includes(card.status)
          ? ((await stores.cardUse.get(card._id)) ?? UNTRACKED_USE)
          : null;
        visible.push({
          cardId: card._id,
          ...(card.applicationId ? { applicationId: card.applicationId } : {}),
          status: card.status,
          ...(card.predecessorCardId ? { predecessorCardId: card.predecessorCardId } : {}),
          ...(card.cardNumber ? { cardNumber: card.cardNumber } : {}),
          ...(photoId ? { photoId } : {}),
          ...(card.bank
            ? {
                bank: {
                  accountRef: card.bank.accountRef,
                  opened: card.bank.opened,
                  ...(card.bank.closedAt ? { closedAt: card.bank.closedAt.toISOString() } : {}),
                },
              }
            : {}),
          ...(card.collection ? { collectedOn: card.collection.receivedOn } : {}),
          ...(card.cancellation
            ? {
                cancellation: {
                  reason: card.cancellation.reason,
                  ...(card.cancellation.successorCardId
                    ? { successorCardId: card.cancellation.successorCardId }
                    : {}),
                  at: card.cancellation.at.toISOString(),
                },
              }
            : {}),
          ...(ecard ? { ecard: { status: ecard.status, syncedAt: ecard.syncedAt.toISOString() } } : {}),
          ...(card.validity ? { validity: validityView(card.validity) } : {}),
          history: card.history.map((h) => ({ status: h.status, at: h.at.toISOString() })),
          ...(use ? { use: useView(use) } : {}),
        });
      }
      // A renewed card is in force until its successor is issued.
      const current =
        visible.find((c) => c.status === 'issued' || c.status === 'suspended') ??
        visible.find((c) => !ENDED_STATUSES.includes(c.status) && c.status !== 'lost');
      return { ...(current ? { current } : {}), cards: visible };
    },
  };
}
