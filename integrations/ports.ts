// The outside parties sscard talks to, as the interfaces a production adapter implements. The local
// simulators in ./simulators implement the same interfaces.
import type { CardReceipt, PrintReport } from '../domain/messages';

/** A party could not be reached or answered with a server error: worth retrying. */
export class PartnerUnavailableError extends Error {
  constructor(
    readonly party: string,
    message = `${party} is unavailable`,
  ) {
    super(message);
    this.name = 'PartnerUnavailableError';
  }
}

/** A party refused the request itself (or answered outside its contract): the same request will not fare better. */
export class PartnerRejectedError extends Error {
  constructor(
    readonly party: string,
    message = `${party} refused the request`,
  ) {
    super(message);
    this.name = 'PartnerRejectedError';
  }
}

// --- Public-security population database -------------------------------------------------------------
export interface PopulationRecord {
  residentId: string;
  name: string;
  birthDate: string;
  status: 'alive' | 'deceased';
  /** The mobile number the registry holds: where a person applying online gets the code proving who they are. */
  phone?: string;
}

/** The ID-card photo another agency holds (public security), for a card applied for online. */
export interface AgencyPhoto {
  /** The reference the manufacturer fetches the photo by from the agency; the photo itself never passes sscard. */
  photoRef: string;
  /** When the agency took it: an ID-card photo older than the card's photo rule allows is not used. */
  takenOn: string;
}

export interface PhotoSource {
  /** The person's ID-card photo, through government data sharing, or null where the agency has none to share. */
  idCardPhoto(request: { requestKey: string; residentId: string }): Promise<AgencyPhoto | null>;
}

export interface PopulationRegistry {
  lookup(residentId: string): Promise<PopulationRecord | null>;
}

// --- Cooperative bank ----------------------------------------------------------------------------------
export type ComparisonFinding =
  'NAME_MISMATCH' | 'BIRTH_DATE_MISMATCH' | 'DECEASED' | 'UNKNOWN_PERSON' | 'BANK_RECORD_CONFLICT';

export interface IdentityComparisonRequest {
  /** Idempotency key: the same key always gets the same answer. */
  requestKey: string;
  residentId: string;
  name: string;
  birthDate: string;
}

export interface IdentityComparisonResult {
  findings: ComparisonFinding[];
}

export interface OpenAccountRequest {
  requestKey: string;
  residentId: string;
  name: string;
  cardNumber: string;
  chipId: string;
}

export interface OpenAccountResult {
  /** Masked account number, safe to display. */
  accountRef: string;
  walletId: string;
  opened: 'new' | 'existing';
}

export interface CloseAccountRequest {
  requestKey: string;
  /** The key the account was opened (or linked) with: only what that request did is undone. */
  openedWith: string;
  residentId: string;
  chipId: string;
}

export interface CloseAccountResult {
  /** `account`: the account opened for this card is closed with its wallet; `wallet`: the person's earlier
   * account stays, only this card's wallet is revoked; `nothing`: nothing was opened for this card. */
  closed: 'account' | 'wallet' | 'nothing';
}

export interface CardFinancialStateRequest {
  requestKey: string;
  /** The card's chip, which the bank knows the wallet and account by. */
  chipId: string;
  /** `frozen` with a loss report; `active` again with its lift or lapse. */
  state: 'frozen' | 'active';
}

export interface Bank {
  /** Compares the person with the population database and with the bank's own customer records. */
  compareIdentity(request: IdentityComparisonRequest): Promise<IdentityComparisonResult>;
  /** Writes the electronic wallet onto the card's chip and opens (or links) the bank account. */
  openAccount(request: OpenAccountRequest): Promise<OpenAccountResult>;
  /** Undoes openAccount for a withdrawn card: idempotent, the same key always gets the same answer. */
  closeAccount(request: CloseAccountRequest): Promise<CloseAccountResult>;
  /** Freezes or unfreezes the card's financial function (a loss report, its lift or lapse). */
  setCardFinancialState(request: CardFinancialStateRequest): Promise<{ state: 'frozen' | 'active' }>;
}

// --- Card manufacturer ---------------------------------------------------------------------------------
export interface PrintOrder {
  orderId: string;
  residentId: string;
  name: string;
  photoId: string;
  /** Where the factory fetches the photo (signed, 72 hours), when sscard keeps it (an uploaded photo). */
  photoUrl?: string;
  express: boolean;
}

export interface Manufacturer {
  /** Accepts the order; the outcome comes back later through a partner report (see PrintReport). */
  placeOrder(order: PrintOrder): Promise<{ orderId: string; expectedBy: string }>;
  /**
   * Cancels an order not yet printed. An order the factory never received (its placement did not get there) is
   * voided: `received: false`, and a placement of that ID later prints nothing.
   */
  cancelOrder(orderId: string): Promise<{ cancelled: boolean; received?: boolean }>;
}

