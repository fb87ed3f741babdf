// The partners the worker talks to, as configuration chooses: the HTTP adapters over each partner's contract, or
// the simulators inside the worker process.
import type { Db } from 'mongodb';
import type { Config } from '../config';
import { createHttpPartners } from './http/adapters';
import { PARTNER_NAMES } from './http/contract';
import type { Partners } from './ports';
import { createSimulators, type SimulatorSettings, type Simulators } from './simulators';

const OWN_URL = {
  population: 'SSCARD_POPULATION_URL',
  bank: 'SSCARD_BANK_URL',
  manufacturer: 'SSCARD_MANUFACTURER_URL',
  printer: 'SSCARD_PRINTER_URL',
  photos: 'SSCARD_PHOTOS_URL',
  courier: 'SSCARD_COURIER_URL',
  notifier: 'SSCARD_NOTIFIER_URL',
  ecard: 'SSCARD_ECARD_URL',
  national: 'SSCARD_NATIONAL_URL',
  payment: 'SSCARD_PAYMENT_URL',
  terminals: 'SSCARD_TERMINALS_URL',
} as const;

export function partnersFromConfig(
  config: Config,
  partnersDb: Db,
): { kind: 'http'; partners: Partners } | { kind: 'simulated-in-process'; partners: Simulators } {
  if (config.SSCARD_PARTNERS === 'http') {
    const base = config.SSCARD_PARTNERS_URL.replace(/\/+$/, '');
    const endpoints = Object.fromEntries(
      PARTNER_NAMES.map((name) => [
        name,
        {
          url: config[OWN_URL[name]] ?? `${base}/${name}`,
          timeoutMs: config.SSCARD_PARTNER_TIMEOUT_MS,
          ...(config.SSCARD_PARTNERS_TOKEN ? { token: config.SSCARD_PARTNERS_TOKEN } : {}),
        },
      ]),
    ) as Parameters<typeof createHttpPartners>[0];
    return { kind: 'http', partners: createHttpPartners(endpoints) };
  }
  return {
    kind: 'simulated-in-process',
    partners: createSimulators(partnersDb, simulatorSettings(config)),
  };
}

/** How the simulators behave, as configured (SSCARD_SIM_*): in the worker's process or on their own server. */
export function simulatorSettings(config: Config): SimulatorSettings {
  return {
    behaviour: { latencyMs: [0, config.SSCARD_SIM_LATENCY_MS], failureRate: config.SSCARD_SIM_FAILURE_RATE },
    manufacturer: {
      printMs: config.SSCARD_SIM_PRINT_MS,
      printFailureRate: config.SSCARD_SIM_PRINT_FAILURE_RATE,
    },
    printer: {
      printMs: config.SSCARD_SIM_COUNTER_PRINT_MS,
      blanksPerCounter: config.SSCARD_SIM_COUNTER_BLANKS,
    },
    courier: { stepMs: config.SSCARD_SIM_COURIER_STEP_MS },
    payment: { payMs: config.SSCARD_SIM_PAYMENT_MS },
  };
}
