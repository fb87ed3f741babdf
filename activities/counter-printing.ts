// The instant lane's print: the card made on the counter's own printer while the person waits. Business outcomes
// come back as values (the printer jammed or ran out of blanks, a card another province has not cancelled yet);
// the workflow hands such an application over to the manufacturer's lane, as it does when the lane's time runs out.
import type { CounterPrinter, NationalCardRegistry } from '../integrations/ports';
import { PrinterFaultError } from '../integrations/ports';
import type { CounterPrintingPort } from '../store/ports/activities';
import { applicantFor } from './applicant';
import { callPartner } from './failures';
import type { SignedLinks } from './links';
import { cardsElsewhere, photoLink } from './printing';

export type CounterPrint =
  | { made: true; cardNumber: string; chipId: string; blankSerial: string }
  | {
      made: false;
      code: 'PRINTER_JAMMED' | 'PRINTER_OUT_OF_BLANKS' | 'PRINTER_SILENT' | 'CARD_IN_OTHER_PROVINCE';
      message: string;
    };

export function createCounterPrintingActivities(deps: {
  stores: CounterPrintingPort;
  printer: CounterPrinter;
  national: NationalCardRegistry;
  links?: SignedLinks;
}) {
  const { stores, printer, links } = deps;
  return {
    /**
     * Makes the card at the counter, once per print ID (the printer's idempotency key); the workflow registers the
     * card it takes with its next record write. One person, one card nationwide: a card another province issued
     * must be cancelled there first, which takes days, so such a card is not made here.
     */
    async printAtCounter(input: {
      applicationId: string;
      printId: string;
      counterId: string;
      at: string;
      revision?: number;
    }): Promise<CounterPrint> {
      const { doc, applicant } = await applicantFor(stores, input.applicationId, input.revision);
      const elsewhere = await cardsElsewhere(deps, doc.unitId, applicant.residentId);
      if (elsewhere.length > 0) {
        return {
          made: false,
          code: 'CARD_IN_OTHER_PROVINCE',
          message: `${elsewhere.length} card(s) of another province must be cancelled first`,
        };
      }
      // A fault is the printer's answer, not an outage: it comes back as the outcome, never retried.
      const card = await callPartner(() =>
        printer
          .print({
            printId: input.printId,
            counterId: input.counterId,
            residentId: applicant.residentId,
            name: applicant.name,
            photoId: applicant.photoId ?? '',
            ...photoLink(links, applicant.photoId, input.at),
          })
          .catch((error: unknown) => {
            if (error instanceof PrinterFaultError) return error;
            throw error;
          }),
      );
      if (card instanceof PrinterFaultError) {
        const code = card.fault === 'jammed' ? 'PRINTER_JAMMED' : 'PRINTER_OUT_OF_BLANKS';
        return { made: false, code, message: card.message };
      }
      return { made: true, ...card };
    },

    /**
     * A print whose answer did not come within the lane's time: the card the printer made for it, or none, and then
     * none ever will be, so that the manufacturer's card is the person's only one.
     */
    async settleCounterPrint(input: { printId: string }): Promise<CounterPrint> {
      const { made } = await callPartner(() => printer.settle(input.printId));
      return made
        ? { made: true, ...made }
        : { made: false, code: 'PRINTER_SILENT', message: 'the printer made no card in time' };
    },
  };
}
