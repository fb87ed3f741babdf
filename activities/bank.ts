// Step 6: once the manufacturer's shipment reached the cooperative bank, the bank writes the electronic wallet and
// opens the account. One request key per application, so however many attempts an outage causes, the person gets
// one account.
import type { Bank, CloseAccountResult, Notifier } from '../integrations/ports';
import type { BankStepPort } from '../store/ports/activities';
import { applicantFor } from './applicant';
import { callPartner, fatal } from './failures';
import { waitLonger } from './waiting';

export function createBankActivities(deps: { stores: BankStepPort; bank: Bank; notifier: Notifier }) {
  const { stores, bank } = deps;

  /** The bank binds only a card it holds: step 6 waits for the card's receipt (./waiting.ts says how). */
  async function awaitHandOver(applicationId: string, chipId: string): Promise<void> {
    // The card's timeline shows it at the bank with the activation (the receipt keeps the bank's own time).
    if (await stores.bankReceipts.get(chipId)) return;
    await waitLonger(deps, {
      applicationId,
      stage: 'bank_account',
      escalation: 'shipment_overdue',
      code: 'CARD_NOT_AT_BANK',
      message:
        'waiting for the cooperative bank to confirm receipt of the printed card from the manufacturer',
    });
  }

  return {
    async openBankAccount(input: {
      applicationId: string;
      cardId: string;
      at: string;
      revision?: number;
      /** The card as printed (from the manufacturer's report); read from the registry when not given. */
      printed?: { cardNumber: string; chipId: string };
      /** Made at the counter (the instant lane): the bank activates it there, no shipment to wait for. */
      atCounter?: boolean;
    }): Promise<{ opened: 'new' | 'existing' }> {
      const { applicant } = await applicantFor(stores, input.applicationId, input.revision);
      const printed = input.printed ?? (await stores.cards.get(input.cardId));
      if (!printed?.cardNumber || !printed.chipId)
        fatal('APPLICATION_NOT_FOUND', 'no printed card for this application');
      const { cardNumber, chipId } = printed;
      if (!input.atCounter) await awaitHandOver(input.applicationId, chipId);
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
      if (!card?.chipId) return { closed: 'nothing' };
      if (card.bank?.closedAt) return { closed: card.bank.opened === 'new' ? 'account' : 'wallet' };
      // Asked also when the registry shows no account: a withdrawal stops step 6 while it waits for the card, and an
      // attempt that opened the account but lost the bank's answer is then not retried. The bank knows.
      if (!card.bank && !card.madeAt && !(await stores.bankReceipts.get(card.chipId)))
        return { closed: 'nothing' };
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
