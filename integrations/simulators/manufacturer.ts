// The card manufacturer, simulated: accepts print orders and reports each one back later, as a real factory
// would, through the report sink (the signed HTTP callback on the local stack); a printed card is shipped to the
// bank first, in boxes of many cards. Orders survive a restart: pending ones are picked up again by resume().
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { PrintReport } from '../../domain/messages';
import { PRINT_FAILURE_STAGES } from '../../domain/messages';
import { byId, isDuplicateKey } from '../../store/mongo';
import type { Manufacturer, PrintOrder, PrintReportSink } from '../ports';
import { Behaviour } from './behaviour';
import { Later } from './later';
import { cardMadeFrom, hex } from './made-cards';

interface OrderDoc {
  _id: string;
  residentId: string;
  express: boolean;
  /** The link it was given to fetch the photo from. */
  photoUrl?: string;
  status: 'queued' | 'reported' | 'cancelled';
  /** Cancelled before it was ever placed: the factory keeps the ID void. */
  voided?: true;
  placedAt: Date;
  reportDueAt: Date;
  report?: PrintReport;
}

export interface ManufacturerSettings {
  /** Time from order to report, in milliseconds of real time; express orders take a third. */
  printMs: number;
  /** Probability that a print fails. */
  printFailureRate: number;
}

/** A box for the bank holds this many cards, and waits at most this long for more. */
const BOX_SIZE = 100;
const BOX_WAIT_MS = 50;

export class ManufacturerSimulator implements Manufacturer {
  readonly behaviour: Behaviour;
  private readonly orders;
  private readonly later = new Later();
  /** Scripted print failures per resident ID, for tests and the demo. */
  private readonly scriptedFailures = new Map<string, number>();
  private sink: PrintReportSink | undefined;
  /** Where printed cards are shipped: the cooperative bank. */
  private shipTo: ((shipment: { shipmentId: string; chipIds: string[] }) => Promise<void>) | undefined;
  /** The box of printed cards being packed for the bank. */
  private box: { chipIds: string[]; sent: Promise<void>; close: () => void } | undefined;
  /** Resident IDs whose cards get lost on the way to the bank, for tests and the demo. */
  private readonly lostShipments = new Set<string>();

  constructor(
    db: Db,
    public settings: ManufacturerSettings = { printMs: 0, printFailureRate: 0 },
  ) {
    this.behaviour = new Behaviour('manufacturer');
    this.orders = db.collection<OrderDoc>('mfr_orders');
  }

  /** Where reports go. Until one is attached, reports wait in the queue. */
  attach(sink: PrintReportSink): void {
    this.sink = sink;
  }

  /** Sends printed cards on to the bank, before the print is reported (as the factory's dispatch would). */
  shipsTo(receiver: (shipment: { shipmentId: string; chipIds: string[] }) => Promise<void>): void {
    this.shipTo = receiver;
  }

  /** The cards printed for this person never reach the bank. */
  loseShipmentsFor(residentId: string): void {
    this.lostShipments.add(residentId);
  }

  failPrintsFor(residentId: string, times: number): void {
    this.scriptedFailures.set(residentId, times);
  }

  async placeOrder(order: PrintOrder): Promise<{ orderId: string; expectedBy: string }> {
    await this.behaviour.enter('placeOrder');
    const delay = order.express ? Math.round(this.settings.printMs / 3) : this.settings.printMs;
    const doc: OrderDoc = {
      _id: order.orderId,
      residentId: order.residentId,
      express: order.express,
      ...(order.photoUrl ? { photoUrl: order.photoUrl } : {}),
      status: 'queued',
      placedAt: new Date(),
      reportDueAt: new Date(Date.now() + delay),
    };
    try {
      await this.orders.insertOne(doc);
      this.schedule(doc);
    } catch (error) {
      // Placed before (a retry gets the first answer), or voided by a cancellation that came first: not printed.
      if (!isDuplicateKey(error)) throw error;
    }
    const stored = (await this.orders.findOne({ _id: order.orderId }))!;
    this.behaviour.leave();
    return { orderId: stored._id, expectedBy: stored.reportDueAt.toISOString() };
  }

