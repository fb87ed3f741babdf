// What one reading of a batch's counts costs the store, by the batch's size: the counts the batch's window, the API
// and the console read (store/records.ts, countsForBatch) from the applications' standings, beside the same
// grouping over their records, which is how counts were read up to 0.9.1. Each application's record is written as
// its workflow writes it on the happy path to the notice, with its trail, through the record store.
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { bar, LiveBlock } from '../../cli/ui/progress';
import { renderTable } from '../../cli/ui/table';
import { SYSTEM } from '../../domain/actors';
import type { RecordWrite } from '../../domain/documents/records';
import { HAPPY_PATH } from '../../domain/stages';
import { prepareDatabase } from '../../store';
import { scriptOptions, wholeNumber } from '../options';
import { startDocumentStore } from '../stack/document-store';
import { freePort } from '../stack/process';
import { removeLocalData } from '../stack/postgres-home';

const HELP = `usage: npm run bench:counts [-- options]

Writes the records of one batch through the record store, on a fresh FerretDB under .data/bench-counts, and
prints what reading the batch's counts costs at each size on the way: from the applications' standings (as sscard
reads them since 0.9.2) and by the same grouping over their records (as up to 0.9.1).

options:
  --applicants N   the batch's size at the end [20000]
  --readings N     readings of each kind at each size [3]
  --store S        FerretDB's backend: postgresql or sqlite [postgresql]
  --help           this text`;

const options = scriptOptions(HELP, {
  applicants: { type: 'string', default: '20000' },
  readings: { type: 'string', default: '3' },
  store: { type: 'string', default: 'postgresql' },
});
if (options.store !== 'postgresql' && options.store !== 'sqlite') {
  console.error('--store must be postgresql or sqlite');
  process.exit(2);
}
const APPLICANTS = wholeNumber('applicants', options.applicants, 1);
const READINGS = wholeNumber('readings', options.readings, 1);
const BATCH = 'B-BENCH-COUNTS';
const dataDir = path.resolve(__dirname, '../../.data/bench-counts');

const PATH = HAPPY_PATH;

/** The write of the stages `from` to `upTo` (1-based): two writes hold the whole trail, as the recorder's would. */
function writeOf(applicationId: string, from: number, upTo: number): RecordWrite {
  const at = new Date().toISOString();
  return {
    applicationId,
    fence: 5 * upTo,
    trailLength: upTo,
    entries: PATH.slice(from - 1, upTo).map((to, i) => ({
      seq: from + i,
      from: from + i === 1 ? null : PATH[from + i - 2]!,
      to,
      actor: SYSTEM,
      at,
    })),
    fields: {
      workflowId: `card-${applicationId}`,
      runId: '01a24e0b-2122-713b-a666-bc9b077d4230',
      unitId: '91330106MA2B0001',
      batchId: BATCH,
      mode: 'batch',
      revision: 1,
      stage: PATH[upTo - 1]!,
      sla: 'on_track',
      dueAt: at,
      returnCount: 0,
      expedited: false,
      acceptedAt: at,
      updatedAt: at,
    },
  };
}

/** Milliseconds of the fastest of `READINGS` runs of `read`. */
async function fastest(read: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < READINGS; i++) {
    const start = process.hrtime.bigint();
    await read();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return best;
}

async function main(): Promise<void> {
  removeLocalData(dataDir);
  const store = await startDocumentStore({
    dataDir,
    logDir: path.join(dataDir, 'logs'),
    port: await freePort(),
    store: options.store as 'postgresql' | 'sqlite',
    log: () => undefined,
  });
  const client = await MongoClient.connect(store.uri);
  try {
    const db = client.db('bench_counts');
    const { records } = await prepareDatabase(db);
    const sizes = [1000, 5000, 10000, 20000, 50000].filter((n) => n < APPLICANTS).concat(APPLICANTS);
    const rows: (string | number)[][] = [];
    const live = new LiveBlock();
    let written = 0;
    for (const size of sizes) {
      for (; written < size; written++) {
        const id = `A${String(written).padStart(9, '0')}`;
        await records.write(writeOf(id, 1, 4));
        await records.write(writeOf(id, 5, PATH.length));
        if (written % 100 === 0)
          live.render(`records written ${bar(written, APPLICANTS)} ${written} of ${APPLICANTS}`);
      }
      const standings = await fastest(() => records.countsForBatch(BATCH, size));
      const byRecords = await fastest(() =>
        db
          .collection('application_records')
          .aggregate([
            { $match: { batchId: BATCH } },
            {
              $group: { _id: { stage: '$stage', sla: '$sla', returnCount: '$returnCount' }, n: { $sum: 1 } },
            },
          ])
          .toArray(),
      );
      rows.push([size, Math.round(standings), Math.round(byRecords), (byRecords / standings).toFixed(1)]);
      live.render(`records written ${bar(written, APPLICANTS)} ${written} of ${APPLICANTS}`);
    }
    console.log(
      `\nOne reading of the batch's counts, FerretDB on ${store.kind}, fastest of ${READINGS} (${new Date().toISOString()}):\n`,
    );
    console.log(
      renderTable(['applications', 'from standings (ms)', 'grouping the records (ms)', 'times faster'], rows),
    );
  } finally {
    await client.close();
    for (const service of store.services.reverse()) await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
