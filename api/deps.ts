// What the API server is built over: the client library (every rule lives there, and every route goes through
// it), the stores of the API's own infrastructure (who a token is, idempotency keys, callback replays, the
// readiness ping), Temporal for health and its payload codecs, and its own settings.
import type { Tracer } from '@opentelemetry/api';
import type { Client } from '@temporalio/client';
import type { SscardClient } from '../client';
import type { Stores } from '../store';
import type { LogEntry } from '../domain/log-entry';
import type { Limits } from './limits';
import type { PartnerSecrets } from './signatures';

export interface ApiSettings {
  /** Standard Webhooks secrets of partner callbacks, by partner account (SSCARD_PARTNER_SECRETS). */
  partnerSecrets: PartnerSecrets;
  /** The operator console's files, served at /console/. */
  consoleDir?: string;
  /** Where an entry goes for each request and each failure (api/main.ts: JSON lines); none when absent. */
  log?: (entry: LogEntry) => void;
  /** The clock signed callbacks are judged by. */
  now?: () => Date;
  /** The Temporal Web UI's origin (SSCARD_UI_ORIGIN), allowed to call the codec endpoint; none when absent. */
  uiOrigin?: string;
  /** Codec calls from this machine need no token (SSCARD_CODEC_TRUST_LOOPBACK); false when absent. */
  codecTrustLoopback?: boolean;
  /** Rates, connections and timeouts (api/limits.ts); DEFAULT_LIMITS where absent. */
  limits?: Partial<Limits>;
  /** A span per request when tracing is on (observability/tracing.ts), named by its route template. */
  tracer?: Tracer;
}

/** The stores the API's infrastructure keeps for itself; everything else a route needs, it asks the client for. */
export interface ApiStores {
  apiKeys: Pick<Stores['apiKeys'], 'byToken' | 'seed'>;
  idempotency: Stores['idempotency'];
  callbackReplays: Stores['callbackReplays'];
  ping: Stores['ping'];
}

export interface ApiDeps {
  client: SscardClient;
  stores: ApiStores;
  temporal: Client;
  config: ApiSettings;
}
