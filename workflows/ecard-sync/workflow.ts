// The e-card sync: one run tells the national platform what changed in the registry since the last run, a page at
// a time, and ends. A Temporal Schedule starts it every minute (client/schedules.ts) and skips a start while a run
// is still going, so the platform hears every card's changes in order and no run competes with another.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ECardCursor } from '../../activities/ecard';

const { syncECards } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // A platform outage is retried until it answers; the next scheduled run waits meanwhile.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** A run's pages at most: a backlog larger than this is worked on by the next run. */
const MAX_PAGES = 500;

export async function ecardSync(): Promise<{ checked: number; told: number }> {
  const total = { checked: 0, told: 0 };
  let after: ECardCursor | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await syncECards(after ? { after } : {});
    total.checked += result.checked;
    total.told += result.told;
    if (!result.next) break;
    after = result.next;
  }
  return total;
}
