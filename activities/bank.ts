// Step 6: the bank writes the electronic wallet and opens the account. One request key per application, so
// however many attempts an outage causes, the person gets one account.
import type { Bank } from '../integrations/ports';
import type { Stores } from '../store';
import { applicantFor } from './applicant';
import { callPartner, fatal } from './failures';

export function createBankActivities({ stores, bank }: { stores: Stores; bank: Bank }) {
  return {
    async openBankAccount(input: {
      applicationId: string;
      cardId: string;
      at: string;
      revision?: number;
      /** The card as printed (from the manufacturer's report); read from the registry when not given. */
      printed?: { cardNumber: string; chipId: string };
    }): Promise<{ opened: 'new' | 'existing' }> {
      const { applicant } = await applicantFor(stores, input.applicationId, input.revision);
      const printed = input.printed ?? (await stores.cards.get(input.cardId));
      if (!printed?.cardNumber || !printed.chipId)
        fatal('APPLICATION_NOT_FOUND', 'no printed card for this application');
      const { cardNumber, chipId } = printed;
      const account = await callPartner(() =>
        bank.openAccount({
          requestKey: `${input.applicationId}:bank-account`,
          residentId: applicant.residentId,
          name: applicant.name,
          cardNumber,
          chipId,
        }),
      );
      await stores.cards.activateBank(input.cardId, { ...account, at: new Date(input.at) });
      return { opened: account.opened };
    },
  };
}
