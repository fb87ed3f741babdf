// Filing a checked application, written once: its submission record, then its workflow (a unit's clerk through
// client/applications.ts, a batch's pages, the online channel through client/online.ts); and the counter of an
// instant submission, checked against the region's instant policy of the day, and a minor's guardian against the
// region's rules for minors, before anything is written.
import type { Applicant } from '../domain/applicant';
import type { CardApplicationInput } from '../domain/application';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import type { InstantRequest } from '../domain/counters';
import { instantPolicyFor, minorRulesFor } from '../domain/deadline-policy';
import { decideFee, feeReasonOf } from '../domain/fees';
import { SscardError } from '../domain/errors';
import { guardianRefusal } from '../domain/minors';
import type { ApplicationDoc } from '../domain/documents/applications';
import { cardWorkflowId, personKey } from '../crypto/person-key';
import type { ApplicationsPort } from '../store/ports/client';
import { type ClientDeps, newApplicationId } from './applications';
import { fromTemporal } from './errors';
import { startApplicationWorkflow } from './start-application';

export function createFiling({ temporal, stores, keyring, taskQueue }: ClientDeps<ApplicationsPort>) {
  /** The counter of an instant submission, checked against the region's instant policy of the day. */
  async function instantAt(
    request: InstantRequest,
    at: Date,
  ): Promise<NonNullable<CardApplicationInput['instant']>> {
    const counter = await stores.counters.get(request.counterId);
    instantPolicyFor(await stores.policies.all(), counter, request, shanghaiDate(at));
    return { ...request, counterKind: counter!.kind };
  }

  /** A minor's applicant names their guardian, an adult's none (domain/minors.ts): refused before anything is written. */
  async function checkGuardian(
    applicant: Pick<Applicant, 'residentId' | 'guardian'>,
    region: string,
    at: Date,
  ): Promise<void> {
    const on = shanghaiDate(at);
    const refusal = guardianRefusal(applicant, minorRulesFor(await stores.policies.all(), region, on), on);
    if (refusal) throw new SscardError(refusal.code, refusal.message);
  }

  /**
   * Files a checked application: its record, then its workflow. Callers have checked who files it and what it says
   * (`submit` for a unit's clerk, the online channel for a person's own application).
   */
  async function file(
    filing: Omit<CardApplicationInput, 'applicationId' | 'personKey' | 'submittedAt' | 'batch'> & {
      applicationId?: string;
      batch?: CardApplicationInput['batch'];
      applicant: Applicant;
      submittedAt: Date;
      /** An online application's delivery address, sealed. */
      delivery?: ApplicationDoc['delivery'];
      /** A fee exemption claimed: kept with the submission, for acceptance; never in the workflow's input. */
      feeExemption?: ApplicationDoc['feeExemption'];
    },
  ): Promise<{ applicationId: string }> {
    const { applicant, delivery, feeExemption, batch, submittedAt, applicationId: given, ...rest } = filing;
    await checkGuardian(applicant, rest.region, submittedAt);
    // A claimed exemption the region does not grant on the day is refused before anything is written.
    if (feeExemption) {
      const on = shanghaiDate(submittedAt);
      const reason = feeReasonOf(rest);
      decideFee(await stores.feePolicies.all(), { region: rest.region, on, reason, exemption: feeExemption });
    }
    const key = personKey(applicant.residentId, keyring.personKeySecret);
    const applicationId = given ?? newApplicationId();
    await stores.applications.create({
      ...rest,
      _id: applicationId,
      personKey: key,
      workflowId: cardWorkflowId(key),
      ...(batch ? { batchId: batch.batchId } : {}),
      ...(delivery ? { delivery } : {}),
      ...(feeExemption ? { feeExemption } : {}),
      applicant,
      submittedAt,
    });
    const workflowInput: CardApplicationInput = {
      ...rest,
      applicationId,
      personKey: key,
      ...(batch ? { batch } : {}),
      submittedAt: submittedAt.toISOString(),
    };
    try {
      // The workflow writes its run ID into its record with its first task; nothing else writes there.
      await startApplicationWorkflow(temporal, taskQueue, workflowInput);
      return { applicationId };
    } catch (error) {
      // Not started: the submission record goes, so nothing half-made is left behind.
      await stores.applications.remove(applicationId);
      return fromTemporal(error);
    }
  }

  return { file, instantAt, checkGuardian };
}
