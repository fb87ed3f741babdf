// The production adapters: each port of ../ports.ts over the partner's HTTP contract (./contract.ts). A province
// points each at its partner's service; the local stack points them at the simulator server.
import { randomUUID } from 'node:crypto';
import {
  type Bank,
  type CardTerminals,
  type CounterPrinter,
  type Courier,
  type ECardPlatform,
  type Manufacturer,
  type NationalCardRegistry,
  type Notifier,
  type Partners,
  type PaymentProvider,
  type PhotoSource,
  type PopulationRegistry,
  PrinterFaultError,
  RefundRefusedError,
} from '../ports';
import { type PartnerName, PRINTER_FAULT_CODES, REFUND_REFUSED } from './contract';
import { type PartnerEndpoint, partnerTransport } from './transport';

export type PartnerEndpoints = Record<PartnerName, PartnerEndpoint>;

export function createHttpPartners(endpoints: PartnerEndpoints): Partners {
  const population = partnerTransport('population', endpoints.population);
  const bank = partnerTransport('bank', endpoints.bank);
  const manufacturer = partnerTransport('manufacturer', endpoints.manufacturer);
  const printer = partnerTransport('printer', endpoints.printer, {
    [PRINTER_FAULT_CODES.jammed]: () => new PrinterFaultError('jammed'),
    [PRINTER_FAULT_CODES.out_of_blanks]: () => new PrinterFaultError('out_of_blanks'),
  });
  const photos = partnerTransport('photos', endpoints.photos);
  const courier = partnerTransport('courier', endpoints.courier);
  const notifier = partnerTransport('notifier', endpoints.notifier);
  const ecard = partnerTransport('ecard', endpoints.ecard);
  const national = partnerTransport('national', endpoints.national);
  const payment = partnerTransport('payment', endpoints.payment, {
    [REFUND_REFUSED]: () => new RefundRefusedError(),
  });
  const terminals = partnerTransport('terminals', endpoints.terminals);
  return {
    population: {
      // A read: each attempt has a key of its own, so a person added meanwhile is found on the next one.
      lookup: async (residentId) => (await population('lookup', { residentId }, randomUUID())).person,
    } satisfies PopulationRegistry,
    bank: {
      compareIdentity: (request) => bank('compareIdentity', request, request.requestKey),
      openAccount: (request) => bank('openAccount', request, request.requestKey),
      closeAccount: (request) => bank('closeAccount', request, request.requestKey),
      setCardFinancialState: (request) => bank('setCardFinancialState', request, request.requestKey),
    } satisfies Bank,
    manufacturer: {
      placeOrder: (order) => manufacturer('placeOrder', order, order.orderId),
      cancelOrder: (orderId) => manufacturer('cancelOrder', { orderId }, `cancel:${orderId}`),
    } satisfies Manufacturer,
    printer: {
      print: (request) => printer('print', request, request.printId),
      settle: (printId) => printer('settle', { printId }, `settle:${printId}`),
    } satisfies CounterPrinter,
    photoSource: {
      // A read: a key of its own per attempt (the body's requestKey names the sharing request for the agency's audit).
      idCardPhoto: async (request) => (await photos('idCardPhoto', request, randomUUID())).photo,
    } satisfies PhotoSource,
    courier: {
      dispatch: (request) => courier('dispatch', request, request.parcelId),
    } satisfies Courier,
    notifier: {
      send: (message) => notifier('send', message, message.key),
    } satisfies Notifier,
    ecard: {
      setStatus: (request) => ecard('setStatus', request, request.requestKey),
    } satisfies ECardPlatform,
    national: {
      // A read: a key of its own per attempt, so a cancellation confirmed meanwhile is seen on the next one.
      cardsOf: async (residentId) => (await national('cardsOf', { residentId }, randomUUID())).cards,
      requestCancellation: (request) => national('requestCancellation', request, request.requestKey),
      reportCard: (request) => national('reportCard', request, request.requestKey),
    } satisfies NationalCardRegistry,
    payment: {
      charge: (request) => payment('charge', request, request.chargeId),
      refund: (request) => payment('refund', request, request.refundKey),
    } satisfies PaymentProvider,
    terminals: {
      resetPinCounter: (request) => terminals('resetPinCounter', request, request.requestKey),
    } satisfies CardTerminals,
  };
}
