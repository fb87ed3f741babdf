// The renewal campaign's notices: each holder whose card's renewal window opened is told by SMS (a minor's guardian
// until the hand-over), once per card and expiry (the message's key), and the card keeps when; a retried page tells no
// one twice.
import { Context } from '@temporalio/activity';
import type { LocalDate } from '../domain/calendar/shanghai-time';
import { ENDED_STATUSES } from '../domain/documents/cards';
import type { Notifier } from '../integrations/ports';
import type { RenewalNoticePort } from '../store/ports/activities';
import { contactFor } from './applicant';
import { sendAndLog } from './notification';

/** Cards a page tells: small enough for one activity's minutes, with a heartbeat each. */
const PAGE = 100;

/** A place in the cards due: the last card read, by the first day of its window. */
export interface RenewalCursor {
  renewableFrom: LocalDate;
  cardId: string;
}

export interface RenewalPage {
  told: number;
  /** Where the next page starts, when this one was full. */
  next?: RenewalCursor;
}

export function createRenewalActivities({
  stores,
  notifier,
}: {
  stores: RenewalNoticePort;
  notifier: Notifier;
}) {
  return {
    /** Tells the holders of the cards whose window opened by `day`, a page from `after`; `at` is the workflow's time. */
    async noticeRenewals(input: {
      day: LocalDate;
      after?: RenewalCursor;
      at: string;
      /** Cards a page reads (tests make it small). */
      limit?: number;
    }): Promise<RenewalPage> {
      const limit = input.limit ?? PAGE;
      const due = await stores.cards.dueForRenewal(input.day, input.after, limit);
      let told = 0;
      for (const card of due) {
        const { expiresOn, renewableFrom } = card.validity!;
        const applicationId = card.applicationId!;
        const { phone } = await contactFor(stores, applicationId);
        // A holder whose renewal registered its new card already is not asked to renew.
        const renewing = (await stores.cards.cardsOf(card.personKey)).some(
          (other) => other.predecessorCardId === card._id && !ENDED_STATUSES.includes(other.status),
        );
        if (phone && !renewing) {
          await sendAndLog(
            { notifier, notifications: stores.notifications },
            {
              key: `${card._id}:renewal_due:${expiresOn}`,
              channel: 'sms',
              to: phone,
              template: 'card_renewal_due',
              params: { cardId: card._id, expiresOn: expiresOn!, renewableFrom: renewableFrom! },
            },
            { applicationId, kind: 'card_renewal_due', audience: 'person' },
            input.at,
          );
        }
        if (await stores.cards.noteRenewalNotice(card._id, expiresOn!, new Date(input.at))) told += 1;
        Context.current().heartbeat();
      }
      const last = due.at(-1);
      return {
        told,
        ...(due.length === limit && last
          ? { next: { renewableFrom: last.validity!.renewableFrom!, cardId: last._id } }
          : {}),
      };
    },
  };
}
