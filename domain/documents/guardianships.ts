// A guardian's rights over a minor holder's card (store/guardianships.ts keeps them): from the acceptance of an
// application a guardian made, until the holder comes of age and the card is handed over to them. The guardian's
// own data stays in the application's revisions; this document holds references and days.
import type { GuardianRelation } from '../applicant';
import type { LocalDate } from '../calendar/shanghai-time';

export interface GuardianshipDoc {
  /** The holder's person key. */
  _id: string;
  /** The application the guardian made, whose applicant data names them. */
  applicationId: string;
  relation: GuardianRelation;
  /** The holder's coming of age under their region's rules: the hand-over is due from this day. */
  adultOn: LocalDate;
  since: Date;
  /** When the guardian's rights ended and the holder was told; absent while the guardian acts. */
  handedOverAt?: Date;
}