/** Where a manufacturer's reports arrive: the signed HTTP callback in production, a direct call in tests. */
export type PrintReportSink = (report: PrintReport) => Promise<void>;

/**
 * Where the bank's receipts of the cards the manufacturer shipped to it arrive (the signed HTTP callback in
 * production, a direct call in tests): the bank binds a card's account only after its receipt.
 */
export type CardReceiptSink = (receipt: CardReceipt) => Promise<void>;

// --- Card printer at a counter (instant issuance) ------------------------------------------------------
/** One card to be made on the spot, on the printer of the counter where the person waits. */
export interface CounterPrintRequest {
  /** Idempotency key: one per print attempt; the same key never makes a second card. */
  printId: string;
  counterId: string;
  residentId: string;
  name: string;
  photoId: string;
  /** Where the printer fetches the photo (signed, 72 hours), when sscard keeps it (an uploaded photo). */
  photoUrl?: string;
}

/** The card as the counter's printer made it. The chip's personalisation and keys are the printer's, never sent. */
export interface CounterPrintResult {
  cardNumber: string;
  chipId: string;
  /** The serial number of the blank card that became this card. */
  blankSerial: string;
}

/** Why a counter's printer could not make the card: a person at the counter has to clear it. */
export type PrinterFault = 'jammed' | 'out_of_blanks';

/** The printer answered that it cannot make the card (not an outage: the same request would fail the same way). */
export class PrinterFaultError extends PartnerRejectedError {
  constructor(
    readonly fault: PrinterFault,
    message = `the counter's card printer is ${fault === 'jammed' ? 'jammed' : 'out of blank cards'}`,
  ) {
    super('Counter card printer', message);
    this.name = 'PrinterFaultError';
  }
}

export interface CounterPrinter {
  /** Makes the card now (seconds), or throws PrinterFaultError; the same printId answers the same card again. */
  print(request: CounterPrintRequest): Promise<CounterPrintResult>;
  /**
   * Settles a print whose answer never came: the card it made, or `null` when it made none, and then none will be
   * made for that print ID (an attempt still under way is refused), so that the card is made elsewhere only once.
   */
  settle(printId: string): Promise<{ made: CounterPrintResult | null }>;
}

// --- Courier (cards applied for online, delivered to the door) -----------------------------------------
/** Where a card is delivered: personal data, read from the store by the activity, never in a workflow payload. */
export interface DeliveryAddress {
  /** The 6-digit region code (GB/T 2260) of the district. */
  region: string;
  /** Street, building, flat. */
  line: string;
  recipientName: string;
  recipientPhone: string;
}

export interface ParcelRequest {
  /** Idempotency key: one parcel per ID, however often it is asked for. */
  parcelId: string;
  /** The card inside, for the courier's manifest (a number, no personal data). */
  cardNumber: string;
  address: DeliveryAddress;
  /** Where the courier brings the parcel back after three failed attempts or a refusal: a service point's counter. */
  returnTo: { counterId: string; name: string };
}

/**
 * What a courier reports of a parcel. `delivered` carries the code the person gave at the door (from their SMS),
 * which sscard checks before it counts the card as handed over; `returned` is the parcel back at its service point
 * after three failed attempts or a refusal.
 */
export const COURIER_EVENTS = [
  'picked_up',
  'in_transit',
  'out_for_delivery',
  'attempt_failed',
  'refused',
  'delivered',
  'returned',
] as const;
export type CourierEvent = (typeof COURIER_EVENTS)[number];

export interface CourierReport {
  parcelId: string;
  event: CourierEvent;
  at: string;
  /** The delivery attempt it reports (1, 2, 3), for attempt_failed, refused and delivered. */
  attempt?: number;
  /** The code the person gave, for delivered. */
  code?: string;
}

export interface Courier {
  /** Books the parcel's pick-up at the center; its progress comes back as reports (CourierReportSink). */
  dispatch(request: ParcelRequest): Promise<{ parcelId: string; trackingNumber: string }>;
}

/** Where a courier's reports arrive: the signed HTTP callback in production, a direct call in tests. */
export type CourierReportSink = (report: CourierReport) => Promise<void>;

// --- National social security card registry -----------------------------------------------------------
/** A card another province issued, as the national registry knows it. */
export interface ProvincialCard {
  /** The issuing province: the first two digits of its region code (GB/T 2260). */
  province: string;
  cardNumber: string;
  /** `cancelling`: a cancellation was asked for and the province has not confirmed it yet. */
  status: 'valid' | 'cancelling' | 'cancelled';
}

