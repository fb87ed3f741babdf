// Step 7a and every other message: to the unit's portal, to the person by SMS, to staff queues. Each message
// has an idempotency key (application, kind, audience, occurrence), so it is sent once however often retried.
import type { ReturnReason } from '../domain/application';
import type { Notifier, OutgoingMessage } from '../integrations/ports';
import type { NotificationPort } from '../store/ports/activities';
import type { NotificationLog } from '../store/ports/center';
import type { NotificationDoc } from '../domain/documents/notifications';
import { contactFor } from './applicant';
import { sealTrackingLink } from '../crypto/tracking-link';
import { linkBase, type SignedLinks } from './links';
import { callPartner, fatal } from './failures';

export const STAFF_INBOX = { operators: 'portal:operators', supervisors: 'portal:supervisors' } as const;

/** Sends one message and logs what the log keeps of it (key, channel, provider's ID), never the recipient. */
export async function sendAndLog(
  { notifier, notifications }: { notifier: Notifier; notifications: Pick<NotificationLog, 'record'> },
  message: OutgoingMessage,
  record: Omit<NotificationDoc, '_id' | 'channel' | 'providerMessageId' | 'sentAt'>,
  at: string,
): Promise<void> {
  const { messageId } = await callPartner(() => notifier.send(message));
  await notifications.record({
    _id: message.key,
    channel: message.channel,
    providerMessageId: messageId,
    ...record,
    sentAt: new Date(at),
  });
}

