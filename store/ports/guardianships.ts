// Guardians' rights over minors' cards, as the acceptance, the notices and the coming-of-age hand-over use them.
import type { LocalDate } from '../../domain/calendar/shanghai-time';
import type { GuardianshipDoc } from '../../domain/documents/guardianships';

/** Where a page of holders due for the hand-over ends: their day of coming of age and person key. */
export interface AdultOnCursor {
  adultOn: LocalDate;
  personKey: string;
}

export interface GuardianshipStore {
  /** The guardian's rights from an accepted application; a holder already handed over stays so. */
  record(doc: GuardianshipDoc): Promise<void>;
  get(personKey: string): Promise<GuardianshipDoc | null>;
  /** Holders not handed over who come of age on `day` or before, by that day then key, after `after`. */
  dueBy(day: LocalDate, limit: number, after?: AdultOnCursor): Promise<GuardianshipDoc[]>;
  /** Ends the guardian's rights; false when they had ended already. */
  handOver(personKey: string, at: Date): Promise<boolean>;
}
