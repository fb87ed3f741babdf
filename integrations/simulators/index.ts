// All simulated parties over one database of their own (never the card management database).
import type { Db } from 'mongodb';
import type {
  CardReceiptSink,
  CourierReportSink,
  Partners,
  PaymentReportSink,
  PopulationRecord,
  PrintReportSink,
} from '../ports';
import { BankSimulator } from './bank';
import { type BehaviourSettings } from './behaviour';
import { type CourierSettings, CourierSimulator } from './courier';
import { ECardSimulator } from './ecard';
import { NationalRegistrySimulator } from './national';
import { type ManufacturerSettings, ManufacturerSimulator } from './manufacturer';
import { NotifierSimulator } from './notifier';
import { type PaymentSettings, PaymentSimulator } from './payment';
import { PhotoSourceSimulator } from './photo-source';
import { type SyntheticPerson } from './people';
import { PopulationSimulator } from './population';
import { type CounterPrinterSettings, CounterPrinterSimulator } from './printer';
import { TerminalsSimulator } from './terminals';

export interface SimulatorSettings {
  behaviour?: BehaviourSettings;
  manufacturer?: ManufacturerSettings;
  printer?: CounterPrinterSettings;
  courier?: CourierSettings;
  payment?: PaymentSettings;
}

export interface Simulators extends Partners {
  population: PopulationSimulator;
  bank: BankSimulator;
  manufacturer: ManufacturerSimulator;
  printer: CounterPrinterSimulator;
  courier: CourierSimulator;
  photoSource: PhotoSourceSimulator;
  notifier: NotifierSimulator;
  ecard: ECardSimulator;
  national: NationalRegistrySimulator;
  /** Its reports go where `terminals.attach` says (the other partners' callbacks: `attach`). */
  terminals: TerminalsSimulator;
  payment: PaymentSimulator;
  db: Db;
  /**
   * Puts people into the population database as they really are, and every fourth into the bank's customer
   * records with the same data (so the bank's own check runs and agrees; tests add differing customers).
   */
  registerPeople(people: (SyntheticPerson | PopulationRecord)[]): Promise<void>;
  /**
   * Where the partners' callbacks go: the manufacturer's print reports, the bank's receipts of cards, the courier's
   * reports of its parcels (until attached, parcels wait at the depot).
   */
  attach(sinks: {
    printReports: PrintReportSink;
    cardReceipts: CardReceiptSink;
    courierReports?: CourierReportSink;
    paymentReports?: PaymentReportSink;
  }): void;
}

export function createSimulators(db: Db, settings: SimulatorSettings = {}): Simulators {
  const population = new PopulationSimulator(db);
  const bank = new BankSimulator(db, population);
  const manufacturer = new ManufacturerSimulator(db, settings.manufacturer);
  const printer = new CounterPrinterSimulator(db, settings.printer);
  const notifier = new NotifierSimulator(db);
  const courier = new CourierSimulator(db, notifier, settings.courier);
  const photoSource = new PhotoSourceSimulator(db);
  const ecard = new ECardSimulator(db);
  const national = new NationalRegistrySimulator(db);
  const terminals = new TerminalsSimulator(db);
  const payment = new PaymentSimulator(db, settings.payment);
  manufacturer.shipsTo((shipment) => bank.receiveShipment(shipment));
  if (settings.behaviour) {
    for (const party of [
      bank,
      manufacturer,
      printer,
      courier,
      photoSource,
      notifier,
      ecard,
      national,
      payment,
    ])
      party.behaviour.settings = settings.behaviour;
    terminals.behaviour.settings = settings.behaviour;
  }
  return {
    db,
    population,
    bank,
    manufacturer,
    printer,
    courier,
    photoSource,
    notifier,
    ecard,
    national,
    terminals,
    payment,
    attach: ({ printReports, cardReceipts, courierReports, paymentReports }) => {
      bank.attach(cardReceipts);
      manufacturer.attach(printReports);
      if (courierReports) courier.attach(courierReports);
      if (paymentReports) payment.attach(paymentReports);
    },
    registerPeople: async (people) => {
      await population.register(
        people.map((p) => ({
          residentId: p.residentId,
          name: p.name,
          birthDate: p.birthDate,
          status: 'status' in p ? p.status : 'alive',
          ...(p.phone ? { phone: p.phone } : {}),
        })),
      );
      await bank.addCustomers(people.filter((_, i) => i % 4 === 3));
    },
  };
}
