// Step 7a and every other message: to the unit's portal, to the person by SMS, to staff queues. Each message
// has an idempotency key (application, kind, audience, occurrence), so it is sent once however often retried.
import type { ReturnReason } from '../domain/application';
import type { Notifier, OutgoingMessage } from '../integrations/ports';
import type { Stores } from '../store';
import type { NotificationDoc } from '../store/notifications';
import { currentApplicant } from '../store/applications';
import { callPartner, fatal } from './failures';

export const STAFF_INBOX = { operators: 'portal:operators', supervisors: 'portal:supervisors' } as const;

export function createNotificationActivities({ stores, notifier }: { stores: Stores; notifier: Notifier }) {
  async function send(
    message: OutgoingMessage,
    record: Omit<NotificationDoc, '_id' | 'channel' | 'providerMessageId' | 'sentAt'>,
    at: string,
  ): Promise<void> {
    const { messageId } = await callPartner(() => notifier.send(message));
    await stores.notifications.record({
      _id: message.key,
      ...record,
      channel: message.channel,
      providerMessageId: messageId,
      sentAt: new Date(at),
    });
  }

  async function load(applicationId: string) {
    const doc = await stores.applications.get(applicationId);
    if (!doc) fatal('APPLICATION_NOT_FOUND');
    const unit = await stores.units.get(doc.unitId);
    return { doc, unitInbox: unit?.contact ?? `portal:unit:${doc.unitId}`, applicant: currentApplicant(doc) };
  }

  return {
    async notifyIssuance({
      applicationId,
      cardId,
      at,
    }: {
      applicationId: string;
      cardId: string;
      at: string;
    }): Promise<{ notifiedAt: string }> {
      const { doc, unitInbox, applicant } = await load(applicationId);
      const params = { applicationId, cardId };
      await send(
        {
          key: `${applicationId}:issuance_ready:unit`,
          channel: 'portal',
          to: unitInbox,
          template: 'issuance_ready',
          params,
        },
        { applicationId, kind: 'issuance_ready', audience: 'unit', batchId: doc.batchId },
        at,
      );
      if (applicant?.phone) {
        await send(
          {
            key: `${applicationId}:issuance_ready:person`,
            channel: 'sms',
            to: applicant.phone,
            template: 'issuance_ready',
            params,
          },
          { applicationId, kind: 'issuance_ready', audience: 'person' },
          at,
        );
      }
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
      const { doc, unitInbox } = await load(input.applicationId);
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

    async remindCollection(input: { applicationId: string; occurrence: number; at: string }): Promise<void> {
      const { applicant, unitInbox } = await load(input.applicationId);
      const params = { applicationId: input.applicationId, reminder: String(input.occurrence) };
      const [channel, to] = applicant?.phone
        ? (['sms', applicant.phone] as const)
        : (['portal', unitInbox] as const);
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
