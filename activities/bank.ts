// Step 6: the bank writes the electronic wallet and opens the account. One request key per application, so
// however many attempts an outage causes, the person gets one account.
import type { Bank } from '../integrations/ports';
import type { Stores } from '../store';
import { currentApplicant } from '../store/applications';
import { callPartner, fatal } from './failures';

export function createBankActivities({ stores, bank }: { stores: Stores; bank: Bank }) {
  return {
    async openBankAccount(input: {
      applicationId: string;
      cardId: string;
      at: string;
    }): Promise<{ opened: 'new' | 'existing' }> {
      const doc = await stores.applications.get(input.applicationId);
      const applicant = doc && currentApplicant(doc);
      const card = await stores.cards.get(input.cardId);
      if (!applicant || !card?.cardNumber || !card.chipId)
        fatal('APPLICATION_NOT_FOUND', 'no printed card for this application');
      const account = await callPartner(() =>
        bank.openAccount({
          requestKey: `${input.applicationId}:bank-account`,
          residentId: applicant.residentId,
          name: applicant.name,
          cardNumber: card.cardNumber!,
          chipId: card.chipId!,
        }),
      );
      await stores.cards.activateBank(input.cardId, { ...account, at: new Date(input.at) });
      return { opened: account.opened };
    },
  };
}
