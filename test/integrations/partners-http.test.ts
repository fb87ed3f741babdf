// Contract tests: the production HTTP adapters against the simulator server, over real HTTP on this machine,
// with the simulators on the run's FerretDB. What a partner's answer means for a retry is decided here.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyCallback } from '../../api/signatures';
import { createHttpPartners } from '../../integrations/http/adapters';
import { partnerOpenApi } from '../../integrations/http/openapi';
import { operationsOf, PARTNER_NAMES } from '../../integrations/http/contract';
import {
  type CourierReport,
  type CourierReportSink,
  type ParcelRequest,
  PartnerRejectedError,
  PartnerUnavailableError,
  type Partners,
  PrinterFaultError,
  RefundRefusedError,
} from '../../integrations/ports';
import { createSimulators, type Simulators } from '../../integrations/simulators';
import { syntheticPeople } from '../../integrations/simulators/people';
import {
  courierReportsByWebhook,
  paymentReportsByWebhook,
  receiptsByWebhook,
  reportByWebhook,
  useReportsByWebhook,
} from '../../integrations/simulators/webhooks';
import { type SimulatorServer, startSimulatorServer } from '../../integrations/simulators/server';
import { openTestDb, type TestDb } from '../setup/servers';
import { eventually } from '../support/flow';
import { endpointsAt } from '../support/world';

const TOKEN = 'contract-test-token-0123456789';

/** The error a call ends with, or undefined when it succeeded. */
async function failureOf(call: () => Promise<unknown>): Promise<Error | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    return error as Error;
  }
}

/** A parcel with one card for the recipient with this phone. */
const parcelTo = (parcelId: string, recipientPhone: string): ParcelRequest => ({
  parcelId,
  cardNumber: 'A12345678',
  address: { region: '330106', line: '文三路 100 号 2 单元 301 室', recipientName: '收件人', recipientPhone },
  returnTo: { counterId: 'counter-xihu-1', name: '西湖区社保服务中心' },
});

const eventsOf = (reports: CourierReport[]): string[] =>
  reports.map((r) => (r.attempt ? `${r.event}#${r.attempt}` : r.event));

