// The simulated partners as an HTTP service behind the same contract a real partner implements
// (../http/contract.ts): each partner at /<partner>/..., its OpenAPI document at /<partner>/openapi.json. The
// adapters of ../http reach it exactly as they would reach the bank. Besides the contract, the population registry
// takes new people (POST /population/v1/people), so a user of the local stack can apply for a person of their own.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import {
  CONTRACT,
  operationsOf,
  PARTNER_ERROR,
  PARTNER_NAMES,
  type PartnerName,
  PRINT_SETTLED,
  PRINTER_FAULT_CODES,
  REFUND_REFUSED,
} from '../http/contract';
import { partnerOpenApi } from '../http/openapi';
import {
  PartnerRejectedError,
  PartnerUnavailableError,
  PrinterFaultError,
  RefundRefusedError,
} from '../ports';
import type { Simulators } from '.';

const BODY_LIMIT = 64 * 1024;

export interface SimulatorServerOptions {
  sims: Simulators;
  /** When set, every call must carry `Authorization: Bearer <token>`. */
  token?: string;
}

export interface SimulatorServer {
  url: string;
  close(): Promise<void>;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const newPersonSchema = CONTRACT.population.operations.lookup.response.shape.person.unwrap();

/** What each contract operation does on the simulators. */
function handlers(sims: Simulators): Record<PartnerName, Record<string, (body: never) => Promise<unknown>>> {
  return {
    population: {
      lookup: async (body: { residentId: string }) => ({
        person: await sims.population.lookup(body.residentId),
      }),
    },
    bank: {
      compareIdentity: (body: Parameters<Simulators['bank']['compareIdentity']>[0]) =>
        sims.bank.compareIdentity(body),
      openAccount: (body: Parameters<Simulators['bank']['openAccount']>[0]) => sims.bank.openAccount(body),
      closeAccount: (body: Parameters<Simulators['bank']['closeAccount']>[0]) => sims.bank.closeAccount(body),
      setCardFinancialState: (body: Parameters<Simulators['bank']['setCardFinancialState']>[0]) =>
        sims.bank.setCardFinancialState(body),
    },
    manufacturer: {
      placeOrder: (body: Parameters<Simulators['manufacturer']['placeOrder']>[0]) =>
        sims.manufacturer.placeOrder(body),
      cancelOrder: (body: { orderId: string }) => sims.manufacturer.cancelOrder(body.orderId),
    },
    printer: {
      print: (body: Parameters<Simulators['printer']['print']>[0]) =>
        sims.printer.print(body).catch((error: unknown) => {
          if (error instanceof PrinterFaultError)
            throw new Refusal(409, PRINTER_FAULT_CODES[error.fault], error.message);
          if (error instanceof PartnerRejectedError) throw new Refusal(409, PRINT_SETTLED, error.message);
          throw error;
        }),
      settle: (body: { printId: string }) => sims.printer.settle(body.printId),
    },
    photos: {
      idCardPhoto: async (body: Parameters<Simulators['photoSource']['idCardPhoto']>[0]) => ({
        photo: await sims.photoSource.idCardPhoto(body),
      }),
    },
    courier: {
      dispatch: (body: Parameters<Simulators['courier']['dispatch']>[0]) => sims.courier.dispatch(body),
    },
    notifier: {
      send: (body: Parameters<Simulators['notifier']['send']>[0]) => sims.notifier.send(body),
    },
    ecard: {
      setStatus: (body: Parameters<Simulators['ecard']['setStatus']>[0]) => sims.ecard.setStatus(body),
    },
    payment: {
      charge: (body: Parameters<Simulators['payment']['charge']>[0]) => sims.payment.charge(body),
      refund: (body: Parameters<Simulators['payment']['refund']>[0]) =>
        sims.payment.refund(body).catch((error: unknown) => {
          if (error instanceof RefundRefusedError) throw new Refusal(409, REFUND_REFUSED, error.message);
          throw error;
        }),
    },
    national: {
      cardsOf: async (body: { residentId: string }) => ({
        cards: await sims.national.cardsOf(body.residentId),
      }),
      requestCancellation: (body: Parameters<Simulators['national']['requestCancellation']>[0]) =>
        sims.national.requestCancellation(body),
      reportCard: (body: Parameters<Simulators['national']['reportCard']>[0]) =>
        sims.national.reportCard(body),
    },
    terminals: {
      resetPinCounter: (body: Parameters<Simulators['terminals']['resetPinCounter']>[0]) =>
        sims.terminals.resetPinCounter(body),
    },
  };
}

function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT) reject(new Refusal(413, PARTNER_ERROR.invalid, 'the body is too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown);
      } catch {
        reject(new Refusal(400, PARTNER_ERROR.invalid, 'the body is not JSON'));
      }
    });
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}

export async function startSimulatorServer(
  options: SimulatorServerOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<SimulatorServer> {
  const operations = handlers(options.sims);
  const authorized = (header: string | undefined): boolean => {
    if (!options.token) return true;
    const expected = Buffer.from(`Bearer ${options.token}`);
    const given = Buffer.from(header ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [, partner, ...rest] = (request.url ?? '/').split('?')[0]!.split('/');
    const path = `/${rest.join('/')}`;
    if (!PARTNER_NAMES.includes(partner as PartnerName))
      throw new Refusal(404, PARTNER_ERROR.notFound, 'no such partner');
    const name = partner as PartnerName;
    if (request.method === 'GET' && path === '/openapi.json')
      return send(response, 200, partnerOpenApi(name));
    if (request.method !== 'POST') throw new Refusal(404, PARTNER_ERROR.notFound, 'no such operation');
    if (!authorized(request.headers.authorization))
      throw new Refusal(401, PARTNER_ERROR.unauthorized, 'the bearer token is missing or wrong');
    if (name === 'population' && path === '/v1/people') {
      const person = newPersonSchema.safeParse(await readJson(request));
      if (!person.success) throw new Refusal(400, PARTNER_ERROR.invalid, z.prettifyError(person.error));
      await options.sims.population.register([person.data]);
      return send(response, 201, { person: person.data });
    }
    const entry = Object.entries(operationsOf(name)).find(([, spec]) => spec.path === path);
    if (!entry) throw new Refusal(404, PARTNER_ERROR.notFound, 'no such operation');
    const [operation, spec] = entry;
    if (!request.headers['idempotency-key'])
      throw new Refusal(400, PARTNER_ERROR.invalid, 'the Idempotency-Key header is missing');
    const body = spec.request.safeParse(await readJson(request));
    // The partner's message names the fields, never their values: it may be logged on the caller's side.
    if (!body.success)
      throw new Refusal(
        400,
        PARTNER_ERROR.invalid,
        `invalid: ${body.error.issues.map((i) => i.path.join('.')).join(', ')}`,
      );
    send(response, 200, await operations[name][operation]!(body.data as never));
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof Refusal)
        return send(response, error.status, { code: error.code, message: error.message });
      if (error instanceof PartnerUnavailableError)
        return send(response, 503, { code: PARTNER_ERROR.unavailable, message: error.message });
      send(response, 500, { code: 'INTERNAL', message: 'the simulator failed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
