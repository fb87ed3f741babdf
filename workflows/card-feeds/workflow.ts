// The card feeds: one run tells a national party what changed in the registry since the last run, a page at a
// time, and ends. Temporal Schedules start each feed every minute (client/schedules.ts) and skip a start while a
// run is still going, so the party hears every card's changes in order and no run competes with another.
import type { FeedCursor, FeedPage } from '../../activities/card-feed';
import { feeds } from '../proxies';

const { syncECards, syncNationalRegistry } = feeds;

/** A run's pages at most: a backlog larger than this is worked on by the next run. */
const MAX_PAGES = 500;

async function follow(
  page: (input: { after?: FeedCursor }) => Promise<FeedPage>,
): Promise<{ checked: number; told: number }> {
  const total = { checked: 0, told: 0 };
  let after: FeedCursor | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const result = await page(after ? { after } : {});
    total.checked += result.checked;
    total.told += result.told;
    if (!result.next) break;
    after = result.next;
  }
  return total;
}

/** Tells the national e-card platform of the electronic cards' changes. */
export const ecardSync = (): Promise<{ checked: number; told: number }> => follow(syncECards);

/** Tells the national card registry of the cards this province issued and ended. */
export const nationalRegistrySync = (): Promise<{ checked: number; told: number }> =>
  follow(syncNationalRegistry);
