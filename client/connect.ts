// Opens sscard from configuration: MongoDB (the card management records), Temporal (with the encrypting data
// converter) and the client library over both. Used by the API server, the command line and the demo.
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
  /** Present when SSCARD_TRACING is on. */
  tracing?: Tracing;
  client: SscardClient;
  stores: Stores;
  temporal: Client;
  mongo: MongoClient;
  close(): Promise<void>;
}

/** `service` names the process in traces, when SSCARD_TRACING is on. */
export async function openSscard(
  env: NodeJS.ProcessEnv = process.env,
  service = 'client',
): Promise<OpenSscard> {
  const config = loadConfig(env);
  const tracing = startTracing(service, config.SSCARD_TRACING);
  const { client: mongo, db } = await connectMongo(config.MONGODB_URI, config.SSCARD_DB);
  const stores = await prepareDatabase(db);
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
    notifier: partnersFromConfig(config, mongo.db(config.SSCARD_PARTNERS_DB)).partners.notifier,
  });
  return {
    config,
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
