// Configuration, parsed once at start-up with zod. Every setting has a default that works on the local stack;
// a wrong value stops the process with a message that names the variable.
import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import os from 'node:os';
import { z } from 'zod';
import { codecKeysSchema, keyringFrom, personKeySecretSchema, type Keyring } from '../crypto/keyring';
import { LOG_LEVELS } from '../domain/log-entry';
import { PARTNER_QUEUES } from '../domain/partner-queues';
import { TRACING_SETTINGS } from '../observability/tracing';

/** Local defaults only: a deployment sets its own secrets, shared with each partner. */
const LOCAL_PARTNER_SECRETS: Record<string, string> = {
  'card-manufacturer': 'local-manufacturer-secret-change-me',
  'cooperative-bank': 'local-bank-secret-change-me',
  'population-registry': 'local-population-secret-change-me',
  courier: 'local-courier-secret-change-me',
  'payment-provider': 'local-payment-secret-change-me',
  'card-terminals': 'local-terminals-secret-change-me',
};

/** One secret: Standard Webhooks' `whsec_<base64 of 24+ bytes>`, or a raw string of 16+ characters. */
const partnerSecretSchema = z
  .string()
  .refine(
    (secret) =>
      secret.startsWith('whsec_')
        ? /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/.test(secret)
        : secret.length >= 16 && !secret.startsWith('whsec'),
    'whsec_<base64 of at least 24 bytes>, or a raw secret of at least 16 characters',
  );

const partnerSecretsSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: 'a JSON object {"<partner account>": "<secret>" or ["<new secret>", "<old secret>"]}',
      });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(/^[A-Za-z0-9._:@-]{1,64}$/),
      // Several active secrets while one is rotated: the first is the one a simulated partner signs with.
      z.union([partnerSecretSchema.transform((s) => [s]), z.array(partnerSecretSchema).min(1).max(3)]),
    ),
  )
  .refine((secrets) => {
    const all = Object.values(secrets).flat();
    return new Set(all).size === all.length;
  }, 'each secret belongs to one partner only: the secret that signed a callback tells who sent it');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** scheme://host[:port], as a browser sends it in Origin. */
const originSchema = z.url({ protocol: /^https?$/ }).transform((value, ctx) => {
  const url = new URL(value);
  if (url.pathname !== '/' || url.search || url.hash || url.username) {
    ctx.addIssue({ code: 'custom', message: 'an origin: scheme://host[:port], nothing after it' });
    return z.NEVER;
  }
  return url.origin;
});

