// Step 3: the cooperative bank compares the person with the population database and its own records.
import type { ReturnReason } from '../domain/application';
import { parseResidentId } from '../domain/resident-id';
import type { Bank } from '../integrations/ports';
import type { ApplicantPort } from '../store/ports/activities';
import { applicantFor } from './applicant';
import { callPartner } from './failures';

export function createComparisonActivities({ stores, bank }: { stores: ApplicantPort; bank: Bank }) {
  return {
    async compareIdentity({
      applicationId,
      revision,
    }: {
      applicationId: string;
      revision: number;
    }): Promise<{ findings: ReturnReason[] }> {
      const { applicant } = await applicantFor(stores, applicationId, revision);
      const parsed = parseResidentId(applicant.residentId);
      if (!parsed.ok) return { findings: ['DATA_INCOMPLETE'] };
      const result = await callPartner(() =>
        bank.compareIdentity({
          // One comparison per revision: asking again returns the bank's first answer.
          requestKey: `${applicationId}:compare:r${revision}`,
          residentId: applicant.residentId,
          name: applicant.name,
          birthDate: parsed.value.birthDate,
        }),
      );
      return { findings: result.findings };
    },
  };
}
