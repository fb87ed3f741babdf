// Step 6: the bank writes the electronic wallet and opens the account. One request key per application, so
// however many attempts an outage causes, the person gets one account.
import type { Bank, CloseAccountResult } from '../integrations/ports';
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

    /**
     * A withdrawal's undoing of step 6: the account opened for the card is closed with its wallet (an account the
     * person had before keeps running, only the card's wallet goes). Nothing to do when the bank never acted.
     */
    async closeBankAccount(input: {
      applicationId: string;
      cardId: string;
      at: string;
      revision?: number;
    }): Promise<CloseAccountResult> {
      const card = await stores.cards.get(input.cardId);
      if (!card?.bank || !card.chipId) return { closed: 'nothing' };
      if (card.bank.closedAt) return { closed: card.bank.opened === 'new' ? 'account' : 'wallet' };
      const { applicant } = await applicantFor(stores, input.applicationId, input.revision);
      const result = await callPartner(() =>
        bank.closeAccount({
          requestKey: `${input.applicationId}:bank-account-close`,
          openedWith: `${input.applicationId}:bank-account`,
          residentId: applicant.residentId,
          chipId: card.chipId!,
        }),
      );
      await stores.cards.closeBank(input.cardId, new Date(input.at));
      return result;
    },
  };
}
