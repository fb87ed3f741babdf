// Step 5: print orders to the manufacturer. The order ID (application + attempt) is the idempotency key.
import { PARTNER_ACCOUNTS } from '../domain/actors';
import type { PrintReport } from '../domain/messages';
import type { Manufacturer, NationalCardRegistry, Notifier, ProvincialCard } from '../integrations/ports';
import type { PrintingPort, PrintSettlementPort } from '../store/ports/activities';
import { applicantFor } from './applicant';
import { callPartner, fatal } from './failures';
import { linkBase, type SignedLinks } from './links';
import { isStoredPhotoId } from '../domain/photos';
import { sealPhotoLink } from '../crypto/photo-link';
import { waitLonger } from './waiting';

/** Settles a manufacturer's report: the card gets its number and chip, the order its outcome, each once. */
export async function settlePrintReport(
  stores: PrintSettlementPort,
  input: { cardId: string; report: PrintReport; at: string },
): Promise<void> {
  const { report } = input;
  const at = new Date(input.at);
  if (report.outcome === 'printed') {
    await stores.cards.markPrinted(
      input.cardId,
      { cardNumber: report.cardNumber, chipId: report.chipId },
      at,
    );
  }
  await stores.printOrders.settle(
    report.orderId,
    report.outcome,
    at,
    report.outcome === 'failed' ? report.stage : undefined,
  );
}

/** The person's cards other provinces issued and have not cancelled (yet), as the national registry knows them. */
export async function cardsElsewhere(
  { stores, national }: { stores: Pick<PrintingPort, 'units'>; national: NationalCardRegistry },
  unitId: string,
  residentId: string,
): Promise<ProvincialCard[]> {
  const own = (await stores.units.get(unitId))?.region.slice(0, 2);
  const cards = await callPartner(() => national.cardsOf(residentId));
  return cards.filter((c) => c.province !== own && c.status !== 'cancelled');
}

/** Where a printer fetches a photo sscard keeps (a link that works 72 hours): the photo itself is never sent. */
export function photoLink(
  links: SignedLinks | undefined,
  photoId: string | undefined,
  at: string,
): { photoUrl?: string } {
  if (!links || !isStoredPhotoId(photoId)) return {};
  const sealed = sealPhotoLink(photoId, new Date(at), links.secret);
  return { photoUrl: `${linkBase(links)}/v1/partners/manufacturer/photos/${sealed}` };
}

export function createPrintingActivities(deps: {
  stores: PrintingPort;
  manufacturer: Manufacturer;
  national: NationalCardRegistry;
  notifier: Notifier;
  links?: SignedLinks;
}) {
  const { stores, manufacturer, national, links } = deps;

  /**
   * One person, one card, nationwide: a card another province issued to the person is cancelled there before
   * anything is printed here. Each is asked for once (its request key) and its confirmation waited for
   * (./waiting.ts says how; escalated as `other_province_overdue`).
   */
  async function cancelElsewhere(applicationId: string, unitId: string, residentId: string): Promise<void> {
    let pending = 0;
    for (const card of await cardsElsewhere({ stores, national }, unitId, residentId)) {
      const { status } =
        card.status === 'valid'
          ? await callPartner(() =>
              national.requestCancellation({
                requestKey: `${applicationId}:national-cancel:${card.cardNumber}`,
                residentId,
                province: card.province,
                cardNumber: card.cardNumber,
              }),
            )
          : card;
      if (status !== 'cancelled') pending += 1;
    }
    if (pending === 0) return;
    await waitLonger(deps, {
      applicationId,
      stage: 'printing',
      escalation: 'other_province_overdue',
      code: 'CARD_IN_OTHER_PROVINCE',
      message: `waiting for another province to confirm it cancelled the card it issued (${pending} pending)`,
    });
  }

  return {
    async placePrintOrder(input: {
      applicationId: string;
      cardId: string;
      orderId: string;
      express: boolean;
      at: string;
      revision?: number;
    }): Promise<{ expectedBy: string }> {
      const { doc, applicant } = await applicantFor(stores, input.applicationId, input.revision);
      await cancelElsewhere(input.applicationId, doc.unitId, applicant.residentId);
      const stored = await stores.printOrders.place({
        _id: input.orderId,
        applicationId: input.applicationId,
        workflowId: doc.workflowId,
        cardId: input.cardId,
        manufacturer: PARTNER_ACCOUNTS.manufacturer.id,
        express: input.express,
        status: 'placed',
        placedAt: new Date(input.at),
      });
      // A withdrawal that found no order wrote it cancelled (cancelPrintOrder): an attempt still running then, on
      // a worker that had not heard of the withdrawal, places nothing (the fault run found one that did).
      if (stored === 'existed' && (await stores.printOrders.get(input.orderId))?.status === 'cancelled')
        fatal('ALREADY_CLOSED', 'the print order was cancelled before it was placed');
      const placed = await callPartner(() =>
        manufacturer.placeOrder({
          orderId: input.orderId,
          residentId: applicant.residentId,
          name: applicant.name,
          photoId: applicant.photoId ?? '',
          ...photoLink(links, applicant.photoId, input.at),
          express: input.express,
        }),
      );
      return { expectedBy: placed.expectedBy };
    },

    /**
     * Cancels an open order. When the manufacturer has finished it already, the order stays open for its report,
     * which settles it as any report does: `cancelled: false`.
     */
    async cancelPrintOrder(input: {
      applicationId: string;
      orderId: string;
      at: string;
    }): Promise<{ cancelled: boolean; placed?: false }> {
      // Never placed (the step was still waiting, on another province for one): nothing will be printed, and
      // nothing was cancelled (`placed: false` keeps it off the trail). The order is written cancelled, so that an
      // attempt to place it still running somewhere places nothing.
      const at = new Date(input.at);
      if ((await stores.printOrders.cancelUnplaced(input.applicationId, input.orderId, at)) === 'inserted')
        return { cancelled: true, placed: false };
      // Written cancelled already: by this call's earlier attempt (a tombstone names no manufacturer), or settled.
      const order = await stores.printOrders.get(input.orderId);
      if (order?.status === 'cancelled')
        return { cancelled: true, ...(order.manufacturer ? {} : { placed: false }) };
      const { cancelled, received } = await callPartner(() => manufacturer.cancelOrder(input.orderId));
      if (cancelled) await stores.printOrders.settle(input.orderId, 'cancelled', at);
      // Its placement never reached the factory, which voided the order: nothing to wait for, nothing cancelled.
      return { cancelled, ...(received === false ? { placed: false as const } : {}) };
    },
  };
}
