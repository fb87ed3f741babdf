// The renewal campaign, run daily by a Temporal Schedule (client/schedules.ts): every holder whose card's renewal
// window opened by the day and who was not told yet gets a notice, a page of cards at a time through MongoDB's index
// of the window's first day. A run that pages long continues as new, so its history stays small.
import { continueAsNew } from '@temporalio/workflow';
import type { RenewalCursor, RenewalPage } from '../../activities/renewal';
import { type LocalDate, shanghaiDate } from '../../domain/calendar/shanghai-time';
import { feeds } from '../proxies';

const { noticeRenewals } = feeds;

/** Pages in one run before it continues as new. */
const PAGES_PER_RUN = 50;

export interface RenewalCampaignInput {
  /** The day the run is for (Asia/Shanghai); the day of the run's start where absent, as the schedule starts it. */
  on?: LocalDate;
  after?: RenewalCursor;
  /** Holders told by the runs before this one of the same day. */
  told?: number;
  /** Cards a page reads and pages a run makes (tests make them small); the activity's and this file's otherwise. */
  limit?: number;
  pagesPerRun?: number;
}

export async function renewalCampaign(
  input: RenewalCampaignInput = {},
): Promise<{ on: LocalDate; told: number }> {
  const on = input.on ?? shanghaiDate(new Date());
  let { after, told = 0 } = input;
  for (let n = 0; n < (input.pagesPerRun ?? PAGES_PER_RUN); n++) {
    const page: RenewalPage = await noticeRenewals({
      on,
      ...(after ? { after } : {}),
      at: new Date().toISOString(),
      ...(input.limit ? { limit: input.limit } : {}),
    });
    told += page.told;
    if (!page.next) return { on, told };
    after = page.next;
  }
  return continueAsNew<typeof renewalCampaign>({ ...input, on, after, told });
}
