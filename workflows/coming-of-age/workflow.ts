// The coming-of-age hand-over, run daily by a Temporal Schedule (client/schedules.ts): every holder a guardian
// applied for who is an adult by the day takes over their card, a page of holders at a time through MongoDB's index
// of the day they come of age (../daily-pages.ts). A province's day is a few thousand holders.
import type { LocalDate } from '../../domain/calendar/shanghai-time';
import type { AdultOnCursor } from '../../store/ports/guardianships';
import { type DailyInput, pageThroughDay } from '../daily-pages';
import { feeds } from '../proxies';

const { handOverComeOfAge } = feeds;

export async function comingOfAge(
  input: DailyInput<AdultOnCursor> = {},
): Promise<{ day: LocalDate; handedOver: number }> {
  const { day, done } = await pageThroughDay(input, async (request) => {
    const { handedOver, next } = await handOverComeOfAge(request);
    return { done: handedOver, ...(next ? { next } : {}) };
  });
  return { day, handedOver: done };
}
