// The activities of a card's life after issuance: the registry's record of a loss report, the bank's freeze, the
// holder's SMS, and when a temporary report lapses. Each write is guarded by the state it leaves, each partner
// call keyed by the card and the event, so every one is safe to retry.
import type { Actor } from '../domain/actors';
import {
  type CardCancellationReason,
  type CardInUse,
  type CardLifeStatus,
  DEFAULT_TEMPORARY_LOSS_WORKING_DAYS,
  IN_USE,
} from '../domain/card-life';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { selectPolicy } from '../domain/deadline-policy';
import type { CardUse } from '../domain/card-use';
import type { Bank, CardTerminals, Notifier } from '../integrations/ports';
import type { CardLifePort } from '../store/ports/activities';
import { contactFor } from './applicant';
import { callPartner, fatal } from './failures';

export function createCardLifeActivities({
  stores,
  bank,
  notifier,
  terminals,
}: {
  stores: CardLifePort;
  bank: Bank;
  notifier: Notifier;
  terminals: CardTerminals;
}) {
  async function card(cardId: string) {
    const doc = await stores.cards.get(cardId);
    if (!doc) fatal('CARD_NOT_FOUND');
    return doc;
  }

  return {
    /** When a temporary loss report made at `reportedAt` lapses: the end of the policy's last working day. */
    async temporaryLossLapse({
      cardId,
      reportedAt,
    }: {
      cardId: string;
      reportedAt: string;
    }): Promise<string> {
      const doc = await card(cardId);
      const application = doc.applicationId ? await stores.applications.get(doc.applicationId) : null;
      const at = new Date(reportedAt);
      const policy = selectPolicy(await stores.policies.all(), {
        region: application?.region ?? '000000',
        mode: 'sporadic',
        on: shanghaiDate(at),
      });
      const { calendar } = await stores.calendar.current();
      const days = policy.temporaryLossWorkingDays ?? DEFAULT_TEMPORARY_LOSS_WORKING_DAYS;
      return calendar.deadline(at, days).dueAt.toISOString();
    },

    /** The registry follows the card: issued, suspended (temporary report) or lost (formal report). */
    async recordCardLoss(input: {
      cardId: string;
      from: CardInUse[];
      to: CardInUse;
      loss?: CardLifeStatus['loss'];
      at: string;
    }): Promise<void> {
      const loss = input.loss && {
        kind: input.loss.kind,
        reportedAt: new Date(input.loss.reportedAt),
        ...(input.loss.lapsesAt ? { lapsesAt: new Date(input.loss.lapsesAt) } : {}),
      };
      if (await stores.cards.recordLoss(input.cardId, input.from, input.to, loss ?? null, new Date(input.at)))
        return;
      // Moved by an earlier attempt, or by nobody: the card must now be where this step leaves it.
      if ((await card(input.cardId)).status !== input.to) fatal('CARD_NOT_IN_USE');
    },

    /** A card in use cancelled for good; a retry finds it cancelled with the same reason. */
    async cancelCardInUse(input: {
      cardId: string;
      reason: CardCancellationReason;
      actor: Actor;
      at: string;
    }): Promise<void> {
      const doc = await card(input.cardId);
      if (doc.status === 'cancelled' && doc.cancellation?.reason === input.reason) return;
      if (!IN_USE.includes(doc.status)) fatal('CARD_NOT_IN_USE');
      if (!(await stores.cards.cancel(input.cardId, input.reason, input.actor, new Date(input.at))))
        fatal('CARD_NOT_IN_USE');
    },

    /** The bank freezes or unfreezes the card's financial function. */
    async setFinancialFunction(input: {
      cardId: string;
      state: 'frozen' | 'active';
      requestKey: string;
    }): Promise<{ state: 'frozen' | 'active' }> {
      const doc = await card(input.cardId);
      // A card without a chip (from before sscard, not yet known to the bank) has no financial function to freeze.
      if (!doc.chipId) return { state: input.state };
      const chipId = doc.chipId;
      return callPartner(() =>
        bank.setCardFinancialState({ requestKey: input.requestKey, chipId, state: input.state }),
      );
    },

    /** The card's use as its life process leaves it (the process is its one writer). */
    async recordCardUse(input: { cardId: string; use: CardUse }): Promise<void> {
      await stores.cardUse.put(input.cardId, input.use);
    },

    /** The terminals' network resets the chip's PIN counter, once per key: the unlock at a counter. */
    async resetPinCounter(input: { cardId: string; requestKey: string }): Promise<void> {
      const { chipId } = await card(input.cardId);
      // Reports name the chip: a card without one (issued before sscard) was never locked at a terminal.
      if (!chipId) return;
      await callPartner(() => terminals.resetPinCounter({ requestKey: input.requestKey, chipId }));
    },

    /** Tells the holder by SMS, once per event: the number of the application the card came from. */
    async notifyCardHolder(input: { cardId: string; event: string; key: string; at: string }): Promise<void> {
      const doc = await card(input.cardId);
      if (!doc.applicationId) return;
      // A minor's card: their guardian is told, until the hand-over at coming of age.
      const { phone: to } = await contactFor(stores, doc.applicationId);
      if (!to) return;
      const { messageId } = await callPartner(() =>
        notifier.send({
          key: input.key,
          channel: 'sms',
          to,
          template: `card_${input.event}`,
          params: { cardId: input.cardId },
        }),
      );
      await stores.notifications.record({
        _id: input.key,
        applicationId: doc.applicationId,
        kind: `card_${input.event}`,
        audience: 'person',
        channel: 'sms',
        providerMessageId: messageId,
        sentAt: new Date(input.at),
      });
    },
  };
}
