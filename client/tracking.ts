// "Where is my card?" through the client library: a one-time code sent to the phone on record, the view it opens,
// and the view the link of the issuance SMS opens. A caller learns nothing about anyone from the answers: a code is
// "sent" for any valid number (and really sent only to a person on record, at most a few an hour), and a wrong
// code, an unknown number and an expired code are one refusal.
import { WorkflowNotFoundError } from '@temporalio/client';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { SscardError } from '../domain/errors';
import { STEP_OF } from '../domain/stages';
import { type TrackingView, trackingCodeRequestSchema, trackingRequestSchema } from '../domain/tracking';
import { openTrackingLink } from '../crypto/tracking-link';
import type { ParcelDoc } from '../domain/documents/parcels';
import { cardWorkflowId, personKey } from '../crypto/person-key';
import { ENDED_STATUSES } from '../domain/documents/cards';
import { SA } from '../workflows/search-attributes';
import type { TrackingPort } from '../store/ports/client';
import type { ClientDeps } from './applications';
import { contactPhone } from '../domain/minors';
import { fromTemporal, parseOrThrow } from './errors';
import { guardianView } from './guardians';
import { type CodeReceipt, codeReceipt, oneTimeCodes } from './one-time-codes';

const RECEIPT = codeReceipt(
  'If an application or card is on record for this number',
  'the phone registered with it',
);

export function createTrackingClient({ temporal, stores, keyring, notifier }: ClientDeps<TrackingPort>) {
  const codes = oneTimeCodes('tracking', {
    codes: stores.tracking,
    ...(notifier ? { notifier } : {}),
    secret: keyring.personKeySecret,
  });

  /** The person's latest application (the latest run of their workflow), if any. */
  async function latestApplication(key: string): Promise<string | undefined> {
    const described = await temporal.workflow
      .getHandle(cardWorkflowId(key))
      .describe()
      .catch((error: unknown) => (error instanceof WorkflowNotFoundError ? undefined : fromTemporal(error)));
    return described?.typedSearchAttributes.get(SA.applicationId);
  }

  /**
   * Where the card waits: the counter a parcel came back to, the counter of an instant application (which handed
   * over), else the unit that applied.
   */
  async function placeToCollect(applicationId: string, unitId: string, parcel: ParcelDoc | null) {
    if (parcel?.status === 'returned') return parcel.returnTo.name;
    const counterId = (await stores.applications.get(applicationId))?.instant?.counterId;
    const counter = counterId ? await stores.counters.get(counterId) : null;
    return counter?.name ?? (await stores.units.get(unitId))?.name;
  }

  async function viewOf(key: string, applicationId?: string): Promise<TrackingView> {
    const view: TrackingView = {};
    const record = applicationId ? await stores.records.get(applicationId) : null;
    const parcel = applicationId ? await stores.parcels.forApplication(applicationId) : null;
    if (applicationId && record) {
      const place = ['awaiting_collection', 'notifying'].includes(record.stage)
        ? await placeToCollect(applicationId, record.unitId, parcel)
        : undefined;
      const step = STEP_OF[record.stage];
      view.application = {
        applicationId,
        stage: record.stage,
        ...(step ? { step } : {}),
        since: record.updatedAt.toISOString(),
        // The deadline is the end of its last working day, midnight in Shanghai: that day is the one before.
        ...(record.dueAt && !record.outcome
          ? { expectedBy: shanghaiDate(new Date(record.dueAt.getTime() - 1)) }
          : {}),
        ...(place ? { collectAt: place } : {}),
        ...(record.outcome ? { outcome: record.outcome } : {}),
      };
    }
    if (parcel) {
      view.delivery = {
        ...(parcel.trackingNumber ? { trackingNumber: parcel.trackingNumber } : {}),
        status: parcel.status,
        failedAttempts: parcel.failedAttempts,
        ...(parcel.status === 'returned' ? { returnedTo: parcel.returnTo.name } : {}),
      };
    }
    const cards = (await stores.cards.cardsOf(key))
      .filter((card) => !ENDED_STATUSES.includes(card.status))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const card = cards[0];
    if (card) {
      view.card = {
        cardId: card._id,
        status: card.status,
        since: (card.history.at(-1)?.at ?? card.createdAt).toISOString(),
      };
    }
    return view;
  }

  return {
    /**
     * Sends a one-time code to the phone on record of the person's latest application, if there is one: a minor's
     * guardian's until the hand-over at coming of age.
     */
    async requestCode(body: unknown): Promise<CodeReceipt> {
      const { residentId } = parseOrThrow(trackingCodeRequestSchema, body);
      if (!notifier) throw new SscardError('SERVICE_UNAVAILABLE', 'no SMS gateway is configured for codes');
      const key = personKey(residentId, keyring.personKeySecret);
      const applicationId = await latestApplication(key);
      if (!applicationId) return RECEIPT;
      const applicant = await stores.currentApplicant(applicationId);
      if (!applicant) return RECEIPT;
      const guardian = await guardianView(stores, key, applicant);
      const phone = contactPhone(applicant, Boolean(guardian?.handedOverAt));
      if (!phone) return RECEIPT;
      await codes.send(key, phone);
      return RECEIPT;
    },

    /** The person's application and card, for the code sent to their phone (used once). */
    async track(body: unknown): Promise<TrackingView> {
      const { residentId, code } = parseOrThrow(trackingRequestSchema, body);
      const key = personKey(residentId, keyring.personKeySecret);
      if (!(await codes.use(key, code))) throw new SscardError('TRACKING_CODE_INVALID');
      return viewOf(key, await latestApplication(key));
    },

    /** The application and card the link of an issuance SMS names, while the link works. */
    async trackByLink(token: string): Promise<TrackingView> {
      const applicationId = openTrackingLink(token, keyring.personKeySecret, new Date());
      const doc = applicationId && (await stores.applications.get(applicationId));
      if (!doc) throw new SscardError('TRACKING_LINK_INVALID');
      return viewOf(doc.personKey, doc._id);
    },
  };
}
export type TrackingClient = ReturnType<typeof createTrackingClient>;