describe('partner HTTP adapters against the simulator server', () => {
  let db: TestDb;
  let sims: Simulators;
  let server: SimulatorServer;
  let partners: Partners;
  const people = syntheticPeople(8, 42);

  before(async () => {
    db = await openTestDb('contract');
    sims = createSimulators(db.db);
    await sims.registerPeople(people);
    server = await startSimulatorServer({ sims, token: TOKEN });
    partners = createHttpPartners(endpointsAt(server.url, { token: TOKEN, timeoutMs: 1000 }));
  });
  after(async () => {
    sims.manufacturer.stop();
    sims.courier.stop();
    await server?.close();
    await db?.close();
  });

  it('looks people up with the phone the registry holds, and finds a person added through the simulator’s API', async () => {
    const [known] = people;
    assert.deepEqual(await partners.population.lookup(known!.residentId), {
      residentId: known!.residentId,
      name: known!.name,
      birthDate: known!.birthDate,
      status: 'alive',
      phone: known!.phone,
    });
    const newcomer = {
      residentId: '11010519491231002X',
      name: '测试人',
      birthDate: '1949-12-31',
      status: 'alive',
    };
    assert.equal(await partners.population.lookup(newcomer.residentId), null);
    const added = await fetch(`${server.url}/population/v1/people`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(newcomer),
    });
    assert.equal(added.status, 201);
    assert.deepEqual(await partners.population.lookup(newcomer.residentId), newcomer);
  });

  it('gives the same answer to the same key, also when the answer of the first attempt was lost', async () => {
    const person = people[1]!;
    const request = {
      requestKey: 'open-1',
      residentId: person.residentId,
      name: person.name,
      cardNumber: 'A12345678',
      chipId: '0123456789ABCDEF',
    };
    const before = await sims.bank.accountsOpened();
    sims.bank.behaviour.loseRepliesNext(1, 'openAccount');
    const lost = await failureOf(() => partners.bank.openAccount(request));
    assert.ok(lost instanceof PartnerUnavailableError, String(lost));
    const first = await partners.bank.openAccount(request);
    assert.equal(first.opened, 'new', 'the account this very key opened, though its first answer was lost');
    assert.deepEqual(await partners.bank.openAccount(request), first);
    assert.equal(await sims.bank.accountsOpened(), before + 1);

    const comparison = {
      requestKey: 'cmp-1',
      residentId: person.residentId,
      name: '别人',
      birthDate: person.birthDate,
    };
    const answer = await partners.bank.compareIdentity(comparison);
    assert.deepEqual(answer, { findings: ['NAME_MISMATCH'] });
    assert.deepEqual(await partners.bank.compareIdentity(comparison), answer);

    const message = {
      key: 'msg-1',
      channel: 'sms' as const,
      to: person.phone!,
      template: 't',
      params: { a: 'b' },
    };
    await partners.notifier.send(message);
    await partners.notifier.send(message);
    assert.equal(await sims.notifier.messages.countDocuments({ _id: 'msg-1' }), 1);
  });

  it('turns outages, timeouts and an absent service into retryable failures', async () => {
    const request = { requestKey: 'cmp-2', ...people[2]! };
    sims.bank.behaviour.failNext(1, 'compareIdentity');
    const outage = await failureOf(() => partners.bank.compareIdentity(request));
    assert.ok(outage instanceof PartnerUnavailableError, String(outage));
    assert.match(outage.message, /HTTP 503 UNAVAILABLE/);

    sims.bank.behaviour.settings = { latencyMs: [1500, 1500], failureRate: 0 };
    try {
      const slow = await failureOf(() => partners.bank.compareIdentity({ ...request, requestKey: 'cmp-3' }));
      assert.ok(slow instanceof PartnerUnavailableError, String(slow));
      assert.match(slow.message, /no answer in 1000 ms/);
    } finally {
      sims.bank.behaviour.settings = { latencyMs: [0, 0], failureRate: 0 };
    }

    const nobody = createHttpPartners(endpointsAt('http://127.0.0.1:9', { token: TOKEN, timeoutMs: 1000 }));
    const absent = await failureOf(() =>
      nobody.notifier.send({ key: 'k', channel: 'sms', to: 'x', template: 't', params: {} }),
    );
    assert.ok(absent instanceof PartnerUnavailableError, String(absent));
  });

  it('turns a refusal of the request itself into a rejection that names no personal data', async () => {
    const person = people[3]!;
    const wrongToken = createHttpPartners(endpointsAt(server.url, { token: 'not-the-token-0123456789' }));
    const unauthorized = await failureOf(() => wrongToken.population.lookup(person.residentId));
    assert.ok(unauthorized instanceof PartnerRejectedError, String(unauthorized));
    assert.match(unauthorized.message, /HTTP 401 UNAUTHORIZED/);

    const broken = await failureOf(() =>
      partners.bank.compareIdentity({
        requestKey: 'cmp-4',
        residentId: 'not-a-number',
        name: person.name,
        birthDate: '1990-01-01',
      }),
    );
    assert.ok(broken instanceof PartnerRejectedError, String(broken));
    assert.match(broken.message, /HTTP 400 INVALID_REQUEST/);
    for (const failure of [unauthorized, broken])
      for (const secret of [person.residentId, person.name, 'not-a-number'])
        assert.ok(!failure.message.includes(secret), `${secret} in "${failure.message}"`);
  });

  it('places and cancels print orders; the factory ships to the bank, which confirms receipt, then reports back, each as a signed Standard Webhook', async () => {
    const secrets = {
      'card-manufacturer': `whsec_${Buffer.from('contract-test-manufacturer-secret').toString('base64')}`,
      'cooperative-bank': 'contract-test-bank-secret-0123',
    };
    const received: { partner: string; path: string; body: Record<string, unknown> }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const secretsOf = Object.fromEntries(Object.entries(secrets).map(([id, secret]) => [id, [secret]]));
        const { partner } = verifyCallback(request.headers, raw, secretsOf);
        const body = JSON.parse(raw.toString()) as Record<string, unknown>;
        received.push({ partner: partner.id, path: request.url ?? '', body });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      sims.attach({
        printReports: reportByWebhook({ apiUrl, secret: secrets['card-manufacturer'] }),
        cardReceipts: receiptsByWebhook({ apiUrl, secret: secrets['cooperative-bank'] }),
      });
      const person = people[4]!;
      const order = {
        orderId: 'order-1',
        residentId: person.residentId,
        name: person.name,
        photoId: '',
        express: true,
      };
      const placed = await partners.manufacturer.placeOrder(order);
      assert.equal(placed.orderId, 'order-1');
      assert.deepEqual(await partners.manufacturer.placeOrder(order), placed, 'the same order once');
      await eventually(
        () => Promise.resolve(received.length),
        (n) => n === 2,
        'the receipt and the report arrive',
      );
      const [receipt, report] = received as [(typeof received)[0], (typeof received)[0]];
      assert.equal(receipt.partner, 'cooperative-bank', 'the bank confirms receipt first');
      assert.equal(receipt.path, '/v1/partners/bank/card-receipts');
      assert.equal(report.partner, 'card-manufacturer');
      assert.equal(report.path, '/v1/partners/manufacturer/print-reports');
      assert.equal(report.body.orderId, 'order-1');
      assert.deepEqual(receipt.body.chipIds, [report.body.chipId], 'the printed chip is the one received');
      assert.deepEqual(
        await partners.manufacturer.cancelOrder('order-1'),
        { cancelled: false },
        'printed already',
      );
    } finally {
      receiver.close();
    }
  });

  it('makes a card at a counter from one blank, the same card for the same print, and says why the printer cannot', async () => {
    const person = people[5]!;
    const counterId = 'counter-contract-1';
    const request = {
      printId: 'print-1',
      counterId,
      residentId: person.residentId,
      name: person.name,
      photoId: 'photo-1',
    };
    const blanks = await sims.printer.blanksLeft(counterId);
    const card = await partners.printer.print(request);
    assert.match(card.cardNumber, /^A\d{8}$/);
    assert.match(card.chipId, /^[0-9A-F]{16}$/);
    assert.match(card.blankSerial, /^BK[0-9A-F]{6}\d{7}$/);
    assert.deepEqual(await partners.printer.print(request), card, 'the same print, the same card');
    assert.equal(await sims.printer.blanksLeft(counterId), blanks - 1, 'one blank for one print');
    const next = await partners.printer.print({ ...request, printId: 'print-2' });
    assert.notEqual(next.cardNumber, card.cardNumber);
    assert.notEqual(next.chipId, card.chipId);
    assert.notEqual(next.blankSerial, card.blankSerial);

    sims.printer.jamNext(counterId);
    const jammed = await failureOf(() => partners.printer.print({ ...request, printId: 'print-3' }));
    assert.ok(jammed instanceof PrinterFaultError, String(jammed));
    assert.equal(jammed.fault, 'jammed');
    const stillJammed = await failureOf(() => partners.printer.print({ ...request, printId: 'print-3' }));
    assert.equal((stillJammed as PrinterFaultError | undefined)?.fault, 'jammed', 'until someone clears it');
    await sims.printer.clearJam(counterId);
    sims.printer.jamPrintsFor(person.residentId);
    const personJam = await failureOf(() => partners.printer.print({ ...request, printId: 'print-3' }));
    assert.equal((personJam as PrinterFaultError | undefined)?.fault, 'jammed');
    await partners.printer.print({ ...request, printId: 'print-3' });

    await sims.printer.setBlanks(counterId, 0);
    const empty = await failureOf(() => partners.printer.print({ ...request, printId: 'print-4' }));
    assert.ok(empty instanceof PrinterFaultError, String(empty));
    assert.equal(empty.fault, 'out_of_blanks');
    assert.deepEqual(await partners.printer.print(request), card, 'a card made before is still answered');
    for (const fault of [jammed, empty])
      for (const secret of [person.residentId, person.name])
        assert.ok(!fault.message.includes(secret), `${secret} in "${fault.message}"`);

    await sims.printer.setBlanks(counterId, 1);
    sims.printer.behaviour.failNext(1, 'print');
    const outage = await failureOf(() => partners.printer.print({ ...request, printId: 'print-4' }));
    assert.ok(outage instanceof PartnerUnavailableError, String(outage));
    assert.ok(!(outage instanceof PartnerRejectedError));
    assert.equal(await sims.printer.blanksLeft(counterId), 1, 'an outage takes no blank');

    // A print whose answer never came is settled: the card it made, or none and never one after.
    assert.deepEqual(await partners.printer.settle(request.printId), { made: card });
    assert.deepEqual(await partners.printer.settle('print-5'), { made: null });
    const late = await failureOf(() => partners.printer.print({ ...request, printId: 'print-5' }));
    assert.ok(late instanceof PartnerRejectedError, String(late));
    assert.equal(await sims.printer.blanksLeft(counterId), 1, 'a settled print takes no blank');
  });

  it('shares a person’s ID-card photo, none where the agency has none, and an outage as one', async () => {
    const crowd = syntheticPeople(48, 2207);
    await sims.registerPeople(crowd);
    const photos = await Promise.all(
      crowd.map((p) =>
        partners.photoSource.idCardPhoto({ requestKey: `share-${p.residentId}`, residentId: p.residentId }),
      ),
    );
    const shared = photos.filter((photo) => photo !== null);
    assert.ok(
      shared.length >= 36 && shared.length < crowd.length,
      `${shared.length} of ${crowd.length} shared`,
    );
    const [earliest, latest] = [Date.now() - 6 * 365 * 86_400_000, Date.now() - 364 * 86_400_000];
    for (const photo of shared) {
      assert.match(photo.photoRef, /^GA-[0-9A-F]{16}$/);
      const takenOn = Date.parse(photo.takenOn);
      assert.ok(takenOn > earliest && takenOn < latest, `taken on ${photo.takenOn}, a few years back`);
    }
    assert.equal(new Set(shared.map((photo) => photo.photoRef)).size, shared.length, 'one photo per person');
    const index = photos.findIndex((photo) => photo !== null);
    const person = crowd[index]!;
    const ask = () =>
      partners.photoSource.idCardPhoto({ requestKey: 'share-again', residentId: person.residentId });
    assert.deepEqual(await ask(), photos[index], 'the same photo when asked again');

    await sims.photoSource.withholdPhotoOf(person.residentId);
    assert.equal(await ask(), null, 'withheld');
    await sims.photoSource.sharePhotoOf(person.residentId, '2023-05-04');
    assert.deepEqual(await ask(), { photoRef: photos[index]!.photoRef, takenOn: '2023-05-04' });
    const stranger = { requestKey: 'share-stranger', residentId: '110105195001010011' };
    assert.equal(await partners.photoSource.idCardPhoto(stranger), null, 'nobody the registry knows');

    sims.photoSource.behaviour.failNext(1, 'idCardPhoto');
    const outage = await failureOf(ask);
    assert.ok(outage instanceof PartnerUnavailableError, String(outage));
    assert.ok(!outage.message.includes(person.residentId), outage.message);
    assert.deepEqual(await ask(), { photoRef: photos[index]!.photoRef, takenOn: '2023-05-04' }, 'and back');
  });

  it('books a parcel once, and reports it to the door, where the person gives the code from their SMS, as signed Standard Webhooks', async () => {
    const secret = 'contract-test-courier-secret-0123';
    const phone = people[6]!.phone!;
    await partners.notifier.send({
      key: 'delivery-code-1',
      channel: 'sms',
      to: phone,
      template: 'delivery_code',
      params: { code: '482913' },
    });
    const received: { partner: string; path: string; id: string; body: string }[] = [];
    /** sscard is away for the first report of parcel-1: the courier sends the same message again. */
    let awayOnce = true;
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { partner } = verifyCallback(request.headers, raw, { courier: [secret] });
        const body = raw.toString();
        const id = String(request.headers['webhook-id']);
        received.push({ partner: partner.id, path: request.url ?? '', id, body });
        if (awayOnce && body.includes('"parcel-1"')) {
          awayOnce = false;
          return void response.writeHead(503).end();
        }
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      sims.attach({
        printReports: () => Promise.resolve(),
        cardReceipts: () => Promise.resolve(),
        courierReports: courierReportsByWebhook({ apiUrl, secret }),
      });
      const request = parcelTo('parcel-1', phone);
      sims.courier.behaviour.loseRepliesNext(1, 'dispatch');
      const lost = await failureOf(() => partners.courier.dispatch(request));
      assert.ok(lost instanceof PartnerUnavailableError, String(lost));
      const booked = await partners.courier.dispatch(request);
      assert.equal(booked.parcelId, 'parcel-1');
      assert.match(booked.trackingNumber, /^SF\d{12}$/);
      assert.deepEqual(await partners.courier.dispatch(request), booked, 'the same parcel, the same number');
      const other = await partners.courier.dispatch(parcelTo('parcel-1b', '13900000009'));
      assert.notEqual(other.trackingNumber, booked.trackingNumber);

      const parcel = await eventually(
        () => sims.courier.parcel('parcel-1'),
        (p) => p?.status !== 'open',
        'the parcel delivered',
      );
      assert.equal(parcel?.status, 'delivered');
      assert.deepEqual(eventsOf(parcel.reports), [
        'picked_up',
        'in_transit',
        'out_for_delivery',
        'delivered#1',
      ]);
      assert.equal(parcel.reports.at(-1)!.code, '482913', 'the code of the SMS');
      assert.equal(parcel.trackingNumber, booked.trackingNumber);
      assert.equal(parcel.keepsAddress, false, 'the address goes with the parcel');
      await eventually(
        () => sims.courier.parcel('parcel-1b'),
        (p) => p?.status === 'returned',
        'the other parcel back: nobody gave its code',
      );
      const mine = received.filter((r) => r.body.includes('"parcel-1"'));
      const [away, again] = mine;
      assert.deepEqual(again, away, 'the report sscard did not take, sent again as the same message');
      assert.deepEqual(
        mine.slice(1).map((r) => JSON.parse(r.body) as CourierReport),
        parcel.reports,
        'then each report once, as sent',
      );
      assert.equal(new Set(mine.slice(1).map((r) => r.id)).size, parcel.reports.length, 'one message each');
      for (const r of mine) {
        assert.equal(r.partner, 'courier');
        assert.equal(r.path, '/v1/partners/courier/reports');
        for (const secretWord of [phone, '文三路', '收件人']) assert.ok(!r.body.includes(secretWord), r.body);
      }
    } finally {
      receiver.close();
    }
  });

  it('brings a parcel back after three failed attempts or a refusal, and counts a code sscard refuses as a failed attempt', async () => {
    const sent: CourierReport[] = [];
    /** sscard's check of the code: what the SMS said, and the first right code is lost on the way. */
    let loseFirstRightCode = true;
    const sink: CourierReportSink = (report) => {
      sent.push(report);
      if (report.event === 'delivered' && (report.code !== '700001' || loseFirstRightCode)) {
        loseFirstRightCode &&= report.code !== '700001';
        return Promise.reject(new Error('DELIVERY_CODE_WRONG'));
      }
      return Promise.resolve();
    };
    sims.attach({
      printReports: () => Promise.resolve(),
      cardReceipts: () => Promise.resolve(),
      courierReports: sink,
    });
    const phones = {
      absent: '13900000001',
      refuses: '13900000002',
      wrong: '13900000003',
      lost: '13900000004',
      noSms: '13900000005',
    };
    // Each has their code but the last, who shows that without one the card stays with the courier.
    for (const phone of [phones.absent, phones.refuses, phones.wrong, phones.lost])
      await sims.notifier.send({
        key: `code-${phone}`,
        channel: 'sms',
        to: phone,
        template: 'delivery_code',
        params: { code: '700001' },
      });
    sims.courier.recipientAt(phones.absent, 'absent');
    sims.courier.recipientAt(phones.refuses, 'refuses');
    sims.courier.recipientAt(phones.wrong, 'wrong_code');
    for (const [name, phone] of Object.entries(phones))
      await sims.courier.dispatch(parcelTo(`parcel-${name}`, phone));
    const ended = async (name: string) =>
      (await eventually(
        () => sims.courier.parcel(`parcel-${name}`),
        (p) => p?.status !== 'open',
        `the ${name} parcel ended`,
      ))!;

    const threeFailures = [
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'attempt_failed#1',
      'out_for_delivery',
      'attempt_failed#2',
      'out_for_delivery',
      'attempt_failed#3',
      'returned',
    ];
    const absent = await ended('absent');
    assert.equal(absent.status, 'returned');
    assert.deepEqual(eventsOf(absent.reports), threeFailures);
    assert.equal(absent.failedAttempts, 3);
    assert.equal(absent.keepsAddress, false);

    const refuses = await ended('refuses');
    assert.equal(refuses.status, 'returned');
    assert.deepEqual(eventsOf(refuses.reports), [
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'refused#1',
      'returned',
    ]);

    const wrong = await ended('wrong');
    assert.equal(wrong.status, 'returned', 'a wrong code three times: back to the service point');
    assert.deepEqual(eventsOf(wrong.reports), threeFailures);
    assert.deepEqual(eventsOf(wrong.refusedDeliveries), ['delivered#1', 'delivered#2', 'delivered#3']);
    for (const refused of wrong.refusedDeliveries) assert.notEqual(refused.code, '700001');

    const lost = await ended('lost');
    assert.equal(lost.status, 'delivered', 'the right code, taken at the second attempt');
    assert.deepEqual(eventsOf(lost.reports), [
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'attempt_failed#1',
      'out_for_delivery',
      'delivered#2',
    ]);
    assert.deepEqual(eventsOf(lost.refusedDeliveries), ['delivered#1']);

    const noSms = await ended('noSms');
    assert.equal(noSms.status, 'returned', 'at home, but without a code to give');
    assert.deepEqual(eventsOf(noSms.reports), threeFailures);
    assert.deepEqual(noSms.refusedDeliveries, []);

    for (const name of Object.keys(phones)) {
      const parcel = (await sims.courier.parcel(`parcel-${name}`))!;
      const mine = sent.filter((r) => r.parcelId === `parcel-${name}`);
      assert.equal(
        mine.length,
        parcel.reports.length + parcel.refusedDeliveries.length,
        'each report sent once',
      );
    }

    // Booked while the courier had nowhere to report, a parcel waits at the depot until resume() sends it on.
    const depot = createSimulators(db.db).courier;
    await depot.dispatch(parcelTo('parcel-resumed', phones.refuses));
    assert.deepEqual((await sims.courier.parcel('parcel-resumed'))?.reports, []);
    assert.equal(await sims.courier.resume(), 1, 'the one open parcel');
    const resumed = await ended('resumed');
    assert.deepEqual(eventsOf(resumed.reports), [
      'picked_up',
      'in_transit',
      'out_for_delivery',
      'refused#1',
      'returned',
    ]);
  });

  it('resets a chip’s PIN counter once per key, and reports a card’s use as signed Standard Webhooks of the terminals and the bank', async () => {
    const chipId = '0123456789ABCDEF';
    const secrets = {
      terminals: 'contract-test-terminals-secret-01',
      bank: 'contract-test-bank-secret-0123456',
    };
    const received: { partner: string; body: string }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { partner } = verifyCallback(request.headers, raw, {
          'card-terminals': [secrets.terminals],
          'cooperative-bank': [secrets.bank],
        });
        received.push({ partner: partner.id, body: raw.toString() });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      sims.terminals.attach(useReportsByWebhook({ apiUrl, secrets }));
      await sims.terminals.wrongPin(chipId);
      assert.equal(await sims.terminals.wrongPins(chipId), 1);
      const first = await partners.terminals.resetPinCounter({ requestKey: 'unlock-1', chipId });
      const again = await partners.terminals.resetPinCounter({ requestKey: 'unlock-1', chipId });
      assert.equal(again.resetAt, first.resetAt, 'the same key, the same answer');
      assert.equal(await sims.terminals.wrongPins(chipId), 0);
      assert.equal(sims.terminals.behaviour.requests('resetPinCounter'), 2);
      await sims.terminals.activate(chipId, 'financial');
      assert.deepEqual(
        received.map(({ partner, body }) => [partner, (JSON.parse(body) as { event: string }).event]),
        [
          ['card-terminals', 'pin_failed'],
          ['cooperative-bank', 'activated'],
        ],
      );
    } finally {
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('opens a charge once per ID, reports its payment as a signed Standard Webhook, refunds it once, and says why it cannot', async () => {
    const secret = 'contract-test-payment-secret-0123';
    const received: { partner: string; body: string }[] = [];
    const receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const raw = Buffer.concat(chunks);
        const { partner } = verifyCallback(request.headers, raw, { 'payment-provider': [secret] });
        received.push({ partner: partner.id, body: raw.toString() });
        response.writeHead(200, { 'Content-Type': 'application/json' }).end('{"accepted":true}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const apiUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      sims.attach({
        printReports: () => Promise.resolve(),
        cardReceipts: () => Promise.resolve(),
        paymentReports: paymentReportsByWebhook({ apiUrl, secret }),
      });
      sims.payment.payerOf('*', 'waits');
      const charge = { chargeId: 'A0000000001-F1', amountFen: 2000, description: '社保卡工本费 ¥20.00' };
      sims.payment.behaviour.loseRepliesNext(1, 'charge');
      assert.ok((await failureOf(() => partners.payment.charge(charge))) instanceof PartnerUnavailableError);
      assert.deepEqual(await partners.payment.charge(charge), { status: 'open' }, 'the same charge, once');
      assert.equal(await sims.payment.pay(charge.chargeId), true);
      await eventually(
        () => Promise.resolve(received),
        (r) => r.length === 1,
        'the payment report',
      );
      assert.equal(received[0]!.partner, 'payment-provider');
      assert.deepEqual(JSON.parse(received[0]!.body), {
        chargeId: charge.chargeId,
        event: 'paid',
        amountFen: 2000,
        at: (JSON.parse(received[0]!.body) as { at: string }).at,
      });
      assert.deepEqual(await partners.payment.charge(charge), { status: 'paid' });

      const refund = { refundKey: 'A0000000001:refund', chargeId: charge.chargeId };
      assert.deepEqual(await partners.payment.refund(refund), { outcome: 'refunded', amountFen: 2000 });
      assert.deepEqual(await partners.payment.refund(refund), { outcome: 'refunded', amountFen: 2000 });
      assert.equal((await sims.payment.books()).chargedTwice, 0);

      // A charge never paid is closed, and can be paid no more; a refund the provider refuses says so.
      const unpaid = { ...charge, chargeId: 'A0000000002-F1' };
      await partners.payment.charge(unpaid);
      const closed = await partners.payment.refund({
        refundKey: 'A0000000002:refund',
        chargeId: unpaid.chargeId,
      });
      assert.deepEqual(closed, { outcome: 'closed_unpaid', amountFen: 0 });
      assert.equal(await sims.payment.pay(unpaid.chargeId), false);
      const refused = { ...charge, chargeId: 'A0000000003-F1' };
      await partners.payment.charge(refused);
      await sims.payment.pay(refused.chargeId);
      sims.payment.refuseRefundOf(refused.chargeId);
      const why = await failureOf(() =>
        partners.payment.refund({ refundKey: 'A0000000003:refund', chargeId: refused.chargeId }),
      );
      assert.ok(why instanceof RefundRefusedError, String(why));
    } finally {
      sims.payment.payerOf('*', 'pays');
      sims.payment.stop();
      await new Promise<void>((resolve) => receiver.close(() => resolve()));
    }
  });

  it('keeps each partner’s contract in docs/partners/ as the code has it', () => {
    // SSCARD_WRITE_CONTRACTS=1 writes them anew after a change of the contract (and of CONTRACT_VERSION).
    for (const name of PARTNER_NAMES) {
      const file = path.resolve(__dirname, '../../docs/partners', `${name}.openapi.json`);
      const current = `${JSON.stringify(partnerOpenApi(name), null, 2)}\n`;
      if (process.env.SSCARD_WRITE_CONTRACTS) fs.writeFileSync(file, current);
      assert.equal(
        fs.readFileSync(file, 'utf8'),
        current,
        `${file} is stale: SSCARD_WRITE_CONTRACTS=1 rewrites it`,
      );
    }
  });

  it('serves each partner’s OpenAPI document, with every operation of the contract', async () => {
    for (const name of PARTNER_NAMES) {
      const answer = await fetch(`${server.url}/${name}/openapi.json`);
      assert.equal(answer.status, 200);
      const document = (await answer.json()) as { openapi: string; paths: Record<string, { post: unknown }> };
      assert.equal(document.openapi, '3.1.0');
      assert.deepEqual(
        Object.keys(document.paths).sort(),
        Object.values(operationsOf(name))
          .map((op) => op.path)
          .sort(),
      );
    }
  });
});