const configSchema = z
  .object({
    SSCARD_TASK_QUEUE: z.string().default('sscard'),
    MONGODB_URI: z.string().startsWith('mongodb').default('mongodb://127.0.0.1:27017/'),
    SSCARD_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('sscard'),
    /** The simulated partners' own database, kept apart from the card management records. */
    SSCARD_PARTNERS_DB: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/)
      .default('sscard_partners'),
    SSCARD_PERSON_KEY: personKeySecretSchema,
    SSCARD_CODEC_KEYS: codecKeysSchema,
    SSCARD_API_PORT: z.coerce.number().int().min(1).max(65535).default(8080),
    /** The interface the API listens on: 0.0.0.0 to be reachable from other machines. */
    SSCARD_API_HOST: z.string().min(1).default('127.0.0.1'),
    SSCARD_API_URL: z.string().url().default('http://127.0.0.1:8080'),
    /** Where people open the links of their SMS ("where is my card?", /track/…): the API as the public reaches it. */
    SSCARD_PUBLIC_URL: z.string().url().default('http://127.0.0.1:8080'),
    /** The Temporal Web UI's origin: the only page allowed to call the codec endpoint from a browser. */
    SSCARD_UI_ORIGIN: originSchema.default('http://127.0.0.1:8233'),
    /**
     * Whether the codec endpoint decodes for callers on this machine without a token: the local stack's Web UI.
     * Never behind a reverse proxy on the same host, where every caller looks local.
     */
    SSCARD_CODEC_TRUST_LOOPBACK: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .default(false),
    /** Standard Webhooks secrets of the partners' signed callbacks, by partner account: a JSON object. */
    SSCARD_PARTNER_SECRETS: partnerSecretsSchema.default(
      Object.fromEntries(
        Object.entries(LOCAL_PARTNER_SECRETS).map(([partner, secret]) => [partner, [secret]]),
      ),
    ),
    /**
     * How the worker reaches the partners: `http`, the adapters of integrations/http over each partner's contract
     * (the local stack points them at the simulator server), or `simulated-in-process`, the simulators inside
     * the worker (tests and benchmarks that measure sscard alone).
     */
    SSCARD_PARTNERS: z.enum(['http', 'simulated-in-process']).default('simulated-in-process'),
    /** Base URL of the partners' services: each partner is at <base>/<partner> unless its own URL is set. */
    SSCARD_PARTNERS_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:8090'),
    SSCARD_POPULATION_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_BANK_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_MANUFACTURER_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_PRINTER_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_PHOTOS_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_COURIER_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_NOTIFIER_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_ECARD_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_NATIONAL_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_PAYMENT_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSCARD_TERMINALS_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Bearer token the partners issued to sscard (the simulator server asks for it when it is set). */
    SSCARD_PARTNERS_TOKEN: z.string().min(16).optional(),
    /** How long one partner call may take before it counts as unanswered and is retried. */
    SSCARD_PARTNER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /**
     * Calls per second each partner takes from all of sscard's workers together (a JSON object, e.g.
     * {"bank": 20, "notifier": 50}); a partner left out keeps its default (workers/card-worker.ts).
     */
    SSCARD_PARTNER_RATES: z
      .string()
      .transform((text, ctx) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'a JSON object {"bank": <calls per second>, ...}' });
          return z.NEVER;
        }
      })
      .pipe(z.partialRecord(z.enum(PARTNER_QUEUES), z.number().positive().max(10_000)))
      .default({}),
    /** Where the simulator server listens (the local stack's partners). */
    SSCARD_SIM_PORT: z.coerce.number().int().min(1).max(65535).default(8090),
    /** Simulated partners: latency of each call and the share of calls that fail as outages. */
    SSCARD_SIM_LATENCY_MS: z.coerce.number().int().min(0).default(50),
    SSCARD_SIM_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
    SSCARD_SIM_PRINT_MS: z.coerce.number().int().min(0).default(3000),
    SSCARD_SIM_PRINT_FAILURE_RATE: z.coerce.number().min(0).max(1).default(0),
    /** Simulated counter card printers: time to make one card, and the blank cards each counter starts with. */
    SSCARD_SIM_COUNTER_PRINT_MS: z.coerce.number().int().min(0).default(3000),
    SSCARD_SIM_COUNTER_BLANKS: z.coerce.number().int().min(0).default(500),
    /** Simulated courier: time between two reports of a parcel (picked up, in transit, … each attempt). */
    SSCARD_SIM_COURIER_STEP_MS: z.coerce.number().int().min(0).default(2000),
    /** Simulated payment provider: how long a person takes to pay a fee charged. */
    SSCARD_SIM_PAYMENT_MS: z.coerce.number().int().min(0).default(2000),
    /**
     * Workflows a worker keeps in memory between tasks. Applications wait weeks for collection; beyond this many
     * the least recent is evicted and replayed from history when it next has work, so memory stays flat.
     */
    /**
     * Where the worker serves its Temporal SDK metrics for Prometheus (host:port, at /metrics); 'off' for none.
     * Loopback by default: a metrics port is for the machine's own Prometheus or agent.
     */
    SSCARD_WORKER_METRICS: z
      .string()
      .regex(/^(off|[\w.-]+:\d{1,5}|\[[0-9a-fA-F:]+\]:\d{1,5})$/, 'host:port, or off')
      .default('127.0.0.1:9464'),
    /** OpenTelemetry tracing of the API and the worker: off, otlp (OTEL_EXPORTER_OTLP_* say where) or console. */
    SSCARD_TRACING: z.enum(TRACING_SETTINGS).default('off'),
    /** The least severe log lines the API and the worker write (JSON lines on stdout). */
    SSCARD_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    SSCARD_WORKER_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(1000),
    // Workflow tasks run their local activities: more at once than a few per core only makes each one slower.
    SSCARD_WORKER_WORKFLOW_TASKS: z.coerce
      .number()
      .int()
      .min(2)
      .default(4 * os.availableParallelism()),
  })
  .superRefine((config, ctx) => {
    // The repository's example secrets are public: anyone could sign a partner's callback with them.
    const examples = new Set(Object.values(LOCAL_PARTNER_SECRETS));
    if (
      !LOOPBACK.has(config.SSCARD_API_HOST) &&
      Object.values(config.SSCARD_PARTNER_SECRETS).some((list) => list.some((v) => examples.has(v)))
    )
      ctx.addIssue({
        code: 'custom',
        path: ['SSCARD_PARTNER_SECRETS'],
        message: `the repository's example secrets are refused when the API listens beyond this machine (SSCARD_API_HOST=${config.SSCARD_API_HOST}): set each partner's own`,
      });
  });

/** Where and how the processes reach Temporal (client, worker and API alike). */
export interface TemporalTarget {
  connectionOptions: NativeConnectionOptions & { address: string };
  namespace: string;
}

export type Config = Omit<z.infer<typeof configSchema>, 'SSCARD_PERSON_KEY' | 'SSCARD_CODEC_KEYS'> & {
  keyring: Keyring;
  temporal: TemporalTarget;
};

/**
 * The Temporal connection as Temporal's own client configuration gives it: a profile (TEMPORAL_PROFILE, default
 * "default") of the config file (TEMPORAL_CONFIG_FILE, or the user's temporal.toml), overridden by TEMPORAL_ADDRESS,
 * TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_GRPC_META_*; the local dev server when none is set.
 * Temporal Cloud is an address, a namespace and an API key (or mTLS certificates).
 */
export function temporalTarget(env: NodeJS.ProcessEnv): TemporalTarget {
  let loaded;
  try {
    loaded = loadClientConnectConfig({
      overrideEnvVars: Object.fromEntries(
        Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ),
    });
  } catch (error) {
    throw new ConfigError(
      `sscard cannot start, the Temporal connection settings are wrong: ${(error as Error).message}\n` +
        'Fix TEMPORAL_* (or the profile in TEMPORAL_CONFIG_FILE); see the configuration table in docs/operations.md.',
    );
  }
  return {
    connectionOptions: {
      // Settings left unset stay absent.
      ...Object.fromEntries(
        Object.entries(loaded.connectionOptions).filter(([, value]) => value !== undefined),
      ),
      address: loaded.connectionOptions.address ?? '127.0.0.1:7233',
    },
    namespace: loaded.namespace ?? 'default',
  };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(
      `sscard cannot start, the configuration is wrong:\n${problems}\n` +
        'Fix these environment variables (see the configuration table in docs/operations.md).',
    );
  }
  const { SSCARD_PERSON_KEY, SSCARD_CODEC_KEYS, ...rest } = parsed.data;
  return {
    ...rest,
    keyring: keyringFrom(SSCARD_PERSON_KEY, SSCARD_CODEC_KEYS),
    temporal: temporalTarget(env),
  };
}
