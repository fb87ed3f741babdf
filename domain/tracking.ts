// "Where is my card?": what a person may learn of their own application and card without an operator, by the
// resident ID number and a one-time code sent to the phone on record, or by the link of their issuance SMS. It
// names no one: stage, step, the date the card is due, where to collect it, and the card's status.
import { z } from 'zod';
import type { LocalDate } from './calendar/shanghai-time';
import { residentIdSchema } from './resident-id';
import type { Outcome, Stage } from './stages';

/** How long a one-time code holds, how often it may be tried, how many a person gets in an hour. */
export const TRACKING_CODE = { ttlMs: 10 * 60_000, maxTries: 5, perHour: 3 } as const;

export const trackingCodeRequestSchema = z.object({ residentId: residentIdSchema });
export const trackingRequestSchema = z.object({
  residentId: residentIdSchema,
  code: z.string().regex(/^\d{6}$/, 'the 6-digit code of the SMS'),
});
export const trackingTokenSchema = z
  .string()
  .max(120)
  .regex(/^[A-Za-z0-9._-]+$/, 'the link of the SMS');

export interface TrackingView {
  /** The person's latest application, in progress or closed. */
  application?: {
    applicationId: string;
    stage: Stage;
    /** Which of the seven steps it is at. */
    step?: number;
    since: string;
    /** The last working day of the legal target (sporadic 5, batch 30 working days). */
    expectedBy?: LocalDate;
    /** Where the card waits once it is ready: the unit that applied. */
    collectAt?: string;
    outcome?: Outcome;
  };
  /** The card on its way to the door (an online application): the courier's tracking. */
  delivery?: { trackingNumber?: string; status: string; failedAttempts: number; returnedTo?: string };
  /** The card in force. */
  card?: { cardId: string; status: string; since: string };
}
