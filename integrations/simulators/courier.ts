// The courier, simulated: books a parcel, then reports it step by step through the report sink (the signed HTTP
// callback on the local stack): picked up, in transit, out for delivery, and at the door whatever the recipient does
// (tests and the demo say what, by phone). Parcels survive a restart: open ones are picked up again by resume().
// It keeps the address only while the parcel is open, and logs nothing.
import type { Db } from 'mongodb';
import { byId, isDuplicateKey } from '../../store/mongo';
import type { Courier, CourierReport, CourierReportSink, DeliveryAddress, ParcelRequest } from '../ports';
import { Behaviour } from './behaviour';
import { Later } from './later';
import { hex } from './made-cards';
import type { NotifierSimulator } from './notifier';

/** What the recipient does when the courier rings. */
export type RecipientBehaviour = 'at_home' | 'absent' | 'refuses' | 'wrong_code';

interface ParcelDoc {
  _id: string; // the parcel ID
  trackingNumber: string;
  cardNumber: string;
  /** Only while the parcel is open. */
  address?: DeliveryAddress;
  returnTo: ParcelRequest['returnTo'];
  status: 'open' | 'delivered' | 'returned';
  /** The reports sscard took, in order. */
  reports: CourierReport[];
  /** Delivered reports sscard refused (a wrong code): each a failed attempt. */
  refusedDeliveries: CourierReport[];
  /** The report being sent: resent as it is (the same message) until sscard takes it. */
  pending?: CourierReport;
  nextAt: Date;
}

export interface CourierSettings {
  /** Time between two reports of a parcel, in milliseconds of real time. */
  stepMs: number;
}

/** Failed attempts before the parcel goes back to its service point. */
const MAX_ATTEMPTS = 3;
const DELIVERY_CODE_TEMPLATE = 'delivery_code';

export class CourierSimulator implements Courier {
  readonly behaviour: Behaviour;
  private readonly parcels;
  private readonly later = new Later();
  private readonly recipients = new Map<string, RecipientBehaviour>();
  private sink: CourierReportSink | undefined;

  constructor(
    db: Db,
    /** Where the recipient reads their SMS: the code they give at the door. */
    private readonly notifier: NotifierSimulator,
    public settings: CourierSettings = { stepMs: 0 },
  ) {
    this.behaviour = new Behaviour('courier');
    this.parcels = db.collection<ParcelDoc>('courier_parcels');
  }

  /** Where reports go. Until one is attached, parcels wait at the depot. */
  attach(sink: CourierReportSink): void {
    this.sink = sink;
  }

  /** What the recipient with this phone does at the door from now on (by default: at home, gives the code). */
  recipientAt(phone: string, behaviour: RecipientBehaviour): void {
    this.recipients.set(phone, behaviour);
  }

  /** A parcel as the courier's tracking shows it, or null when it was never booked. */
  async parcel(parcelId: string): Promise<{
    trackingNumber: string;
    status: ParcelDoc['status'];
    /** Failed attempts so far (a refused code included). */
    failedAttempts: number;
    reports: CourierReport[];
    refusedDeliveries: CourierReport[];
    /** Whether the courier still keeps the address. */
    keepsAddress: boolean;
  } | null> {
    const doc = await this.parcels.findOne(byId(parcelId));
    if (!doc) return null;
    const { trackingNumber, status, reports, refusedDeliveries } = doc;
    return {
      trackingNumber,
      status,
      failedAttempts: failedAttempts(doc),
      reports,
      refusedDeliveries,
      keepsAddress: doc.address !== undefined,
    };
  }

  async dispatch(request: ParcelRequest): Promise<{ parcelId: string; trackingNumber: string }> {
    await this.behaviour.enter('dispatch');
    const doc: ParcelDoc = {
      _id: request.parcelId,
      trackingNumber: trackingNumberOf(request.parcelId),
      cardNumber: request.cardNumber,
      address: request.address,
      returnTo: request.returnTo,
      status: 'open',
      reports: [],
      refusedDeliveries: [],
      nextAt: new Date(Date.now() + this.settings.stepMs),
    };
    try {
      await this.parcels.insertOne(doc);
      this.schedule(doc);
    } catch (error) {
      // Booked before: the same parcel, the same tracking number.
      if (!isDuplicateKey(error)) throw error;
    }
    this.behaviour.leave();
    return { parcelId: doc._id, trackingNumber: doc.trackingNumber };
  }

