// Connection and start-up for the card management database. Every store declares its indexes; they are all
// created when a process starts (createIndex is idempotent), never lazily on a hot path.
import fs from 'node:fs';
import {
  type Collection,
  type Db,
  type Filter,
  MongoClient,
  MongoServerError,
  type OptionalUnlessRequiredId,
  type UpdateFilter,
} from 'mongodb';

export async function connectMongo(uri: string, dbName: string): Promise<{ client: MongoClient; db: Db }> {
  const slowMs = Number(process.env.SSCARD_MONGO_SLOW_MS ?? 0);
  const countFile = process.env.SSCARD_MONGO_COUNT_FILE;
  const client = await MongoClient.connect(uri, {
    serverSelectionTimeoutMS: 10_000,
    monitorCommands: slowMs > 0 || countFile !== undefined,
  });
  if (slowMs > 0) logSlowCommands(client, slowMs);
  if (countFile) countCommands(client, countFile);
  return { client, db: client.db(dbName) };
}

/**
 * For the benchmark: counts the commands this process sends, by database (all, and those taking 1 ms or more),
 * and by database, command and collection (`db find cards`), into a JSON file rewritten every half second, so
 * another process can read the totals.
 */
function countCommands(client: MongoClient, file: string): void {
  const counts: Record<string, { all: number; slow: number }> = {};
  const started = new Map<number, { db: string; kind: string }>();
  client.on('commandStarted', (event) => {
    const target = (event.command as Record<string, unknown>)[event.commandName];
    const kind = `${event.databaseName} ${event.commandName} ${typeof target === 'string' ? target : ''}`;
    started.set(event.requestId, { db: event.databaseName, kind: kind.trim() });
  });
  const done = (event: { requestId: number; duration: number }) => {
    const command = started.get(event.requestId);
    started.delete(event.requestId);
    if (!command || command.db === 'admin') return;
    for (const key of [command.db, command.kind]) {
      const entry = (counts[key] ??= { all: 0, slow: 0 });
      entry.all += 1;
      if (event.duration >= 1) entry.slow += 1;
    }
  };
  client.on('commandSucceeded', done);
  client.on('commandFailed', done);
  const write = () => fs.writeFileSync(file, JSON.stringify(counts));
  setInterval(write, 500).unref();
  process.on('exit', write);
}

/** Logs commands slower than `slowMs` by collection and the shape of their filter (field names, never values). */
function logSlowCommands(client: MongoClient, slowMs: number): void {
  const started = new Map<number, string>();
  const shape = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
      : typeof value;
  client.on('commandStarted', (event) => {
    const command = event.command as Record<string, unknown>;
    const updates = command.updates as { q?: unknown; u?: unknown }[] | undefined;
    const filter = command.filter ?? updates?.[0]?.q ?? command.pipeline;
    const update = updates?.[0]?.u;
    started.set(
      event.requestId,
      `${event.commandName} ${String(command[event.commandName])} ${JSON.stringify(shape(filter))}` +
        (update ? ` ${JSON.stringify(Object.keys(update))}` : ''),
    );
  });
  client.on('commandSucceeded', (event) => {
    const what = started.get(event.requestId);
    started.delete(event.requestId);
    if (what && event.duration >= slowMs) console.warn(`slow mongo ${event.duration} ms: ${what}`);
  });
  client.on('commandFailed', (event) => started.delete(event.requestId));
}

export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && error.code === 11000;
}

/**
 * A filter on _id alone. FerretDB 1.24's SQLite backend pushes a filter down to its primary key only when the
 * filter is exactly `{ _id: <string> }`; anything more (`$eq`, `$in`, a second condition) reads the collection
 * document by document until a match. Measured on 5,000 documents: 17-34 ms for the bare form, 170 ms for the
 * others when the document is near the end. Hot lookups use this; MongoDB serves every form by index.
 */
export function byId(id: string): { _id: string } {
  return { _id: id };
}

/**
 * An upsert by primary key, done as an update and, when nothing matched, an insert (a racing insert of the same
 * _id loses on the unique key and updates instead). FerretDB 1.24 runs a real upsert as a collection scan
 * (350 ms per new document at 10,000 documents); these two steps go by the primary key.
 */
export async function updateOrInsert<T extends { _id: string }>(
  collection: Collection<T>,
  id: string,
  update: UpdateFilter<T>,
  insert: OptionalUnlessRequiredId<T>,
): Promise<void> {
  if ((await collection.updateOne(byId(id) as Filter<T>, update)).matchedCount > 0) return;
  try {
    await collection.insertOne(insert);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await collection.updateOne(byId(id) as Filter<T>, update);
  }
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
