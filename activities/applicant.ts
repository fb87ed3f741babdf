// The applicant's data an activity sends to a partner: from the revision the workflow works on (workflows of
// release 0.1.0 name none: the record then says which).
import type { Applicant } from '../domain/applicant';
import type { ApplicantPort } from '../store/ports/activities';
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
