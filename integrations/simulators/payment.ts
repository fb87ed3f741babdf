// The payment provider, simulated: opens a charge once per charge ID, lets the person pay it (at once, after a
// while, or when a test says), reports the payment through the report sink (the signed HTTP callback on the local
// stack) until sscard takes it, and refunds a paid charge or closes an open one at a withdrawal. Its books are what
// the fault run counts: a charge paid twice, or a withdrawn application's payment not refunded.
import type { Db } from 'mongodb';
import { byId, isDuplicateKey } from '../../store/mongo';
import {
  type ChargeRequest,
  type PaymentProvider,
  type PaymentReport,
  type PaymentReportSink,
  RefundRefusedError,
  type RefundRequest,
} from '../ports';
import { Behaviour } from './behaviour';
import { Later } from './later';

type ChargeStatus = 'open' | 'paid' | 'closed' | 'refunded';

export interface ChargeDoc {
  _id: string; // the charge ID
  amountFen: number;
  description: string;
  status: ChargeStatus;
  /** Payments the person made: more than one would be a charge paid twice. */
  payments: { at: Date }[];
  /** The report being sent: resent as it is until sscard takes it. */
  pending?: PaymentReport;
  reported?: boolean;
  refundKey?: string;
  refundedFen?: number;
  openedAt: Date;
}

export interface PaymentSettings {
  /** How long the person takes to pay a charge, in milliseconds of real time. */
  payMs: number;
}

/** What the person does with a charge: pays it after `payMs` (the default), or waits until a test pays it. */
export type PayerBehaviour = 'pays' | 'waits';

export class PaymentSimulator implements PaymentProvider {
  readonly behaviour = new Behaviour('payment');
  private readonly charges;
  private readonly later = new Later();
  private readonly payers = new Map<string, PayerBehaviour>();
  private readonly refusedRefunds = new Set<string>();
  private sink: PaymentReportSink | undefined;

  constructor(
    db: Db,
    public settings: PaymentSettings = { payMs: 0 },
  ) {
    this.charges = db.collection<ChargeDoc>('payment_charges');
  }

  /** Where reports go. Until one is attached, payments wait to be reported. */
  attach(sink: PaymentReportSink): void {
    this.sink = sink;
  }

  /** What the person does with this charge from now on (`*`: with every charge without a behaviour of its own). */
  payerOf(chargeId: string, behaviour: PayerBehaviour): void {
    this.payers.set(chargeId, behaviour);
  }

  /** The provider will refuse to refund this charge (the person's account is closed). */
  refuseRefundOf(chargeId: string): void {
    this.refusedRefunds.add(chargeId);
  }

  /** A charge as the provider's books show it, or null when it was never opened. */
  lookup(chargeId: string): Promise<ChargeDoc | null> {
    return this.charges.findOne(byId(chargeId));
  }

  async charge(request: ChargeRequest): Promise<{ status: ChargeStatus }> {
    await this.behaviour.enter('charge');
    const doc: ChargeDoc = {
      _id: request.chargeId,
      amountFen: request.amountFen,
      description: request.description,
      status: 'open',
      payments: [],
      openedAt: new Date(),
    };
    let status: ChargeStatus = 'open';
    try {
      await this.charges.insertOne(doc);
      this.schedulePayment(doc._id);
    } catch (error) {
      // Opened before (or closed by a withdrawal first): the same charge, as it stands.
      if (!isDuplicateKey(error)) throw error;
      status = (await this.charges.findOne(byId(request.chargeId)))?.status ?? 'open';
    }
    this.behaviour.leave();
    return { status };
  }

