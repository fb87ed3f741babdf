// The stores as each part of the client library needs them, named for that caller: a client module depends on its
// port, never on the MongoDB implementation; client/connect.ts (and test support) hand in the real stores, which
// implement every port. The contracts they pick from are in ./applications.ts, ./cards.ts and ./center.ts.
import type { ECardStatus } from '../../integrations/ports';
import type {
  ApplicationStore,
  CollectorStore,
  CurrentApplicant,
  PhotoStore,
  RecordStore,
} from './applications';
import type { BankReceiptStore, CardFeedStore, CardStore, ParcelStore, PrintOrderStore } from './cards';
import type { CardUseStore } from '../card-use';
import type {
  ApiKeyAdministration,
  BatchStore,
  CounterStore,
  CalendarStore,
  EscalationStore,
  PolicyStore,
  TrackingStore,
  UnitStore,
} from './center';
import type { GuardianshipStore } from './guardianships';
import type { FeeDecisionPort, PaymentsPort } from './fees';

/** Submitting applications, reading them, the actions on them (client/applications.ts). */
export interface ApplicationsPort extends FeeDecisionPort {
  applications: Pick<ApplicationStore, 'get' | 'create' | 'remove' | 'addRevision'>;
  collectors: Pick<CollectorStore, 'add' | 'remove'>;
  records: Pick<RecordStore, 'get'>;
  units: Pick<UnitStore, 'get'>;
  counters: Pick<CounterStore, 'get'>;
  policies: Pick<PolicyStore, 'all'>;
  guardianships: Pick<GuardianshipStore, 'get'>;
}

/** A person's cards at the counter (client/card-lookup.ts) and a card's life (client/card-life.ts). */
export interface CardsPort {
  applications: Pick<ApplicationStore, 'get'>;
  cards: Pick<CardStore, 'get' | 'cardsOf'>;
  cardUse: Pick<CardUseStore, 'get' | 'withChip'>;
  currentApplicant: CurrentApplicant;
  ecards: Pick<CardFeedStore<ECardStatus>, 'get'>;
  policies: Pick<PolicyStore, 'all'>;
}

/** The manufacturer's reports on print orders (client/print-reports.ts). */
export interface PrintReportsPort {
  printOrders: Pick<PrintOrderStore, 'asPlaced' | 'receiveReport' | 'forgetReport' | 'keepUntaken'>;
}

/** The bank's receipts of shipped cards (client/hand-over.ts). */
export interface HandOverPort {
  bankReceipts: Pick<BankReceiptStore, 'record'>;
}

/** A unit's batches (client/batches.ts). */
export interface BatchesPort {
  applications: Pick<ApplicationStore, 'get' | 'createMany' | 'discardBatch'>;
  batches: Pick<BatchStore, 'get' | 'stage' | 'discard' | 'rowsWithStatus'>;
  records: Pick<RecordStore, 'countsForBatch' | 'forBatch' | 'awaitingCollectionIn'>;
  units: Pick<UnitStore, 'get'>;
  policies: Pick<PolicyStore, 'all'>;
}

/** The lists and reports the console and the command line page through (client/lists.ts). */
export interface ListsPort {
  batches: Pick<BatchStore, 'listPage'>;
  escalations: Pick<EscalationStore, 'listPage'>;
  records: Pick<RecordStore, 'acceptedBetween' | 'listedOf'>;
}

/** Applicants' photos (client/photos.ts). */
export interface PhotosPort {
  photos: Pick<PhotoStore, 'add' | 'get'>;
  policies: Pick<PolicyStore, 'all'>;
  units: Pick<UnitStore, 'get'>;
}

/** The courier's reports on parcels (client/deliveries.ts). */
export interface DeliveriesPort {
  parcels: Pick<ParcelStore, 'get' | 'note'>;
}

/** A person's own application made online (client/online.ts). */
export interface OnlinePort {
  policies: Pick<PolicyStore, 'all'>;
  tracking: TrackingStore;
}

/** "Where is my card?" (client/tracking.ts). */
export interface TrackingPort {
  applications: Pick<ApplicationStore, 'get'>;
  cards: Pick<CardStore, 'cardsOf'>;
  currentApplicant: CurrentApplicant;
  records: Pick<RecordStore, 'get'>;
  parcels: Pick<ParcelStore, 'forApplication'>;
  counters: Pick<CounterStore, 'get'>;
  tracking: TrackingStore;
  units: Pick<UnitStore, 'get'>;
  guardianships: Pick<GuardianshipStore, 'get'>;
}

/** Administration: API keys, calendar years, deadline policies (client/admin.ts). */
export interface AdministrationPort {
  apiKeys: ApiKeyAdministration;
  calendar: Pick<CalendarStore, 'listYears' | 'publishYear'>;
  policies: Pick<PolicyStore, 'all' | 'upsert'>;
  units: Pick<UnitStore, 'get'>;
  counters: Pick<CounterStore, 'upsert'>;
}

/** Everything the client library together needs: what client/connect.ts hands to createSscardClient. */
export type ClientPorts = ApplicationsPort &
  CardsPort &
  PrintReportsPort &
  HandOverPort &
  BatchesPort &
  ListsPort &
  PhotosPort &
  OnlinePort &
  DeliveriesPort &
  PaymentsPort &
  TrackingPort &
  AdministrationPort;
