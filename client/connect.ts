// Opens sscard from configuration: MongoDB (the card management records), Temporal (with the encrypting data
// converter), the partners (HTTP adapters or simulators) and the client library over them. Used by every process:
// the worker, the API server, the demo, the bench and the fault run.
import type { Client } from '@temporalio/client';
import { type Config, loadConfig } from '../config';
import { connectMongo } from '../store/mongo';
import { partnersFromConfig } from '../integrations';
import { prepareDatabase, type Stores } from '../store';
import { connectTemporal, createSscardClient, type SscardClient } from '.';
import type { MongoClient } from 'mongodb';
import { startTracing, type Tracing } from '../observability/tracing';

export interface OpenSscard {
  config: Config;
  /** The partners as configured (SSCARD_PARTNERS): their HTTP adapters, or simulators in this process. */
  partners: ReturnType<typeof partnersFromConfig>;
  /** Present when SSCARD_TRACING is on. */
  tracing?: Tracing;
  client: SscardClient;
  stores: Stores;
  temporal: Client;
  mongo: MongoClient;
  close(): Promise<void>;
}

/** `service` names the process in traces, when SSCARD_TRACING is on; `config` is loaded from `env` unless given. */
export async function openSscard(
  env: NodeJS.ProcessEnv = process.env,
  service = 'client',
  config: Config = loadConfig(env),
): Promise<OpenSscard> {
  const tracing = startTracing(service, config.SSCARD_TRACING);
  const { client: mongo, db } = await connectMongo(config.MONGODB_URI, config.SSCARD_DB);
  const stores = await prepareDatabase(db);
  const partners = partnersFromConfig(config, mongo.db(config.SSCARD_PARTNERS_DB));
  const temporal = await connectTemporal({
    target: config.temporal,
    keyring: config.keyring,
    ...(tracing ? { interceptors: tracing.clientInterceptors } : {}),
  });
  const client = createSscardClient({
    temporal,
    stores,
    keyring: config.keyring,
    taskQueue: config.SSCARD_TASK_QUEUE,
    // The codes of "where is my card?" are sent while the person waits, not queued through a workflow.
    notifier: partners.partners.notifier,
    identity: { population: partners.partners.population, photoSource: partners.partners.photoSource },
  });
  return {
    config,
    partners,
    ...(tracing ? { tracing } : {}),
    client,
    stores,
    temporal,
    mongo,
    close: async () => {
      await temporal.connection.close();
      await mongo.close();
      await tracing?.shutdown();
    },
  };
}