  async refund(
    request: RefundRequest,
  ): Promise<{ outcome: 'refunded' | 'closed_unpaid'; amountFen: number }> {
    await this.behaviour.enter('refund');
    const doc = await this.charges.findOne(byId(request.chargeId));
    let answer: { outcome: 'refunded' | 'closed_unpaid'; amountFen: number };
    if (!doc) {
      // Never opened (the charge's call was lost): closed, so a late charge of the same ID opens nothing.
      await this.charges
        .insertOne({
          _id: request.chargeId,
          amountFen: 0,
          description: '',
          status: 'closed',
          payments: [],
          refundKey: request.refundKey,
          openedAt: new Date(),
        })
        .catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        });
      answer = { outcome: 'closed_unpaid', amountFen: 0 };
    } else if (doc.status === 'open') {
      await this.charges.updateOne(byId(doc._id), {
        $set: { status: 'closed', refundKey: request.refundKey },
      });
      answer = { outcome: 'closed_unpaid', amountFen: 0 };
    } else if (doc.status === 'closed') {
      answer = { outcome: 'closed_unpaid', amountFen: 0 };
    } else if (doc.status === 'refunded') {
      answer = { outcome: 'refunded', amountFen: doc.refundedFen ?? doc.amountFen };
    } else {
      if (this.refusedRefunds.has(doc._id)) throw new RefundRefusedError(doc._id);
      await this.charges.updateOne(byId(doc._id), {
        $set: { status: 'refunded', refundKey: request.refundKey, refundedFen: doc.amountFen },
      });
      answer = { outcome: 'refunded', amountFen: doc.amountFen };
    }
    this.behaviour.leave();
    return answer;
  }

  /** The person pays the charge now (a test's payer that waited); a closed or paid charge takes no payment. */
  async pay(chargeId: string): Promise<boolean> {
    const at = new Date();
    const report: PaymentReport = { chargeId, event: 'paid', amountFen: 0, at: at.toISOString() };
    const doc = await this.charges.findOne(byId(chargeId));
    if (doc?.status !== 'open') return false;
    report.amountFen = doc.amountFen;
    const paid = await this.charges.updateOne(
      { _id: chargeId, status: 'open' },
      { $set: { status: 'paid', pending: report }, $push: { payments: { at } } },
    );
    if (paid.modifiedCount === 1) await this.send(chargeId);
    return paid.modifiedCount === 1;
  }

  /** Picks up what was under way when the process stopped: charges to pay, reports to send. */
  async resume(): Promise<number> {
    const open = await this.charges.find({ status: { $in: ['open', 'paid'] } }).toArray();
    for (const doc of open) {
      if (doc.status === 'open') this.schedulePayment(doc._id);
      else if (doc.pending) this.later.at(new Date(), () => this.send(doc._id));
    }
    return open.length;
  }

  stop(): void {
    this.later.stop();
  }

  /** The books the fault run checks: charges, those paid more than once, and paid ones of these IDs not refunded. */
  async books(withdrawn: readonly string[] = []): Promise<{
    charges: number;
    paid: number;
    refunded: number;
    chargedTwice: number;
    refundsMissing: number;
  }> {
    const docs = await this.charges.find({}).toArray();
    const ended = new Set(withdrawn);
    const owing = (d: ChargeDoc) => d.status === 'paid' && ended.has(d._id.replace(/-F\d+$/, ''));
    return {
      charges: docs.filter((d) => d.status !== 'closed' || d.payments.length > 0).length,
      paid: docs.filter((d) => d.payments.length > 0).length,
      refunded: docs.filter((d) => d.status === 'refunded').length,
      chargedTwice: docs.filter((d) => d.payments.length > 1).length,
      refundsMissing: docs.filter(owing).length,
    };
  }

  private schedulePayment(chargeId: string): void {
    if ((this.payers.get(chargeId) ?? this.payers.get('*') ?? 'pays') === 'waits') return;
    this.later.at(new Date(Date.now() + this.settings.payMs), async () => {
      await this.pay(chargeId).catch(() => this.schedulePayment(chargeId));
    });
  }

  /** Sends the charge's pending report until sscard takes it, as an outbox would. */
  private async send(chargeId: string): Promise<void> {
    try {
      const doc = await this.charges.findOne(byId(chargeId));
      if (!doc?.pending || !this.sink) return;
      await this.sink(doc.pending);
      await this.charges.updateOne(byId(chargeId), { $set: { reported: true }, $unset: { pending: '' } });
    } catch {
      this.later.at(new Date(Date.now() + 1000), () => this.send(chargeId));
    }
  }
}
