// An entry of the center's log of what it told whom (store/notifications.ts keeps them).

export interface NotificationDoc {
  _id: string;
  applicationId?: string;
  batchId?: string;
  kind: string;
  audience: 'unit' | 'person' | 'guardian' | 'operators' | 'supervisors';
  channel: 'sms' | 'email' | 'portal';
  providerMessageId: string;
  sentAt: Date;
}
