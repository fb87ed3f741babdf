// The coming-of-age hand-over: holders whose guardian applied for them and who came of age get their card's notices
// from then on, and the guardian's rights end. Both are told by SMS, each message keyed by the application, so a
// retried page tells no one twice; the rights end after the messages went, so a failed send is tried again.
import { Context } from '@temporalio/activity';
import type { LocalDate } from '../domain/calendar/shanghai-time';
import type { Notifier } from '../integrations/ports';
import type { ComingOfAgePort } from '../store/ports/activities';
import type { AdultOnCursor } from '../store/ports/guardianships';
import { applicantFor } from './applicant';
import { sendAndLog } from './notification';

/** Holders a page hands over: small enough for one activity's minutes, with a heartbeat each. */
const PAGE = 100;

export interface HandOverPage {
  handedOver: number;
  /** Where the next page starts, when this one was full. */
  next?: AdultOnCursor;
}

export function createComingOfAgeActivities({
  stores,
  notifier,
}: {
  stores: ComingOfAgePort;
  notifier: Notifier;
}) {
  return {
    /** Hands over the holders who came of age by `day`, a page from `after`; `at` is when (the workflow's time). */
    async handOverComeOfAge(input: {
      day: LocalDate;
      after?: AdultOnCursor;
      at: string;
      /** Holders in the page (tests make it small). */
      limit?: number;
    }): Promise<HandOverPage> {
      const limit = input.limit ?? PAGE;
      const due = await stores.guardianships.dueBy(input.day, limit, input.after);
      let handedOver = 0;
      for (const guardianship of due) {
        const { applicationId } = guardianship;
        const { applicant } = await applicantFor(stores, applicationId);
        const told = [
          { audience: 'person' as const, to: applicant.phone },
          { audience: 'guardian' as const, to: applicant.guardian?.phone },
        ];
        for (const { audience, to } of told) {
          if (!to) continue;
          await sendAndLog(
            { notifier, notifications: stores.notifications },
            {
              key: `${applicationId}:came_of_age:${audience}`,
              channel: 'sms',
              to,
              template: `came_of_age_${audience}`,
              params: { applicationId },
            },
            { applicationId, kind: 'came_of_age', audience },
            input.at,
          );
        }
        if (await stores.guardianships.handOver(guardianship._id, new Date(input.at))) handedOver += 1;
        Context.current().heartbeat();
      }
      const last = due.at(-1);
      return {
        handedOver,
        ...(due.length === limit && last ? { next: { adultOn: last.adultOn, personKey: last._id } } : {}),
      };
    },
  };
}