export interface CardCancellationRequest {
  /** Idempotency key: the same key always gets the same answer. */
  requestKey: string;
  residentId: string;
  province: string;
  cardNumber: string;
}

/** A card of this province as the national registry should know it: in force, or ended for good. */
export type ReportedCardStatus = 'valid' | 'cancelled';

export interface CardReport {
  /** Idempotency key: one per change of the card. */
  requestKey: string;
  residentId: string;
  /** This province: the first two digits of the issuing unit's region code. */
  province: string;
  cardNumber: string;
  status: ReportedCardStatus;
}

export interface NationalCardRegistry {
  /** Every card issued to the person by any province. */
  cardsOf(residentId: string): Promise<ProvincialCard[]>;
  /** Asks the card's province to cancel it (one person, one card); the province confirms later. */
  requestCancellation(request: CardCancellationRequest): Promise<{ status: ProvincialCard['status'] }>;
  /** Tells the registry of a card this province issued, or that it ended, so other provinces find it. */
  reportCard(report: CardReport): Promise<{ status: ReportedCardStatus }>;
}

// --- National electronic social security card platform ------------------------------------------------
/** The electronic card follows the physical one: usable, suspended with a loss report, or cancelled for good. */
export type ECardStatus = 'active' | 'suspended' | 'cancelled';

export interface ECardStatusRequest {
  /** Idempotency key: one per change of the physical card. */
  requestKey: string;
  residentId: string;
  /** The physical card the electronic one is bound to. */
  cardNumber: string;
  status: ECardStatus;
}

export interface ECardPlatform {
  /** Sets the status of the person's electronic card bound to this physical card. */
  setStatus(request: ECardStatusRequest): Promise<{ status: ECardStatus }>;
}

// --- SMS, e-mail and the unit portal -------------------------------------------------------------------
export interface OutgoingMessage {
  /** Idempotency key: one message per key, however often it is sent. */
  key: string;
  channel: 'sms' | 'email' | 'portal';
  /** Phone number, e-mail address, or a portal inbox (unit or staff queue). */
  to: string;
  template: string;
  params: Record<string, string>;
}

export interface Notifier {
  send(message: OutgoingMessage): Promise<{ messageId: string }>;
}

// --- Payment provider (card fees) ---------------------------------------------------------------------
/** One fee to pay: the charge ID is sscard's (`<application>-F<n>`) and the provider's idempotency key. */
export interface ChargeRequest {
  chargeId: string;
  amountFen: number;
  /** What the person sees on the payment page: the reason, no personal data. */
  description: string;
}

/** What the provider reports of a charge, as a Standard Webhook: paid once the person paid it. */
export interface PaymentReport {
  chargeId: string;
  event: 'paid';
  amountFen: number;
  at: string;
}

/** The end of a charge at a withdrawal: an open one closed unpaid (it can be paid no more), a paid one refunded. */
export interface RefundRequest {
  /** Idempotency key of the refund: one per charge. */
  refundKey: string;
  chargeId: string;
}

/** The provider refuses to refund a paid charge (the person's account closed...): retrying will not help. */
export class RefundRefusedError extends PartnerRejectedError {
  constructor(chargeId = 'the charge') {
    super('payment', `the payment provider refused to refund ${chargeId}`);
    this.name = 'RefundRefusedError';
  }
}

export interface PaymentProvider {
  /** Opens the charge once (the same ID opens nothing twice); its payment comes back as a report. */
  charge(request: ChargeRequest): Promise<{ status: 'open' | 'paid' | 'closed' | 'refunded' }>;
  refund(request: RefundRequest): Promise<{ outcome: 'refunded' | 'closed_unpaid'; amountFen: number }>;
}

/** Where the provider's reports arrive: the signed HTTP callback in production, a direct call in tests. */
export type PaymentReportSink = (report: PaymentReport) => Promise<void>;

// --- The card-use network: counters' card readers and self-service terminals -----------------------------
export interface PinCounterResetRequest {
  /** Idempotency key: one per unlock. */
  requestKey: string;
  chipId: string;
}

export interface CardTerminals {
  /** Resets the chip's count of wrong PINs on the network, so the card works at the next terminal again. */
  resetPinCounter(request: PinCounterResetRequest): Promise<{ resetAt: string }>;
}

export interface Partners {
  population: PopulationRegistry;
  bank: Bank;
  manufacturer: Manufacturer;
  printer: CounterPrinter;
  courier: Courier;
  photoSource: PhotoSource;
  notifier: Notifier;
  ecard: ECardPlatform;
  national: NationalCardRegistry;
  terminals: CardTerminals;
  payment: PaymentProvider;
}
