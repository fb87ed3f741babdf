// Step 1 and 2: acceptance (the unit may submit, the policy that sets the deadline) and the automatic audit,
// which writes the official enrollment record.
import type { Actor } from '../domain/actors';
import type { AcceptanceResult } from '../domain/acceptance';
import { applicantSchema } from '../domain/applicant';
import type { ReturnReason } from '../domain/application';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { selectPolicy } from '../domain/deadline-policy';
import { ageOn, parseResidentId } from '../domain/resident-id';
import type { Stores } from '../store';
import { currentApplicant } from '../store/applications';
import { fatal } from './failures';

/** Employees must be of legal working age; older applicants are plausible but worth a look. */
const MIN_AGE = 16;
const MAX_AGE = 70;

export function createAcceptanceActivities({ stores }: { stores: Stores }) {
  async function load(applicationId: string) {
    const doc = await stores.applications.get(applicationId);
    if (!doc) fatal('APPLICATION_NOT_FOUND');
    return doc;
  }

  return {
    async acceptApplication({
      applicationId,
      acceptedAt,
    }: {
      applicationId: string;
      acceptedAt: string;
    }): Promise<AcceptanceResult> {
      const doc = await load(applicationId);
      const unit = await stores.units.get(doc.unitId);
      if (!unit)
        return { accepted: false, code: 'UNIT_UNKNOWN', message: `unit ${doc.unitId} is not registered` };
      if (unit.status !== 'active')
        return { accepted: false, code: 'UNIT_NOT_ACTIVE', message: `unit ${doc.unitId} is ${unit.status}` };
      if (!applicantSchema.safeParse(currentApplicant(doc)).success) {
        return {
          accepted: false,
          code: 'VALIDATION_FAILED',
          message: 'the stored applicant data is not valid',
        };
      }
      const policy = selectPolicy(await stores.policies.all(), {
        region: doc.region,
        mode: doc.mode,
        on: shanghaiDate(new Date(acceptedAt)),
      });
      await stores.applications.markAccepted(applicationId, new Date(acceptedAt));
      return {
        accepted: true,
        policy: {
          policyId: policy.id,
          workingDays: policy.workingDays,
          warnWorkingDaysBefore: policy.warnWorkingDaysBefore,
          pauseWhileReturned: policy.pauseWhileReturned,
          returnExpiryWorkingDays: policy.returnExpiryWorkingDays,
        },
      };
    },

    async auditApplication({
      applicationId,
      revision,
      at,
    }: {
      applicationId: string;
      revision: number;
      at: string;
    }): Promise<{ flags: ReturnReason[] }> {
      const doc = await load(applicationId);
      const applicant = currentApplicant(doc, revision);
      if (!applicant) fatal('REVISION_NOT_FOUND');
      const flags: ReturnReason[] = [];
      const parsed = parseResidentId(applicant.residentId);
      if (!parsed.ok) {
        flags.push('DATA_INCOMPLETE');
      } else {
        const age = ageOn(parsed.value.birthDate, shanghaiDate(new Date(at)));
        if (age < MIN_AGE || age > MAX_AGE) flags.push('AGE_OUT_OF_RANGE');
      }
      const unit = await stores.units.get(doc.unitId);
      if (unit?.status !== 'active') flags.push('UNIT_NOT_ACTIVE');
      if (!applicant.photoId) flags.push('PHOTO_MISSING');
      if (!applicant.phone) flags.push('PHONE_MISSING');
      await stores.enrollments.recordAudit({
        _id: applicationId,
        personKey: doc.personKey,
        unitId: doc.unitId,
        revision,
        applicant,
        flags,
        auditedAt: new Date(at),
      });
      return { flags };
    },

    async confirmEnrollment(input: {
      applicationId: string;
      revision: number;
      approvedBy: Actor;
      at: string;
    }): Promise<void> {
      await stores.enrollments.makeOfficial(
        input.applicationId,
        input.revision,
        input.approvedBy,
        new Date(input.at),
      );
    },

    /** Makes a resubmitted revision current, unless it changes who the application is for. */
    async applyResubmission({
      applicationId,
      revision,
    }: {
      applicationId: string;
      revision: number;
    }): Promise<{ ok: true } | { ok: false; code: 'REVISION_NOT_FOUND' | 'RESUBMIT_CHANGES_PERSON' }> {
      const doc = await load(applicationId);
      const next = currentApplicant(doc, revision);
      if (!next) return { ok: false, code: 'REVISION_NOT_FOUND' };
      if (next.residentId !== currentApplicant(doc, 1)?.residentId)
        return { ok: false, code: 'RESUBMIT_CHANGES_PERSON' };
      await stores.applications.setCurrentRevision(applicationId, revision);
      return { ok: true };
    },
  };
}
