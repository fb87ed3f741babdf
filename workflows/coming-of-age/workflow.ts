// The coming-of-age hand-over, run daily by a Temporal Schedule (client/schedules.ts): every holder a guardian
// applied for who is an adult by the day takes over their card, a page of holders at a time through MongoDB's index
// of the day they come of age. A province's day is a few thousand holders; a run that pages long continues as new.
import { continueAsNew } from '@temporalio/workflow';
import type { HandOverPage } from '../../activities/coming-of-age';
import { type LocalDate, shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { AdultOnCursor } from '../../store/ports/guardianships';
import { feeds } from '../proxies';

const { handOverComeOfAge } = feeds;

/** Pages in one run before it continues as new: its history stays small whatever the backlog. */
const PAGES_PER_RUN = 50;

export interface ComingOfAgeInput {
  /** The day the run is for (Asia/Shanghai); the day of the run's start where absent, as the schedule starts it. */
  day?: LocalDate;
  after?: AdultOnCursor;
  /** Holders handed over by the runs before this one of the same day. */
  handedOver?: number;
  /** Holders a page hands over and pages a run makes (tests make them small); the activity's and this file's else. */
  limit?: number;
  pagesPerRun?: number;
}

export async function comingOfAge(
  input: ComingOfAgeInput = {},
): Promise<{ day: LocalDate; handedOver: number }> {
  const day = input.day ?? shanghaiDate(new Date());
  let { after, handedOver = 0 } = input;
  for (let n = 0; n < (input.pagesPerRun ?? PAGES_PER_RUN); n++) {
    const page: HandOverPage = await handOverComeOfAge({
      day,
      ...(after ? { after } : {}),
      at: new Date().toISOString(),
      ...(input.limit ? { limit: input.limit } : {}),
    });
    handedOver += page.handedOver;
    if (!page.next) return { day, handedOver };
    after = page.next;
  }
  return continueAsNew<typeof comingOfAge>({ ...input, day, ...(after ? { after } : {}), handedOver });
}
