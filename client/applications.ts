// Card applications through one typed client: submit, read, and the actions people take (domain/actions), with a
// person's cards (./card-lookup.ts) and the manufacturer's reports (./print-reports.ts). It checks who is asking
// and speaks sscard's error codes; a body an edge checked against its schema is trusted.
import { type Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { registerCollection, resubmit, withdraw } from '../domain/actions/applications';
import { type Actor, SYSTEM } from '../domain/actors';
import { isTerminal } from '../domain/stages';
import {
  type CardApplicationInput,
  type Correction,
  type Renewal,
  type Replacement,
  sporadicSubmissionSchema,
} from '../domain/application';
import { ERROR_CATALOGUE, SscardError } from '../domain/errors';
import type { FeeExemption } from '../domain/fee-decision';
import type { CollectionRecord, collectionBodySchema } from '../domain/messages';
import { blocking } from '../domain/findings';
import { type Action, denial } from '../domain/permissions';
import type { ApplicationStatus } from '../domain/status';
import { personKey } from '../crypto/person-key';
import type { Keyring } from '../crypto/keyring';
import type { Notifier } from '../integrations/ports';
import type { IdentityParties } from './online';
import type { ApplicationsPort, CardsPort, ClientPorts, PrintReportsPort } from '../store/ports/client';
import type { ApplicationDoc } from '../domain/documents/applications';
import { maskResidentId } from '../domain/documents/collectors';
import { statusQuery } from '../workflows/card-application/messages';
import { fromQuery, fromTemporal, parseOrThrow, withQueryDeadline } from './errors';
import { SA } from '../workflows/search-attributes';
import { type Act, sendUpdate, updateIdOf } from './updates';
import { createFiling } from './filing';
import { guardianView } from './guardians';
import { createCardLookup } from './card-lookup';
import { createPrintReports } from './print-reports';

type CollectionBody = z.output<typeof collectionBodySchema>;

/** How the client carries one action to the workflow (see `carriers`). */
type Carrier = (
  doc: ApplicationDoc,
  body: unknown,
  actor: Actor,
  updateId: string | undefined,
) => Promise<ApplicationStatus>;

/** What the client library is built over; each of its modules names the stores' port it needs (`S`). */
export interface ClientDeps<S = ClientPorts> {
  temporal: Client;
  stores: S;
  keyring: Keyring;
  taskQueue: string;
  /** The SMS gateway for the one-time codes of "where is my card?" (client/tracking.ts); none, none are sent. */
  notifier?: Notifier;
  /** The registry and the photo source a person's own online application is checked with (client/online.ts). */
  identity?: IdentityParties;
}

/**
 * How long a withdrawal's caller waits for what it undoes (partner calls, retried through outages) once the
 * workflow took it; past that the caller is told it goes on, and follows it on the application's status.
 */
const WITHDRAWAL_WAIT_MS = 4_000;

export type { ActionOptions } from './updates';

export function newApplicationId(): string {
  return `A${randomUUID().replace(/-/g, '').slice(0, 20)}`;
}

/** The workflow's status with what the domain's rules make of it for the person deciding. */
const withRules = (status: ApplicationStatus): ApplicationStatus => ({
  ...status,
  approvalBlockedBy: blocking(status.auditFlags),
});

export function authorize(actor: Actor, action: Action, scope: { unitId?: string } = {}): void {
  const code = denial(actor, action, scope);
  if (code) throw new SscardError(code);
}

export function createApplicationClient(deps: ClientDeps<ApplicationsPort & CardsPort & PrintReportsPort>) {
  const { temporal, stores, keyring } = deps;
  const { file, instantAt, checkGuardian } = createFiling(deps);
  async function load(applicationId: string, actor: Actor, action: Action): Promise<ApplicationDoc> {
    const doc = await stores.applications.get(applicationId);
    // A clerk of another unit learns no more than that the application is not theirs to see.
    if (!doc) throw new SscardError('APPLICATION_NOT_FOUND');
    authorize(actor, action, { unitId: doc.unitId });
    return doc;
  }

  /**
   * The application's own run. Its record names it; before the workflow's first task wrote the record, the person's
   * running workflow is this application's only if it says so (its SscardApplicationId).
   */
  async function handle(doc: ApplicationDoc) {
    const record = await stores.records.get(doc._id);
    if (record) return temporal.workflow.getHandle(doc.workflowId, record.runId);
    const latest = temporal.workflow.getHandle(doc.workflowId);
    const described = await latest.describe().catch((error: unknown) => fromTemporal(error));
    if (described.typedSearchAttributes.get(SA.applicationId) !== doc._id)
      throw new SscardError('APPLICATION_NOT_FOUND');
    return temporal.workflow.getHandle(doc.workflowId, described.runId);
  }

  /** The workflow's status query, within the query deadline. */
  const queryStatus = (target: Awaited<ReturnType<typeof handle>>): Promise<ApplicationStatus> =>
    withQueryDeadline(temporal, () => target.query(statusQuery));

  /** What the workflow says of itself (its status query), the truth the record follows. */
  async function statusOf(doc: ApplicationDoc): Promise<ApplicationStatus> {
    const target = await handle(doc);
    return withRules(await queryStatus(target).catch((error: unknown) => fromQuery(error)));
  }

  /**
   * Runs an action on the application's workflow. A closed application refuses it at once, unless the action
   * carries an update ID: then Temporal is asked, which still answers an update it took before the workflow closed.
   */
  async function onWorkflow(
    doc: ApplicationDoc,
    call: (h: Awaited<ReturnType<typeof handle>>) => Promise<ApplicationStatus>,
    updateId?: string,
  ): Promise<ApplicationStatus> {
    const record = await stores.records.get(doc._id);
    if (record?.outcome && !updateId)
      throw new SscardError('ALREADY_CLOSED', `the application is ${record.outcome}`);
    const target = await handle(doc);
    for (let attempt = 1; ; attempt++) {
      try {
        return withRules(await call(target));
      } catch (error) {
        if (attempt < 8 && (await refusedOnStageLeft(target, error))) {
          await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
          continue;
        }
        const fresh = await stores.records.get(doc._id);
        if (fresh?.outcome) throw new SscardError('ALREADY_CLOSED', `the application is ${fresh.outcome}`);
        return fromTemporal(error);
      }
    }
  }

  /**
   * A status query is answered with the events the workflow has not taken up yet (an activity's result waiting for
   * a worker), while an update that arrives in the same workflow task is validated before them: a person who saw
   * "awaiting review" was refused as "comparing" (the fault run). Such a refusal takes nothing, and is sent again
   * a moment later when the workflow's status has left the stage it was made on.
   */
  async function refusedOnStageLeft(
    target: Awaited<ReturnType<typeof handle>>,
    error: unknown,
  ): Promise<boolean> {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    const seen =
      cause instanceof ApplicationFailure ? (cause.details?.[0] as { stage?: unknown })?.stage : undefined;
    if (typeof seen !== 'string') return false;
    const now = await queryStatus(target).catch(() => undefined);
    return now !== undefined && now.stage !== seen;
  }

  /**
   * The actions whose update is not the body with who sent it, or whose answer waits for more: how the client
   * carries each to the workflow. The body is the one the edge that took it checked against the action's schema.
   */
  const carriers: Partial<Record<Action, Carrier>> = {
    /** Corrected data from the unit: stored as a new revision, then handed to the workflow. */
    resubmit: async (doc, body, actor, updateId) => {
      const correction = body as Correction;
      if (correction.applicant.residentId !== doc.applicant.residentId)
        throw new SscardError('RESUBMIT_CHANGES_PERSON');
      await checkGuardian(correction.applicant, doc.region, new Date());
      const record = await stores.records.get(doc._id);
      let stage = record?.stage ?? 'accepted';
      // The record is the workflow's projection and can lag behind it (a task retried after a worker died, a
      // restarted server): only `returned` is taken at its word, anything else is asked of the workflow itself.
      if (stage !== 'returned') stage = (await statusOf(doc)).stage;
      if (isTerminal(stage)) throw new SscardError('ALREADY_CLOSED', `the application is ${stage}`);
      if (stage !== 'returned') {
        // Sent again after its answer was lost, a correction the workflow took gets that answer. Asked with no new
        // revision, the workflow refuses it unless Temporal holds an outcome under this request's ID.
        const earlier =
          updateId &&
          (await onWorkflow(doc, (h) =>
            sendUpdate<ApplicationStatus, object>(
              h,
              resubmit.update,
              { revision: record?.revision ?? 1, actor },
              updateId,
            ),
          ).catch((error: unknown) => {
            if (error instanceof SscardError && ['NOT_RETURNED', 'REVISION_NOT_FOUND'].includes(error.code))
              return undefined;
            throw error;
          }));
        if (earlier) return earlier;
        throw new SscardError('NOT_RETURNED', `the application is ${stage}`);
      }
      // The next free revision after the one the record knows (addRevision skips any stored meanwhile).
      const revision = await stores.applications.addRevision(
        doc._id,
        record?.revision ?? 1,
        correction.applicant,
        actor,
        correction.note,
      );
      const request = { revision, actor, ...(correction.note ? { note: correction.note } : {}) };
      return onWorkflow(doc, (h) =>
        sendUpdate<ApplicationStatus, object>(h, resubmit.update, request, updateId),
      );
    },

    /**
     * Who collected the card, when and where: the collector is kept in MongoDB (an agent's number as a keyed hash
     * and a mask) and the workflow receives a reference to them; a refused registration takes its collector away.
     */
    register_collection: async (doc, body, actor, updateId) => {
      const { collectedBy, agentResidentId, ...collection } = body as CollectionBody;
      const collectorRef = await stores.collectors.add(
        {
          applicationId: doc._id,
          name: collectedBy,
          relation: collection.relation,
          ...(agentResidentId
            ? {
                agent: {
                  ridHash: personKey(agentResidentId, keyring.personKeySecret),
                  ridMask: maskResidentId(agentResidentId),
                },
              }
            : {}),
          registeredBy: actor,
          at: new Date(),
        },
        updateId,
      );
      const record: CollectionRecord = { ...collection, collectorRef, actor };
      try {
        return await onWorkflow(
          doc,
          (h) =>
            sendUpdate<ApplicationStatus, CollectionRecord>(h, registerCollection.update, record, updateId),
          updateId,
        );
      } catch (error) {
        // Refused, the registration refers to nobody; unanswered (503), the workflow may still take it.
        if (error instanceof SscardError && ERROR_CATALOGUE[error.code].status < 500)
          await stores.collectors.remove(collectorRef);
        throw error;
      }
    },

    /**
     * The workflow answers once it took the withdrawal up (the step in flight ended); what it undoes follows at
     * once. The caller is answered when it is done, or after a few seconds with the status so far (no outcome
     * yet): the withdrawal is taken either way, so a status that cannot be asked meanwhile (a worker restarting)
     * only ends the wait.
     */
    withdraw: (doc, body, actor, updateId) =>
      onWorkflow(
        doc,
        async (h) => {
          let status = await sendUpdate<ApplicationStatus, object>(
            h,
            withdraw.update,
            { ...(body as object), actor },
            updateId,
          );
          const deadline = Date.now() + WITHDRAWAL_WAIT_MS;
          while (!status.outcome && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            const now = await temporal
              .withDeadline(deadline, () => h.query(statusQuery))
              .catch(() => undefined);
            if (!now) break;
            status = now;
          }
          return status;
        },
        updateId,
      ),
  };

  /** An action on an application (domain/actions/applications.ts), sent to its workflow as its update. */
  /** The status as people see it: the workflow's, with who a minor's guardian is to the holder (never who). */
  async function shown(doc: ApplicationDoc, status: ApplicationStatus): Promise<ApplicationStatus> {
    const guardian = await guardianView(stores, doc.personKey, doc.applicant);
    return guardian ? { ...status, guardian } : status;
  }

  const act: Act<ApplicationStatus> = async (action, applicationId, body, actor, options = {}) => {
    const doc = await load(applicationId, actor, action.permission);
    const updateId = updateIdOf(action.permission, options);
    const carry = carriers[action.permission];
    const status = carry
      ? await carry(doc, body, actor, updateId)
      : await onWorkflow(
          doc,
          (h) => sendUpdate<ApplicationStatus, object>(h, action.update, { ...body, actor }, updateId),
          updateId,
        );
    return shown(doc, status);
  };

  return {
    /** Starts one person's application. Refused while another one for the same person is in flight. */
    async submit(
      input: unknown,
      actor: Actor,
      options: {
        applicationId?: string;
        batch?: CardApplicationInput['batch'];
        /** Set by the card client's replace, which checked the predecessor. */
        replacement?: Replacement;
        /** Set by the card client's renew, which checked the predecessor and its renewal window. */
        renewal?: Renewal;
        /** A fee exemption claimed with a replacement or renewal: refused at filing unless the region grants it. */
        feeExemption?: FeeExemption;
      } = {},
    ): Promise<{ applicationId: string }> {
      const submission = parseOrThrow(sporadicSubmissionSchema, input);
      authorize(actor, 'submit', { unitId: submission.unitId });
      const unit = await stores.units.get(submission.unitId);
      if (!unit) throw new SscardError('UNIT_UNKNOWN');
      if (unit.status !== 'active') throw new SscardError('UNIT_NOT_ACTIVE');
      const submittedAt = new Date();
      // Refused before anything is written: a counter that cannot make the card now, or a lane the region keeps.
      const instant = submission.instant && (await instantAt(submission.instant, submittedAt));
      return file({
        ...(options.applicationId ? { applicationId: options.applicationId } : {}),
        unitId: submission.unitId,
        region: unit.region,
        mode: options.batch ? 'batch' : instant ? 'instant' : 'sporadic',
        ...(options.batch ? { batch: options.batch } : {}),
        ...(options.replacement ? { replacement: options.replacement } : {}),
        ...(options.renewal ? { renewal: options.renewal } : {}),
        ...(options.feeExemption ? { feeExemption: options.feeExemption } : {}),
        ...(instant ? { instant } : {}),
        applicant: submission.applicant,
        submittedBy: actor,
        submittedAt,
      });
    },

    file,
    checkGuardian,

    /** An application just started, as submitted: for when its workflow cannot be asked yet. */
    async asSubmitted(applicationId: string): Promise<ApplicationStatus> {
      const doc = await stores.applications.get(applicationId);
      if (!doc) throw new SscardError('APPLICATION_NOT_FOUND');
      return {
        applicationId,
        unitId: doc.unitId,
        mode: doc.mode,
        ...(doc.batchId ? { batchId: doc.batchId } : {}),
        ...(doc.replacement ? { replacement: doc.replacement } : {}),
        ...(doc.renewal ? { renewal: doc.renewal } : {}),
        stage: 'accepted',
        history: [],
        returnCount: 0,
        returns: [],
        expedited: false,
        escalations: [],
        printAttempts: 0,
        auditFlags: [],
        approvalBlockedBy: [],
      };
    },

    async status(applicationId: string, actor: Actor): Promise<ApplicationStatus> {
      const doc = await load(applicationId, actor, 'read');
      return shown(doc, await statusOf(doc));
    },

    act,

    /** The population registry's death notice withdraws the person's application: its earlier cards stay ended. */
    async withdrawForDeath(applicationId: string, reason: string): Promise<ApplicationStatus> {
      const doc = await load(applicationId, SYSTEM, 'withdraw');
      const request = { reason, supervisorConfirmed: true, holderDeceased: true };
      return carriers.withdraw!(doc, request, SYSTEM, undefined);
    },

    ...createCardLookup(deps),
    ...createPrintReports(deps),
  };
}
export type ApplicationClient = ReturnType<typeof createApplicationClient>;
