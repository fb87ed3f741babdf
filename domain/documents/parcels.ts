// A card on its way to the door (the online lane), as store/parcels.ts keeps it: written by its application when it
// is booked, and by the API as the courier reports. No address in it: that stays sealed on the application.
import type { CourierEvent } from '../../integrations/ports';

export interface ParcelDoc {
  /** `<application>-D<attempt of dispatch>`: the courier's idempotency key. */
  _id: string;
  applicationId: string;
  workflowId: string;
  cardId: string;
  trackingNumber?: string;
  status: 'booked' | CourierEvent;
  /** Failed delivery attempts so far. */
  failedAttempts: number;
  /** HMAC of the code sent to the person by SMS: the courier's `delivered` must carry it. */
  codeHash: string;
  codeExpiresAt: Date;
  returnTo: { counterId: string; name: string };
  events: { event: CourierEvent; at: Date; attempt?: number }[];
  bookedAt: Date;
}
