// The stores as each group of activities needs them, named for that caller: an activity factory depends on its
// port, never on the MongoDB implementation; workers/ (and test support) hand in the real stores, which implement
// every port. The contracts they pick from are in ./applications.ts, ./cards.ts and ./center.ts.
import type { ECardStatus, ReportedCardStatus } from '../../integrations/ports';
import type {
  ApplicationStore,
  CurrentApplicant,
  EnrollmentStore,
  PhotoStore,
  RecordStore,
} from './applications';
import type { BankReceiptStore, CardFeedStore, CardStore, ParcelStore, PrintOrderStore } from './cards';
import type { CardUseStore } from '../card-use';
import type {
  BatchStore,
  CalendarStore,
  CounterStore,
  EscalationStore,
  NotificationLog,
  PolicyStore,
  UnitStore,
} from './center';
import type { GuardianshipStore } from './guardianships';
import type { FeeDecisionPort, PaymentStepPort } from './fees';

/** The applicant's data a step sends to a partner (activities/applicant.ts). */
export interface ApplicantPort {
  applications: Pick<ApplicationStore, 'get'>;
  currentApplicant: CurrentApplicant;
}

/** The applicant's data with whom their notices go to: a minor's guardian until the hand-over (applicant.ts). */
export interface ContactPort extends ApplicantPort {
  guardianships: Pick<GuardianshipStore, 'get'>;
}

/** Raising an escalation once per key, and a wait's look at whether it was raised (escalation.ts, waiting.ts). */
export interface EscalationPort {
  escalations: Pick<EscalationStore, 'raise' | 'get'>;
}

/** A manufacturer's report settled on the card and its order (printing.ts, with the record write). */
export interface PrintSettlementPort {
  cards: Pick<CardStore, 'markPrinted'>;
  printOrders: Pick<PrintOrderStore, 'settle'>;
}

/** The record keeping (records.ts): the record, the calendar deadlines come from, the report it settles. */
export interface RecordKeepingPort extends PrintSettlementPort {
  records: Pick<RecordStore, 'write'>;
  calendar: Pick<CalendarStore, 'current'>;
}

/** Step 2, the acceptance and the audit (acceptance.ts). */
export interface AcceptancePort extends FeeDecisionPort {
  applications: Pick<ApplicationStore, 'get' | 'applicant'>;
  calendar: Pick<CalendarStore, 'current'>;
  enrollments: Pick<EnrollmentStore, 'recordAudit' | 'makeOfficial'>;
  photos: Pick<PhotoStore, 'ownerOf'>;
  policies: Pick<PolicyStore, 'all'>;
  units: Pick<UnitStore, 'get'>;
  counters: Pick<CounterStore, 'get'>;
  guardianships: Pick<GuardianshipStore, 'record'>;
  /** A damaged card's issue, for the exemption of damage not the holder's fault. */
  cards: Pick<CardStore, 'get'>;
}

/** Step 4, the card's registration: the person's earlier cards end (registry.ts). */
export interface RegistrationPort extends ApplicantPort {
  cards: Pick<CardStore, 'add' | 'addIfFirst' | 'cancel' | 'cardsOf' | 'get'>;
  policies: Pick<PolicyStore, 'all'>;
}

/** Step 5, print orders (printing.ts). */
export interface PrintingPort extends ApplicantPort, EscalationPort {
  cards: Pick<CardStore, 'markPrinted'>;
  printOrders: Pick<PrintOrderStore, 'place' | 'get' | 'cancelUnplaced' | 'settle'>;
  units: Pick<UnitStore, 'get'>;
}

/** Step 5 in the instant lane: the card made at the counter (counter-printing.ts). */
export interface CounterPrintingPort extends ApplicantPort {
  units: Pick<UnitStore, 'get'>;
}

/** Step 7 of the online lane, the parcel (delivery.ts). */
export interface DeliveryPort {
  applications: Pick<ApplicationStore, 'get'>;
  cards: Pick<CardStore, 'awaitCollection'>;
  counters: Pick<CounterStore, 'get'>;
  notifications: Pick<NotificationLog, 'record'>;
  parcels: Pick<ParcelStore, 'book' | 'dispatched'>;
}