  async cancelOrder(orderId: string): Promise<{ cancelled: boolean; received?: boolean }> {
    await this.behaviour.enter('cancelOrder');
    await this.orders.updateOne({ _id: orderId, status: 'queued' }, { $set: { status: 'cancelled' } });
    if (!(await this.orders.findOne({ _id: orderId }))) {
      // Never received: the ID is voided, so that its placement, if it still comes, prints nothing.
      const now = new Date();
      const voided: OrderDoc = {
        _id: orderId,
        residentId: '',
        express: false,
        status: 'cancelled',
        voided: true,
        placedAt: now,
        reportDueAt: now,
      };
      await this.orders.insertOne(voided).catch((error: unknown) => {
        if (!isDuplicateKey(error)) throw error;
      });
    }
    // Asked again, the same answer: a cancelled order stays cancelled, a printed one printed.
    const stored = (await this.orders.findOne({ _id: orderId }))!;
    this.behaviour.leave();
    if (stored.status !== 'cancelled') return { cancelled: false };
    return { cancelled: true, ...(stored.voided ? { received: false } : {}) };
  }

  /** Picks up orders that were queued when the process stopped. */
  async resume(): Promise<number> {
    const pending = await this.orders.find({ status: 'queued' }).toArray();
    pending.forEach((doc) => this.schedule(doc));
    return pending.length;
  }

  stop(): void {
    this.later.stop();
  }

  private outcome(doc: OrderDoc): PrintReport {
    const at = new Date().toISOString();
    const scripted = this.scriptedFailures.get(doc.residentId) ?? 0;
    if (scripted > 0 || Math.random() < this.settings.printFailureRate) {
      this.scriptedFailures.set(doc.residentId, Math.max(0, scripted - 1));
      const stage = PRINT_FAILURE_STAGES[parseInt(hex(doc._id, 2), 16) % PRINT_FAILURE_STAGES.length]!;
      return { orderId: doc._id, outcome: 'failed', stage, reason: `defect found at ${stage}`, at };
    }
    return {
      orderId: doc._id,
      outcome: 'printed',
      ...cardMadeFrom(doc._id),
      at,
    };
  }

  private schedule(doc: Pick<OrderDoc, '_id' | 'reportDueAt'>): void {
    this.later.at(doc.reportDueAt, () => this.report(doc._id));
  }

  /**
   * Packs a printed card into the box for the bank; the box goes when full or a moment after its first card, and
   * the promise settles when the bank confirmed it (a failure fails every card in it, each shipped again).
   */
  private ship(chipId: string): Promise<void> {
    const shipTo = this.shipTo;
    if (!shipTo) return Promise.resolve();
    if (!this.box) {
      const chipIds: string[] = [];
      let close!: () => void;
      const sent = new Promise<void>((resolve) => (close = resolve)).then(() =>
        shipTo({ shipmentId: `S-${randomUUID()}`, chipIds }),
      );
      const box = { chipIds, sent, close };
      this.box = box;
      setTimeout(() => this.send(box), BOX_WAIT_MS);
    }
    const box = this.box;
    box.chipIds.push(chipId);
    if (box.chipIds.length >= BOX_SIZE) this.send(box);
    return box.sent;
  }

  private send(box: NonNullable<ManufacturerSimulator['box']>): void {
    if (this.box === box) this.box = undefined;
    box.close();
  }

  private async report(orderId: string): Promise<void> {
    try {
      const doc = await this.orders.findOne({ _id: orderId, status: 'queued' });
      if (!doc || !this.sink) return;
      const report = doc.report ?? this.outcome(doc);
      await this.orders.updateOne(byId(orderId), { $set: { report } });
      if (report.outcome === 'printed' && !this.lostShipments.has(doc.residentId))
        await this.ship(report.chipId);
      await this.sink(report);
      await this.orders.updateOne(byId(orderId), { $set: { status: 'reported' } });
    } catch {
      // The callback failed, or the factory's own database is away: try again shortly, as a factory's outbox would.
      this.schedule({ _id: orderId, reportDueAt: new Date(Date.now() + 1000) });
    }
  }
}
