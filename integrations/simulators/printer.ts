// The card printers at the counters, simulated: each makes a card in seconds from a stock of blank cards, jams now
// and then, and runs out. The same print ID always answers the card it made, and never takes a second blank.
import type { Db } from 'mongodb';
import { byId, isDuplicateKey } from '../../store/mongo';
import {
  type CounterPrinter,
  type CounterPrintRequest,
  type CounterPrintResult,
  PartnerRejectedError,
  PrinterFaultError,
} from '../ports';
import { Behaviour } from './behaviour';
import { cardMadeFrom, hex } from './made-cards';

/** One card made; no personal data is kept, only what the counter needs to find the card again. */
interface PrintDoc extends CounterPrintResult {
  _id: string; // the print ID
  counterId: string;
  /** When the card comes out of the printer. */
  readyAt: Date;
  voided?: undefined;
}

/** A print ID settled before any card was made: none ever will be (one document per ID, whichever comes first). */
interface VoidDoc {
  _id: string;
  voided: true;
}

/** A counter's printer: the blanks left, how many it has taken (the next serial), and whether it is jammed. */
interface StockDoc {
  _id: string; // the counter ID
  blanks: number;
  used: number;
  jammed: boolean;
}

export interface CounterPrinterSettings {
  /** Time to make one card, in milliseconds of real time. */
  printMs: number;
  /** Blank cards a counter's printer starts with. */
  blanksPerCounter: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A print settled as made by none is refused: its card is made elsewhere. */
function madeOrRefused(doc: PrintDoc | VoidDoc): PrintDoc {
  if (doc.voided)
    throw new PartnerRejectedError('Counter card printer', 'the print was settled: no card is made');
  return doc;
}

export class CounterPrinterSimulator implements CounterPrinter {
  readonly behaviour: Behaviour;
  private readonly prints;
  private readonly stock;
  /** Counters whose printer jams at its next print (and stays jammed until cleared), for tests and the demo. */
  private readonly jamsNext = new Set<string>();
  /** Scripted jams per resident ID, each cleared at once by the clerk, for tests and the demo. */
  private readonly scriptedJams = new Map<string, number>();

  constructor(
    db: Db,
    public settings: CounterPrinterSettings = { printMs: 0, blanksPerCounter: 500 },
  ) {
    this.behaviour = new Behaviour('printer');
    this.prints = db.collection<PrintDoc | VoidDoc>('printer_prints');
    this.stock = db.collection<StockDoc>('printer_stock');
  }

  /** The counter's printer jams at its next print, and every print after fails until clearJam(counterId). */
  jamNext(counterId: string): void {
    this.jamsNext.add(counterId);
  }

  /** Someone at the counter cleared the jam. */
  async clearJam(counterId: string): Promise<void> {
    this.jamsNext.delete(counterId);
    await this.stock.updateOne(byId(counterId), { $set: { jammed: false } });
  }

  /** This person's next `times` prints jam, wherever they are made (the counter is not left jammed). */
  jamPrintsFor(residentId: string, times = 1): void {
    this.scriptedJams.set(residentId, times);
  }

  /** The counter's printer has `count` blank cards now. */
  async setBlanks(counterId: string, count: number): Promise<void> {
    await this.stockOf(counterId);
    await this.stock.updateOne(byId(counterId), { $set: { blanks: count } });
  }

  /** The blank cards left in the counter's printer. */
  async blanksLeft(counterId: string): Promise<number> {
    return (await this.stockOf(counterId)).blanks;
  }

  async print(request: CounterPrintRequest): Promise<CounterPrintResult> {
    await this.behaviour.enter('print');
    const made = madeOrRefused(
      (await this.prints.findOne(byId(request.printId))) ?? (await this.make(request)),
    );
    await sleep(made.readyAt.getTime() - Date.now());
    this.behaviour.leave();
    return { cardNumber: made.cardNumber, chipId: made.chipId, blankSerial: made.blankSerial };
  }

  async settle(printId: string): Promise<{ made: CounterPrintResult | null }> {
    await this.behaviour.enter('settle');
    try {
      await this.prints.insertOne({ _id: printId, voided: true });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const doc = (await this.prints.findOne(byId(printId)))!;
    this.behaviour.leave();
    return {
      made: doc.voided
        ? null
        : { cardNumber: doc.cardNumber, chipId: doc.chipId, blankSerial: doc.blankSerial },
    };
  }

  private async make({ printId, counterId, residentId }: CounterPrintRequest): Promise<PrintDoc | VoidDoc> {
    const scripted = this.scriptedJams.get(residentId) ?? 0;
    if (scripted > 0) {
      this.scriptedJams.set(residentId, scripted - 1);
      throw new PrinterFaultError('jammed');
    }
    if (this.jamsNext.delete(counterId)) {
      await this.stockOf(counterId);
      await this.stock.updateOne(byId(counterId), { $set: { jammed: true } });
    }
    const stock = await this.stockOf(counterId);
    if (stock.jammed) throw new PrinterFaultError('jammed');
    const taken = await this.stock.findOneAndUpdate(
      { _id: counterId, jammed: false, blanks: { $gt: 0 } },
      { $inc: { blanks: -1, used: 1 } },
      { returnDocument: 'after' },
    );
    if (!taken)
      throw new PrinterFaultError((await this.stockOf(counterId)).jammed ? 'jammed' : 'out_of_blanks');
    const doc: PrintDoc = {
      _id: printId,
      counterId,
      ...cardMadeFrom(`counter-print:${printId}`),
      // Serials are the counter's tray: one series per counter, numbered as the blanks are taken.
      blankSerial: `BK${hex(`tray:${counterId}`, 6)}${String(taken.used).padStart(7, '0')}`,
      readyAt: new Date(Date.now() + this.settings.printMs),
    };
    try {
      await this.prints.insertOne(doc);
      return doc;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // The same print asked twice at once, or settled meanwhile: the other made the card (or voided the print),
      // and this blank goes back in the tray.
      await this.stock.updateOne(byId(counterId), { $inc: { blanks: 1 } });
      return (await this.prints.findOne(byId(printId)))!;
    }
  }

  /** The counter's printer, stocked with the default number of blanks the first time it is used. */
  private async stockOf(counterId: string): Promise<StockDoc> {
    const found = await this.stock.findOne(byId(counterId));
    if (found) return found;
    const fresh: StockDoc = {
      _id: counterId,
      blanks: this.settings.blanksPerCounter,
      used: 0,
      jammed: false,
    };
    try {
      await this.stock.insertOne(fresh);
      return fresh;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return (await this.stock.findOne(byId(counterId)))!;
    }
  }
}
