// Opens sscard from configuration: MongoDB (the card management records), Temporal (with the encrypting data
// converter) and the client library over both. Used by the API server, the command line and the demo.
import type { Client } from '@temporalio/client';
import { type Config, loadConfig } from '../config';
import { connectMongo } from '../store/mongo';
import { prepareDatabase, type Stores } from '../store';
import { connectTemporal, createSscardClient, type SscardClient } from '.';
import type { MongoClient } from 'mongodb';

export interface OpenSscard {
  config: Config;
  client: SscardClient;
  stores: Stores;
  temporal: Client;
  mongo: MongoClient;
  close(): Promise<void>;
}

export async function openSscard(env: NodeJS.ProcessEnv = process.env): Promise<OpenSscard> {
  const config = loadConfig(env);
  const { client: mongo, db } = await connectMongo(config.MONGODB_URI, config.SSCARD_DB);
  const stores = await prepareDatabase(db);
  const temporal = await connectTemporal({
    target: config.temporal,
    keyring: config.keyring,
  });
  const client = createSscardClient({
    temporal,
    stores,
    keyring: config.keyring,
    taskQueue: config.SSCARD_TASK_QUEUE,
  });
  return {
    config,
    client,
    stores,
    temporal,
    mongo,
    close: async () => {
      await temporal.connection.close();
      await mongo.close();
    },
  };
}