  /** Picks up parcels that were open when the process stopped. */
  async resume(): Promise<number> {
    const open = await this.parcels.find({ status: 'open' }).toArray();
    open.forEach((doc) => this.schedule(doc));
    return open.length;
  }

  stop(): void {
    this.later.stop();
  }

  private schedule(doc: Pick<ParcelDoc, '_id' | 'nextAt'>): void {
    this.later.at(doc.nextAt, () => this.step(doc._id));
  }

  /** Sends the parcel's next report, and books the one after. */
  private async step(parcelId: string): Promise<void> {
    try {
      const doc = await this.parcels.findOne({ _id: parcelId, status: 'open' });
      if (!doc || !this.sink) return;
      const report = doc.pending ?? (await this.next(doc));
      if (!doc.pending) await this.parcels.updateOne(byId(parcelId), { $set: { pending: report } });
      try {
        await this.sink(report);
      } catch (error) {
        if (report.event !== 'delivered') throw error;
        // sscard did not take the code: the card stays with the courier, and that attempt failed.
        const failed: CourierReport = { ...report, event: 'attempt_failed', at: new Date().toISOString() };
        delete failed.code;
        await this.parcels.updateOne(byId(parcelId), {
          $set: { pending: failed },
          $push: { refusedDeliveries: report },
        });
        this.schedule({ _id: parcelId, nextAt: new Date() });
        return;
      }
      const ends = { delivered: 'delivered', returned: 'returned' } as const;
      const status =
        report.event === 'delivered' || report.event === 'returned' ? ends[report.event] : 'open';
      const nextAt = new Date(Date.now() + this.settings.stepMs);
      await this.parcels.updateOne(byId(parcelId), {
        $set: { status, nextAt },
        $push: { reports: report },
        // The address is needed no longer once the parcel is delivered or back.
        $unset: { pending: '', ...(status === 'open' ? {} : { address: '' }) },
      });
      if (status === 'open') this.schedule({ _id: parcelId, nextAt });
    } catch {
      // The callback failed, or the courier's own database is away: try again shortly, as an outbox would.
      this.schedule({ _id: parcelId, nextAt: new Date(Date.now() + 1000) });
    }
  }

  /** What happens next to the parcel, after the reports sscard took. */
  private async next(doc: ParcelDoc): Promise<CourierReport> {
    const report = (event: CourierReport['event'], more: Partial<CourierReport> = {}): CourierReport => ({
      parcelId: doc._id,
      event,
      at: new Date().toISOString(),
      ...more,
    });
    const last = doc.reports.at(-1)?.event;
    if (last === undefined) return report('picked_up');
    if (last === 'picked_up') return report('in_transit');
    if (last === 'refused' || (last === 'attempt_failed' && failedAttempts(doc) >= MAX_ATTEMPTS))
      return report('returned');
    if (last !== 'out_for_delivery') return report('out_for_delivery');
    return this.atTheDoor(doc, report);
  }

  /** One delivery attempt: what the recipient does, and the code they give. */
  private async atTheDoor(
    doc: ParcelDoc,
    report: (event: CourierReport['event'], more?: Partial<CourierReport>) => CourierReport,
  ): Promise<CourierReport> {
    const attempt = failedAttempts(doc) + 1;
    const phone = doc.address?.recipientPhone ?? '';
    const behaviour = this.recipients.get(phone) ?? 'at_home';
    if (behaviour === 'absent') return report('attempt_failed', { attempt });
    if (behaviour === 'refuses') return report('refused', { attempt });
    const [sms] = await this.notifier.messages
      .find({ channel: 'sms', to: phone, template: DELIVERY_CODE_TEMPLATE })
      .sort({ sentAt: -1 })
      .limit(1)
      .toArray();
    const code = sms?.params.code;
    if (behaviour === 'wrong_code') return report('delivered', { attempt, code: wrongCode(code) });
    // At home but without a code to give: the courier cannot hand the card over.
    if (!code) return report('attempt_failed', { attempt });
    return report('delivered', { attempt, code });
  }
}

const failedAttempts = (doc: Pick<ParcelDoc, 'reports'>): number =>
  doc.reports.filter((r) => r.event === 'attempt_failed').length;

/** `SF` and 12 digits, the same for the same parcel. */
const trackingNumberOf = (parcelId: string): string =>
  `SF${String(parseInt(hex(`parcel:${parcelId}`, 12), 16) % 1e12).padStart(12, '0')}`;

/** A code that is not the one sent (a digit off), or a made-up one. */
const wrongCode = (code: string | undefined): string =>
  code ? code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10) : '000000';
