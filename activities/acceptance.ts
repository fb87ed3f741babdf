// Steps 1 and 2: acceptance (the unit may submit, the policy and the deadline it sets) and the automatic audit,
// which writes the official enrollment record. Acceptance audits the first revision in the same call, so an
// application starts with one local activity; a resubmitted revision is audited on its own.
import { createHash } from 'node:crypto';
import { SYSTEM, type Actor } from '../domain/actors';
import type { AcceptancePolicy } from '../domain/acceptance';
import { type Applicant, applicantSchema } from '../domain/applicant';
import type { IssuanceMode, ReturnReason } from '../domain/application';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { deriveDeadline, type DeadlineFacts, startRequest } from '../domain/clock';
import { instantPolicyFor, minorRulesFor, selectPolicy } from '../domain/deadline-policy';
import type { FeeDecision } from '../domain/fee-decision';
import { damagedWithinAYear, decideFee, feeReasonOf } from '../domain/fees';
import { isStoredPhotoId } from '../domain/photos';
import { adultOn, contactPhone, guardianRefusal, photoRequired } from '../domain/minors';
import { type ErrorCode, SscardError } from '../domain/errors';
import { ageOn, parseResidentId } from '../domain/resident-id';
import type { AcceptancePort } from '../store/ports/activities';
import { fatal } from './failures';

/** Older applicants are plausible but worth a look; the young apply as the region's rules for minors say. */
const MAX_AGE = 70;

export type Acceptance =
  | { accepted: false; code: ErrorCode; message: string }
  | {
      accepted: true;
      policy: AcceptancePolicy;
      deadline: DeadlineFacts;
      flags: ReturnReason[];
      /** The fee due (0.8.0 on: earlier histories carry none, and wait for no payment on replay). */
      fee?: FeeDecision;
    };

export type AuditResult = { flags: ReturnReason[] } | { flags: []; refused: ErrorCode };

/**
 * The policy's random audits: whether an application is among them is a function of its ID (the same on every
 * retry and in every process), spread evenly over IDs.
 */
export function sampledForAudit(applicationId: string, rate: number): boolean {
  if (rate <= 0) return false;
  const draw = createHash('sha256').update(`audit-sample:${applicationId}`).digest().readUInt32BE(0);
  return draw / 2 ** 32 < rate;
}

