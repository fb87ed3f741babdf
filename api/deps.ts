// What the API server is built over: the client library (every rule lives there), the stores it needs for keys,
// idempotency and callback replays, Temporal for health and its payload codecs, and its own settings.
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

export interface ApiDeps {
  client: SscardClient;
  stores: Stores;
  temporal: Client;
  config: ApiSettings;
}
