// A day's run through what is due by the day, a page at a time, as a daily schedule starts it (client/schedules.ts):
// the coming-of-age hand-over and the renewal campaign. A run that pages long continues as new from where it stopped,
// so its history stays small whatever the backlog.
import { continueAsNew } from '@temporalio/workflow';
import { type LocalDate, shanghaiDate } from '../domain/calendar/shanghai-time';

/** Pages in one run before it continues as new. */
const PAGES_PER_RUN = 50;

export interface DailyInput<C> {
  /** The day the run is for (Asia/Shanghai); the day of the run's start where absent, as the schedule starts it. */
  day?: LocalDate;
  after?: C;
  /** What the runs of the same day before this one did. */
  done?: number;
  /** Items a page reads and pages a run makes (tests make them small); the activity's and this file's otherwise. */
  limit?: number;
  pagesPerRun?: number;
}

/** A page's request to its activity: `at` is the workflow's time. */
export interface DailyPageRequest<C> {
  day: LocalDate;
  after?: C;
  at: string;
  limit?: number;
}

/** Pages until one comes back not full (no `next`); continues as new after a run's pages. */
export async function pageThroughDay<C>(
  input: DailyInput<C>,
  page: (request: DailyPageRequest<C>) => Promise<{ done: number; next?: C }>,
): Promise<{ day: LocalDate; done: number }> {
  const day = input.day ?? shanghaiDate(new Date());
  let { after, done = 0 } = input;
  for (let n = 0; n < (input.pagesPerRun ?? PAGES_PER_RUN); n++) {
    const result = await page({
      day,
      ...(after ? { after } : {}),
      at: new Date().toISOString(),
      ...(input.limit ? { limit: input.limit } : {}),
    });
    done += result.done;
    if (!result.next) return { day, done };
    after = result.next;
  }
  return continueAsNew<(input: DailyInput<C>) => Promise<unknown>>({
    ...input,
    day,
    ...(after ? { after } : {}),
    done,
  });
}