/** Step 6, the bank account (bank.ts). */
export interface BankStepPort extends ApplicantPort, EscalationPort {
  bankReceipts: Pick<BankReceiptStore, 'get'>;
  cards: Pick<CardStore, 'get' | 'activateBank' | 'closeBank'>;
}

/** Notices to the unit and the person, and the card awaiting collection (notification.ts). */
export interface NotificationPort extends ContactPort {
  cards: Pick<CardStore, 'awaitCollection'>;
  notifications: Pick<NotificationLog, 'record' | 'recordAll'>;
  units: Pick<UnitStore, 'get'>;
  counters: Pick<CounterStore, 'get'>;
}

/** Step 7b and the withdrawal's undoing of step 4 (issuance.ts). */
export interface IssuancePort {
  cards: Pick<CardStore, 'get' | 'cancel' | 'registerCollection' | 'restorePredecessors'>;
  cardUse: Pick<CardUseStore, 'seal'>;
}

/** A card's life after issuance: loss reports, their lapse, cancellation, the holder's SMS (card-life.ts). */
export interface CardLifePort extends ContactPort {
  calendar: Pick<CalendarStore, 'current'>;
  cards: Pick<CardStore, 'get' | 'recordLoss' | 'cancel'>;
  cardUse: Pick<CardUseStore, 'put'>;
  notifications: Pick<NotificationLog, 'record'>;
  policies: Pick<PolicyStore, 'all'>;
}

/** The national parties' feeds over the registry (card-feed.ts, ecard.ts, national-registry.ts). */
export interface CardFeedPort extends ApplicantPort {
  cards: Pick<CardStore, 'changedSince'>;
  ecards: CardFeedStore<ECardStatus>;
  nationalReports: CardFeedStore<ReportedCardStatus>;
  units: Pick<UnitStore, 'get'>;
}

/** A batch's own steps (batch.ts). */
export interface BatchStepsPort {
  applications: Pick<ApplicationStore, 'remove'>;
  batches: Pick<
    BatchStore,
    'get' | 'accept' | 'page' | 'markRows' | 'recountRows' | 'statusesOf' | 'saveSummary'
  >;
  notifications: Pick<NotificationLog, 'record'>;
  policies: Pick<PolicyStore, 'all'>;
  records: Pick<RecordStore, 'countsForBatch' | 'laggardsOf'>;
  units: Pick<UnitStore, 'get'>;
}

/** The coming-of-age hand-over: holders due, the end of their guardian's rights, both told (coming-of-age.ts). */
export interface ComingOfAgePort extends ContactPort {
  guardianships: Pick<GuardianshipStore, 'get' | 'dueBy' | 'handOver'>;
  notifications: Pick<NotificationLog, 'record'>;
}

/** The renewal campaign's notices to holders whose card's renewal window opened (renewal.ts). */
export interface RenewalNoticePort extends ContactPort {
  cards: Pick<CardStore, 'dueForRenewal' | 'noteRenewalNotice' | 'cardsOf'>;
  notifications: Pick<NotificationLog, 'record'>;
}

/** Release 0.1.0's activities, kept for its running workflows (legacy.ts). */
export interface LegacyPort extends PrintSettlementPort {
  applications: Pick<ApplicationStore, 'get' | 'applicant'>;
  records: Pick<RecordStore, 'get' | 'write' | 'noteRevision'>;
}

/** Everything the activities together need: what workers/ hands to activities/index.ts. */
export type ActivityPorts = RecordKeepingPort &
  AcceptancePort &
  RegistrationPort &
  PrintingPort &
  CounterPrintingPort &
  DeliveryPort &
  BankStepPort &
  NotificationPort &
  IssuancePort &
  CardLifePort &
  CardFeedPort &
  BatchStepsPort &
  ComingOfAgePort &
  RenewalNoticePort &
  PaymentStepPort &
  LegacyPort;
