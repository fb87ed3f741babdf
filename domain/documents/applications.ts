// An application as the unit submitted it, and each corrected revision (store/applications.ts keeps them).
import type { Actor } from '../actors';
import type { Applicant } from '../applicant';
import type { CardApplicationInput, IssuanceMode, Renewal, Replacement } from '../application';
import type { FeeExemption } from '../fee-decision';

export interface ApplicationDoc {
  _id: string;
  personKey: string;
  workflowId: string;
  unitId: string;
  region: string;
  mode: IssuanceMode;
  batchId?: string;
  /** The card in use this application replaces. */
  replacement?: Replacement;
  /** A fee exemption claimed with the application, checked against the region's fee policy when filed. */
  feeExemption?: FeeExemption;
  /** The card in use this application renews: it stays valid until the new one is issued. */
  renewal?: Renewal;
  /** The counter where an instant application's card is made, and the urgent reason given. */
  instant?: CardApplicationInput['instant'];
  /** Where an online application's card is delivered: the address, sealed with the codec key (crypto/aead.ts). */
  delivery?: { keyId: string; sealed: string };
  /** Revision 1, as submitted. */
  applicant: Applicant;
  submittedAt: Date;
  submittedBy: Actor;
}

export interface RevisionDoc {
  _id: string;
  applicationId: string;
  revision: number;
  applicant: Applicant;
  submittedAt: Date;
  submittedBy: Actor;
  note?: string;
}
