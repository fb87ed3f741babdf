// Connection and start-up for the card management database. Every store declares its indexes; they are all
// created when a process starts (createIndex is idempotent), never lazily on a hot path.
import { MongoClient, MongoServerError, type Db } from 'mongodb';

export async function connectMongo(uri: string, dbName: string): Promise<{ client: MongoClient; db: Db }> {
  const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
  return { client, db: client.db(dbName) };
}

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/** Inserts a document whose _id is an idempotency key; a second insert of the same key is a no-op. */
export async function insertOnce<T extends { _id: string }>(
  db: Db,
  collection: string,
  document: T,
): Promise<'inserted' | 'existed'> {
  try {
    await db.collection<T>(collection).insertOne(document as never);
    return 'inserted';
  } catch (error) {
    if (isDuplicateKey(error)) return 'existed';
    throw error;
  }
}