export function createNotificationActivities({
  stores,
  notifier,
  links,
}: {
  stores: NotificationPort;
  notifier: Notifier;
  links?: SignedLinks;
}) {
  /** Sends one message; what the log keeps of it (key, channel, provider's ID), never the recipient. */
  async function deliver(
    message: OutgoingMessage,
  ): Promise<Pick<NotificationDoc, '_id' | 'channel' | 'providerMessageId'>> {
    const { messageId } = await callPartner(() => notifier.send(message));
    return { _id: message.key, channel: message.channel, providerMessageId: messageId };
  }

  const send = (
    message: OutgoingMessage,
    record: Omit<NotificationDoc, '_id' | 'channel' | 'providerMessageId' | 'sentAt'>,
    at: string,
  ) => sendAndLog({ notifier, notifications: stores.notifications }, message, record, at);

  /** The application and its unit's inbox. */
  async function loadUnit(applicationId: string) {
    const doc = await stores.applications.get(applicationId);
    if (!doc) fatal('APPLICATION_NOT_FOUND');
    const unit = await stores.units.get(doc.unitId);
    return { doc, unitInbox: unit?.contact ?? `portal:unit:${doc.unitId}` };
  }

  /** ...and the phone the person's notices go to (a minor's guardian's), from the revision worked on. */
  async function load(applicationId: string, revision?: number) {
    const { phone } = await contactFor(stores, applicationId, revision);
    return { ...(await loadUnit(applicationId)), phone };
  }

  /**
   * One message to the unit's inbox and, when the person is to be told, the same by SMS to their phone: both go out
   * together (each keyed, so a retry sends neither twice) and are logged in one write.
   */
  async function tellUnitAndPerson(
    { doc, unitInbox }: Awaited<ReturnType<typeof loadUnit>>,
    message: {
      kind: string;
      params: Record<string, string>;
      /** The unit's key, where it is not `<application>:<kind>:unit` (kept as first sent). */
      unitKey?: string;
      /** The person's phone, and what their message says besides. */
      person?: { phone: string; params?: Record<string, string> };
      at: string;
    },
  ): Promise<void> {
    const { kind, params, person } = message;
    const [toUnit, toPerson] = await Promise.all([
      deliver({
        key: message.unitKey ?? `${doc._id}:${kind}:unit`,
        channel: 'portal',
        to: unitInbox,
        template: kind,
        params,
      }),
      person
        ? deliver({
            key: `${doc._id}:${kind}:person`,
            channel: 'sms',
            to: person.phone,
            template: kind,
            params: { ...params, ...person.params },
          })
        : undefined,
    ]);
    const base = { applicationId: doc._id, kind, sentAt: new Date(message.at) };
    await stores.notifications.recordAll([
      { ...toUnit, ...base, audience: 'unit', ...(doc.batchId ? { batchId: doc.batchId } : {}) },
      ...(toPerson ? [{ ...toPerson, ...base, audience: 'person' as const }] : []),
    ]);
  }

  return {
    async notifyIssuance({
      applicationId,
      cardId,
      at,
      revision,
    }: {
      applicationId: string;
      cardId: string;
      at: string;
      revision?: number;
    }): Promise<{ notifiedAt: string }> {
      const { phone, ...unit } = await load(applicationId, revision);
      // The person's SMS links to "where is my card?"; sealed, not stored, so a retry sends the same link.
      const trackUrl =
        links && `${linkBase(links)}/track/${sealTrackingLink(applicationId, new Date(at), links.secret)}`;
      await tellUnitAndPerson(unit, {
        kind: 'issuance_ready',
        params: { applicationId, cardId },
        ...(phone ? { person: { phone, params: trackUrl ? { trackUrl } : {} } } : {}),
        at,
      });
      await stores.cards.awaitCollection(cardId, new Date(at));
      return { notifiedAt: at };
    },

    async notifyUnit(input: {
      applicationId: string;
      kind: 'returned' | 'expired' | 'withdrawn' | 'rejected';
      occurrence: number;
      reasons: ReturnReason[];
      at: string;
    }): Promise<void> {
      const { doc, unitInbox } = await loadUnit(input.applicationId);
      await send(
        {
          key: `${input.applicationId}:${input.kind}:unit:${input.occurrence}`,
          channel: 'portal',
          to: unitInbox,
          template: input.kind,
          params: { applicationId: input.applicationId, reasons: input.reasons.join(',') },
        },
        { applicationId: input.applicationId, kind: input.kind, audience: 'unit', batchId: doc.batchId },
        input.at,
      );
    },

    /**
     * A withdrawal: the unit is told, and the person too once they were told the card is ready (the message then
     * says it will not be handed over).
     */
    async notifyWithdrawal(input: {
      applicationId: string;
      at: string;
      revision?: number;
      tellPerson: boolean;
    }): Promise<void> {
      const { phone, ...unit } = await load(input.applicationId, input.revision);
      await tellUnitAndPerson(unit, {
        kind: 'withdrawn',
        params: { applicationId: input.applicationId },
        // The unit's message keeps the key it always had, so none is sent twice.
        unitKey: `${input.applicationId}:withdrawn:unit:1`,
        ...(phone && input.tellPerson ? { person: { phone } } : {}),
        at: input.at,
      });
    },

    /**
     * The person is told where to collect the card, at a counter: an instant application handed over to the
     * sporadic lane (`instant_fell_back`, with the legal deadline from acceptance as `readyBy`), or an online
     * application's parcel back at its service point (`parcel_returned`).
     */
    async notifyWhereToCollect(input: {
      applicationId: string;
      kind: 'instant_fell_back' | 'parcel_returned';
      counterId: string;
      readyBy?: string;
      at: string;
      revision?: number;
    }): Promise<void> {
      const { phone, ...unit } = await load(input.applicationId, input.revision);
      const counter = await stores.counters.get(input.counterId);
      await tellUnitAndPerson(unit, {
        kind: input.kind,
        params: {
          applicationId: input.applicationId,
          collectAt: counter?.name ?? input.counterId,
          ...(input.readyBy ? { readyBy: input.readyBy } : {}),
        },
        ...(phone ? { person: { phone } } : {}),
        at: input.at,
      });
    },

    /**
     * A withdrawal gave the person's earlier cards back (step 4 had ended them): the unit and the person are told that
     * these cards are valid again, and which of them pay again (the bank had frozen them at the registration).
     */
    async notifyPreviousCardRestored(input: {
      applicationId: string;
      cardIds: string[];
      activeAgain?: string[];
      at: string;
      revision?: number;
    }): Promise<void> {
      const { phone, ...unit } = await load(input.applicationId, input.revision);
      await tellUnitAndPerson(unit, {
        kind: 'previous_card_restored',
        params: {
          applicationId: input.applicationId,
          cardIds: input.cardIds.join(','),
          ...(input.activeAgain?.length ? { financialFunctionActive: input.activeAgain.join(',') } : {}),
        },
        ...(phone ? { person: { phone } } : {}),
        at: input.at,
      });
    },

    async notifyStaff(input: {
      applicationId: string;
      kind: string;
      occurrence: number;
      at: string;
    }): Promise<void> {
      await send(
        {
          key: `${input.applicationId}:${input.kind}:operators:${input.occurrence}`,
          channel: 'portal',
          to: STAFF_INBOX.operators,
          template: input.kind,
          params: { applicationId: input.applicationId },
        },
        { applicationId: input.applicationId, kind: input.kind, audience: 'operators' },
        input.at,
      );
    },

    async remindCollection(input: {
      applicationId: string;
      occurrence: number;
      at: string;
      revision?: number;
    }): Promise<void> {
      const { phone, unitInbox } = await load(input.applicationId, input.revision);
      const params = { applicationId: input.applicationId, reminder: String(input.occurrence) };
      const [channel, to] = phone ? (['sms', phone] as const) : (['portal', unitInbox] as const);
      await send(
        {
          key: `${input.applicationId}:collection_reminder:person:${input.occurrence}`,
          channel,
          to,
          template: 'collection_reminder',
          params,
        },
        { applicationId: input.applicationId, kind: 'collection_reminder', audience: 'person' },
        input.at,
      );
    },
  };
}
