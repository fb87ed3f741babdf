// The applicant's data an activity sends to a partner: from the revision the workflow works on (workflows of
// release 0.1.0 name none: the record then says which), and the phone their notices go to.
import type { Applicant } from '../domain/applicant';
import { contactPhone } from '../domain/minors';
import type { ApplicantPort, ContactPort } from '../store/ports/activities';
import type { ApplicationDoc } from '../domain/documents/applications';
import { fatal } from './failures';

export async function applicantFor(
  stores: ApplicantPort,
  applicationId: string,
  revision?: number,
): Promise<{ doc: ApplicationDoc; applicant: Applicant }> {
  const doc = await stores.applications.get(applicationId);
  if (!doc) fatal('APPLICATION_NOT_FOUND');
  const applicant = await stores.currentApplicant(applicationId, revision);
  if (!applicant) fatal('REVISION_NOT_FOUND');
  return { doc, applicant };
}

/** ...and the phone the holder's notices go to: their guardian's until the hand-over at coming of age. */
export async function contactFor(
  stores: ContactPort,
  applicationId: string,
  revision?: number,
): Promise<{ doc: ApplicationDoc; applicant: Applicant; phone: string | undefined }> {
  const { doc, applicant } = await applicantFor(stores, applicationId, revision);
  const handedOver = Boolean(
    applicant.guardian && (await stores.guardianships.get(doc.personKey))?.handedOverAt,
  );
  return { doc, applicant, phone: contactPhone(applicant, handedOver) };
}
