// The simulated partners' books on a store of their own, for the benchmark: sscard's processes open the partners'
// database (SSCARD_PARTNERS_DB) on their one MongoDB client (client/connect.ts), so this routes that database's
// name to a client of the partners' store instead, and counts what goes there: all commands, and the SMS the
// notifier sends, which is how the bench follows how many people are told without asking sscard's store. Loaded
// into the worker with --require (BENCH_PARTNERS_MONGODB_URI), and by the bench itself.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { MongoClient } from 'mongodb';

export interface PartnerCounts {
  /** Commands sent to the partners' store. */
  commands: number;
  /** SMS the simulated notifier sent: one per person told their card is ready, on the bench's path. */
  sms: number;
}

/**
 * Sends `dbName` to the store at `uri` from every MongoClient of this process, until `close()`; the counts go to
 * `countFile`.
 */
export function routePartnersDb(uri: string, dbName: string, countFile?: string): { close(): Promise<void> } {
  const partners = new MongoClient(uri, { monitorCommands: countFile !== undefined });
  const db = MongoClient.prototype.db; // eslint-disable-line @typescript-eslint/unbound-method
  MongoClient.prototype.db = function (this: MongoClient, name, options) {
    return db.call(name === dbName && this !== partners ? partners : this, name, options);
  };
  const close = async () => {
    MongoClient.prototype.db = db;
    await partners.close();
  };
  if (countFile) {
    const counts: PartnerCounts = { commands: 0, sms: 0 };
    const sms = new Set<number>();
    partners.on('commandStarted', (event) => {
      const { insert, documents } = event.command as { insert?: string; documents?: { channel?: string }[] };
      if (insert === 'notifier_messages' && documents?.[0]?.channel === 'sms') sms.add(event.requestId);
    });
    partners.on('commandSucceeded', (event) => {
      counts.commands += 1;
      // A message sent again under its key inserts nothing (n = 0).
      if (sms.delete(event.requestId)) counts.sms += (event.reply as { n?: number }).n ?? 0;
    });
    partners.on('commandFailed', (event) => {
      counts.commands += 1;
      sms.delete(event.requestId);
    });
    // Renamed into place, so that the bench never reads a half-written file.
    const write = () => {
      fs.writeFileSync(`${countFile}.tmp`, JSON.stringify(counts));
      fs.renameSync(`${countFile}.tmp`, countFile);
    };
    setInterval(write, 100).unref();
    process.on('exit', write);
  }
  return { close };
}

export function readPartnerCounts(file: string): PartnerCounts {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as PartnerCounts;
  } catch {
    return { commands: 0, sms: 0 };
  }
}

// As a preload (--require) in sscard's worker: on its main thread only, and taken out of the environment, since
// its workflow threads and child processes inherit the preload and would write the same count file.
const { BENCH_PARTNERS_MONGODB_URI: uri, BENCH_PARTNER_COUNT_FILE: countFile } = process.env;
if (isMainThread && uri && process.env.SSCARD_PARTNERS_DB) {
  delete process.env.BENCH_PARTNERS_MONGODB_URI;
  routePartnersDb(uri, process.env.SSCARD_PARTNERS_DB, countFile);
}
