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

/**
 * A filter on _id alone, written so FerretDB (SQLite) finds the document by its primary key: measured on FerretDB
 * 1.24, an update with the bare `{ _id }` filter scans the collection (20 ms at 10,000 documents), with `$eq` it
 * takes 2 ms. MongoDB treats both the same.
 */
export function byId(id: string): { _id: { $eq: string } } {
  return { _id: { $eq: id } };
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
