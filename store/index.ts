// The card management system of record, as one object built over a database: the MongoDB implementation of every
// port in ./ports/ (what activities and the client library depend on), and the API's own stores. Only workers/,
// client/connect.ts and test support build it.
import type { Db } from 'mongodb';
import { createApiKeyStore } from './api-keys';
import { createBankReceiptStore } from './bank-receipts';
import { createApplicationStore } from './applications';
import { createBatchStore } from './batches';
import { createCalendarStore } from './calendar';
import { createCallbackReplayStore } from './callback-replays';
import { createChargeStore } from './charges';
import { createCardStore } from './cards';
import { createCardUseStore } from './card-use';
import { createCollectorStore } from './collectors';
import { createCardFeedStore } from './card-feeds';
import type { ECardStatus, ReportedCardStatus } from '../integrations/ports';
import { createEnrollmentStore } from './enrollments';
import { createEscalationStore } from './escalations';
import { createFeePolicyStore } from './fee-policies';
import { createGuardianshipStore } from './guardianships';
import { createIdempotencyStore } from './idempotency';
import { createNotificationLog } from './notifications';
import { createPhotoStore } from './photos';
import { createPolicyStore } from './policies';
import { createPrintOrderStore } from './print-orders';
import { createParcelStore } from './parcels';
import { createRecordStore } from './records';
import { createTrackingStore } from './tracking';
import { createCounterStore, createUnitStore } from './units';

export function createStores(db: Db) {
  const applications = createApplicationStore(db);
  const records = createRecordStore(db);
  return {
    units: createUnitStore(db),
    counters: createCounterStore(db),
    applications,
    records,
    /**
     * The applicant's data in the revision the application works on: `revision` when the caller knows it,
     * otherwise the one its record names (1 before the record exists).
     */
    currentApplicant: async (applicationId: string, revision?: number) =>
      applications.applicant(applicationId, revision ?? (await records.get(applicationId))?.revision ?? 1),
    enrollments: createEnrollmentStore(db),
    cards: createCardStore(db),
    cardUse: createCardUseStore(db),
    bankReceipts: createBankReceiptStore(db),
    ecards: createCardFeedStore<ECardStatus>(db, { told: 'ecards', cursor: 'ecard_sync' }),
    nationalReports: createCardFeedStore<ReportedCardStatus>(db, {
      told: 'national_reports',
      cursor: 'national_sync',
    }),
    collectors: createCollectorStore(db),
    photos: createPhotoStore(db),
    notifications: createNotificationLog(db),
    escalations: createEscalationStore(db),
    guardianships: createGuardianshipStore(db),
    printOrders: createPrintOrderStore(db),
    parcels: createParcelStore(db),
    batches: createBatchStore(db),
    calendar: createCalendarStore(db),
    policies: createPolicyStore(db),
    feePolicies: createFeePolicyStore(db),
    charges: createChargeStore(db),
    apiKeys: createApiKeyStore(db),
    idempotency: createIdempotencyStore(db),
    callbackReplays: createCallbackReplayStore(db),
    tracking: createTrackingStore(db),
    /** Whether the database answers (the API's readiness check). */
    ping: async (): Promise<void> => {
      await db.command({ ping: 1 });
    },
  };
}
export type Stores = ReturnType<typeof createStores>;

/**
 * Start-up: indexes for the queries that are not by _id, and the reference data (calendar years from the
 * maintained package, default deadline policies). Idempotent, so every process may run it.
 */
export async function prepareDatabase(db: Db): Promise<Stores> {
  const stores = createStores(db);
  await Promise.all([
    db.collection('application_revisions').createIndex({ applicationId: 1, revision: 1 }),
    db.collection('application_records').createIndex({ batchId: 1, stage: 1 }),
    db.collection('batch_standings').createIndex({ batchId: 1 }),
    db.collection('applications').createIndex({ batchId: 1 }),
    db.collection('notifications').createIndex({ applicationId: 1 }),
    db.collection('escalations').createIndex({ applicationId: 1 }),
    db.collection('escalations').createIndex({ batchId: 1 }),
    db.collection('print_orders').createIndex({ cardId: 1 }),
    db.collection('cards').createIndex({ changedAt: 1 }),
    // The coming-of-age hand-over pages through the holders due by the day.
    db.collection('guardianships').createIndex({ adultOn: 1, _id: 1 }),
    // The card-use partners name a card by the chip they read.
    db.collection('cards').createIndex({ chipId: 1 }),
    // The renewal campaign reads the cards whose renewal window opened, in the order the windows opened.
    db.collection('cards').createIndex({ 'validity.renewableFrom': 1, _id: 1 }),
    db.collection('batch_rows').createIndex({ batchId: 1, rowNo: 1 }),
  ]);
  await stores.calendar.seedFromPackage();
  await stores.policies.seedDefaults();
  await stores.feePolicies.seedDefaults();
  return stores;
}
