// The renewal campaign, run daily by a Temporal Schedule (client/schedules.ts): every holder whose card's renewal
// window opened by the day and who was not told yet gets a notice, a page of cards at a time through MongoDB's index
// of the window's first day (../daily-pages.ts).
import type { RenewalCursor } from '../../activities/renewal';
import type { LocalDate } from '../../domain/calendar/shanghai-time';
import { type DailyInput, pageThroughDay } from '../daily-pages';
import { feeds } from '../proxies';

const { noticeRenewals } = feeds;

export async function renewalCampaign(
  input: DailyInput<RenewalCursor> = {},
): Promise<{ day: LocalDate; told: number }> {
  const { day, done } = await pageThroughDay(input, async (request) => {
    const { told, next } = await noticeRenewals(request);
    return { done: told, ...(next ? { next } : {}) };
  });
  return { day, told: done };
}
