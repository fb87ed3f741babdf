// The card-use network, simulated: counters' card readers, self-service terminals and bank branches where holders
// activate their cards, set PINs and get them wrong. It keeps each chip's own count of wrong PINs, resets it when
// sscard asks (once per key), and reports each event through the report sink: a signed callback on the local stack,
// the client library in tests.
import type { Db } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { type CardFunction, type UseEvent, type UsePlace } from '../../domain/card-use';
import type { CardTerminals, PinCounterResetRequest } from '../ports';
import { Behaviour } from './behaviour';

/** A report as the network (or the bank, for its branches) sends it; the message ID names it. */
export interface UseReportMessage {
  messageId: string;
  /** Whose secret signs it: the bank reports what happens at its branches. */
  from: 'terminals' | 'bank';
  report: { chipId: string; event: UseEvent; function?: CardFunction; where: UsePlace; at: string };
}
export type UseReportSink = (message: UseReportMessage) => Promise<void>;

interface ChipDoc {
  _id: string; // the chip ID
  wrongPins: number;
}

export class TerminalsSimulator implements CardTerminals {
  readonly behaviour = new Behaviour('terminals');
  private readonly chips;
  private readonly answers;
  private sink: UseReportSink | undefined;

  constructor(db: Db) {
    this.chips = db.collection<ChipDoc>('terminal_chips');
    this.answers = db.collection<{ _id: string; resetAt: string }>('terminal_answers');
  }

  attach(sink: UseReportSink): void {
    this.sink = sink;
  }

  async resetPinCounter(request: PinCounterResetRequest): Promise<{ resetAt: string }> {
    await this.behaviour.enter('resetPinCounter');
    const answered = await this.answers.findOne({ _id: request.requestKey });
    const resetAt = answered?.resetAt ?? new Date().toISOString();
    if (!answered) {
      await this.chips.updateOne({ _id: request.chipId }, { $set: { wrongPins: 0 } }, { upsert: true });
      await this.answers.updateOne({ _id: request.requestKey }, { $set: { resetAt } }, { upsert: true });
    }
    this.behaviour.leave();
    return { resetAt };
  }

  /** The chip's own count of wrong PINs since its last reset. */
  wrongPins = async (chipId: string): Promise<number> =>
    (await this.chips.findOne({ _id: chipId }))?.wrongPins ?? 0;

  /** The holder activates a function: the social one at a counter or terminal (or a bank), the financial one at a bank. */
  activate = (chipId: string, fn: CardFunction, where: UsePlace = fn === 'financial' ? 'bank' : 'counter') =>
    this.send(where === 'bank' ? 'bank' : 'terminals', { chipId, event: 'activated', function: fn, where });

  setPin = (chipId: string, where: UsePlace = 'terminal') =>
    this.send('terminals', { chipId, event: 'pin_set', where });

  /** A wrong PIN: the chip counts it, and the network reports it (sscard counts too, and locks at the sixth). */
  async wrongPin(chipId: string, where: UsePlace = 'terminal'): Promise<void> {
    await this.chips.updateOne({ _id: chipId }, { $inc: { wrongPins: 1 } }, { upsert: true });
    await this.send('terminals', { chipId, event: 'pin_failed', where });
  }

  /** The network reports a chip locked (a terminal that locks by its own count). */
  lock = (chipId: string, where: UsePlace = 'terminal') =>
    this.send('terminals', { chipId, event: 'locked', where });

  private async send(from: UseReportMessage['from'], report: Omit<UseReportMessage['report'], 'at'>) {
    if (!this.sink) throw new Error('the terminals simulator has no report sink attached');
    await this.sink({
      messageId: `use-${randomUUID()}`,
      from,
      report: { ...report, at: new Date().toISOString() },
    });
  }
}