export function createAcceptanceActivities({ stores }: { stores: AcceptancePort }) {
  async function load(applicationId: string) {
    const doc = await stores.applications.get(applicationId);
    if (!doc) fatal('APPLICATION_NOT_FOUND');
    return doc;
  }

  /** The region's rules for minors on the day. */
  async function minorRules(region: string, at: string) {
    return minorRulesFor(await stores.policies.all(), region, shanghaiDate(new Date(at)));
  }

  /** The rules of the audit; flags send the application to an operator. */
  async function auditFlags(
    applicant: Applicant,
    {
      unitId,
      personKey,
      mode,
      region,
    }: { unitId: string; personKey: string; mode: IssuanceMode; region: string },
    at: string,
  ): Promise<ReturnReason[]> {
    const flags: ReturnReason[] = [];
    const on = shanghaiDate(new Date(at));
    const rules = await minorRules(region, at);
    const parsed = parseResidentId(applicant.residentId);
    if (!parsed.ok) {
      flags.push('DATA_INCOMPLETE');
    } else if (ageOn(parsed.value.birthDate, on) > MAX_AGE || guardianRefusal(applicant, rules, on)) {
      // A corrected revision that drops a minor's guardian (the submission was refused without one).
      flags.push('AGE_OUT_OF_RANGE');
    }
    const unit = await stores.units.get(unitId);
    if (unit?.status !== 'active') flags.push('UNIT_NOT_ACTIVE');
    // A child under the region's no-photo age gets a card without one.
    if (!applicant.photoId) {
      if (photoRequired(applicant, rules, on)) flags.push('PHOTO_MISSING');
    }
    // A photo sscard keeps must exist and be this person's; a capture service's reference is its to vouch for.
    else if (isStoredPhotoId(applicant.photoId)) {
      const owner = await stores.photos.ownerOf(applicant.photoId);
      if (!owner) flags.push('PHOTO_MISSING');
      else if (owner !== personKey) flags.push('PHOTO_UNUSABLE');
      // Sent by the person with an online application: no clerk saw it taken.
      else if (mode === 'online') flags.push('PHOTO_TO_REVIEW');
    }
    // A minor's notices go to their guardian's phone.
    if (!contactPhone(applicant, false)) flags.push('PHONE_MISSING');
    return flags;
  }

  /** Writes the enrollment record of an audited revision; with no flags it is official at once. */
  async function enroll(
    doc: { _id: string; personKey: string; unitId: string },
    revision: number,
    applicant: Applicant,
    flags: ReturnReason[],
    at: string,
  ): Promise<void> {
    await stores.enrollments.recordAudit({
      _id: doc._id,
      personKey: doc.personKey,
      unitId: doc.unitId,
      revision,
      applicant,
      flags,
      auditedAt: new Date(at),
      ...(flags.length === 0 ? { approvedBy: SYSTEM } : {}),
    });
  }

  /** A guardian's application gives them the holder's notices until the holder comes of age. */
  async function recordGuardianship(
    doc: { _id: string; personKey: string; region: string },
    applicant: Applicant,
    at: string,
  ): Promise<void> {
    const { guardian } = applicant;
    const due = adultOn(applicant, await minorRules(doc.region, at));
    if (!guardian || !due) return;
    await stores.guardianships.record({
      _id: doc.personKey,
      applicationId: doc._id,
      relation: guardian.relation,
      adultOn: due,
      since: new Date(at),
    });
  }

  return {
    /**
     * Accepts the application: the unit may submit, the stored data is valid, the deadline policy in force, the
     * deadline counted from `anchorAt` (the batch's acceptance for a batch application), and revision 1 audited.
     */
    async acceptApplication({
      applicationId,
      acceptedAt,
      anchorAt = acceptedAt,
    }: {
      applicationId: string;
      acceptedAt: string;
      anchorAt?: string;
    }): Promise<Acceptance> {
      const doc = await load(applicationId);
      const unit = await stores.units.get(doc.unitId);
      if (!unit)
        return { accepted: false, code: 'UNIT_UNKNOWN', message: `unit ${doc.unitId} is not registered` };
      if (unit.status !== 'active')
        return { accepted: false, code: 'UNIT_NOT_ACTIVE', message: `unit ${doc.unitId} is ${unit.status}` };
      const applicant = applicantSchema.safeParse(doc.applicant);
      if (!applicant.success) {
        return {
          accepted: false,
          code: 'VALIDATION_FAILED',
          message: 'the stored applicant data is not valid',
        };
      }
      let selected;
      let fee: FeeDecision;
      try {
        const policies = await stores.policies.all();
        const on = shanghaiDate(new Date(acceptedAt));
        fee = decideFee(await stores.feePolicies.all(), {
          region: doc.region,
          on,
          reason: feeReasonOf(doc),
          ...(doc.feeExemption ? { exemption: doc.feeExemption } : {}),
        });
        // What an operator's waiver may name: damage not the holder's fault only for a card damaged within a year.
        const damaged = doc.replacement?.reason === 'DAMAGED' ? doc.replacement.predecessorCardId : undefined;
        const card = damaged ? await stores.cards.get(damaged) : null;
        const issuedAt = card?.history.find((h) => h.status === 'issued')?.at;
        if (!damagedWithinAYear(issuedAt, new Date(acceptedAt)))
          fee.exemptions = fee.exemptions.filter((e) => e !== 'DAMAGE_NOT_HOLDERS_FAULT');
        // An instant application's counter is checked again: it may have closed since the submission.
        selected = doc.instant
          ? instantPolicyFor(policies, await stores.counters.get(doc.instant.counterId), doc.instant, on)
          : selectPolicy(policies, { region: doc.region, mode: doc.mode, on });
      } catch (error) {
        // No policy in effect on the day (none yet for the region, or one that starts later): no deadline can be
        // set, so the application cannot be accepted; an administrator adds the policy and the unit submits again.
        if (!(error instanceof SscardError)) throw error;
        return { accepted: false, code: error.code, message: error.message };
      }
      const policy: AcceptancePolicy = {
        policyId: selected.id,
        workingDays: selected.workingDays,
        warnWorkingDaysBefore: selected.warnWorkingDaysBefore,
        pauseWhileReturned: selected.pauseWhileReturned,
        returnExpiryWorkingDays: selected.returnExpiryWorkingDays,
        ...(selected.replacementRepeatsComparison ? { replacementRepeatsComparison: true } : {}),
        ...(selected.instant
          ? {
              instant: {
                targetMinutes: selected.instant.targetMinutes,
                checkSeconds: selected.instant.checkSeconds,
                printSeconds: selected.instant.printSeconds,
              },
            }
          : {}),
        ...(selected.online
          ? {
              online: {
                returnCounterId: selected.online.returnCounterId,
                codeValidDays: selected.online.codeValidDays,
              },
            }
          : {}),
      };
      const { calendar, tag } = await stores.calendar.current();
      const deadline = deriveDeadline(calendar, startRequest(policy, anchorAt), tag);
      const flags = await auditFlags(doc.applicant, doc, acceptedAt);
      if (sampledForAudit(applicationId, selected.reviewSamplingRate ?? 0)) flags.push('SELECTED_FOR_AUDIT');
      await enroll(doc, 1, doc.applicant, flags, acceptedAt);
      await recordGuardianship(doc, doc.applicant, acceptedAt);
      return { accepted: true, policy, deadline, flags, fee };
    },

    /**
     * Audits a revision. A resubmitted revision that does not exist or names another person is refused (the
     * application stays with the unit); otherwise the flags say whether an operator must look at it.
     */
    async auditApplication({
      applicationId,
      revision,
      at,
    }: {
      applicationId: string;
      revision: number;
      at: string;
    }): Promise<AuditResult> {
      const doc = await load(applicationId);
      const applicant = await stores.applications.applicant(applicationId, revision);
      if (!applicant) return { flags: [], refused: 'REVISION_NOT_FOUND' };
      if (applicant.residentId !== doc.applicant.residentId)
        return { flags: [], refused: 'RESUBMIT_CHANGES_PERSON' };
      const flags = await auditFlags(applicant, doc, at);
      await enroll(doc, revision, applicant, flags, at);
      // A 16 or 17 year old's corrected data may name a guardian the submission did not.
      await recordGuardianship(doc, applicant, at);
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
  };
}
