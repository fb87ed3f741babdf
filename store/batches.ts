// Batches as staged data: the batch record, one record per submitted row (so every applicant is accounted for
// exactly once), and page documents the batch workflow reads by _id, which keeps paging cheap on any server.
import type { Db } from 'mongodb';
import type { RowStatus } from '../domain/batch';
import type { BatchCounts } from '../domain/batch-progress';
import { type BatchDoc, type BatchRowDoc, type PageRow, rowId } from '../domain/documents/batches';
import type { PageCursor } from '../domain/documents/pages';
import { byId } from './mongo';
import { newestFirst } from './pages';
import type { BatchStore } from './ports/center';

interface BatchPageDoc {
  _id: string;
  batchId: string;
  page: number;
  rows: PageRow[];
}

const pageId = (batchId: string, page: number): string => `${batchId}:p${String(page).padStart(5, '0')}`;

export function createBatchStore(db: Db): BatchStore {
  const batches = db.collection<BatchDoc>('batches');
  const rows = db.collection<BatchRowDoc>('batch_rows');
  const pages = db.collection<BatchPageDoc>('batch_pages');

  return {
    get: (batchId: string) => batches.findOne({ _id: batchId }),
    list: (filter: { unitId?: string } = {}) =>
      batches.find(filter).sort({ submittedAt: -1 }).limit(200).toArray(),
    listPage: (filter: { unitId?: string }, pageSize: number, after?: PageCursor) =>
      newestFirst(batches, filter, 'submittedAt', pageSize, after),

    async stage(batch: BatchDoc, rowDocs: BatchRowDoc[], staged: PageRow[]): Promise<void> {
      for (let i = 0; i < rowDocs.length; i += 1000)
        await rows.insertMany(rowDocs.slice(i, i + 1000), { ordered: false });
      const pageDocs: BatchPageDoc[] = [];
      for (let page = 0; page * batch.pageSize < staged.length; page++) {
        pageDocs.push({
          _id: pageId(batch._id, page),
          batchId: batch._id,
          page,
          rows: staged.slice(page * batch.pageSize, (page + 1) * batch.pageSize),
        });
      }
      for (let i = 0; i < pageDocs.length; i += 100)
        await pages.insertMany(pageDocs.slice(i, i + 100), { ordered: false });
      await batches.insertOne(batch);
    },

    /** Removes a batch that never started, with its rows and pages. */
    async discard(batchId: string): Promise<void> {
      await batches.deleteOne({ _id: batchId });
      await pages.deleteMany({ batchId });
      await rows.deleteMany({ batchId });
    },

    page: async (batchId: string, page: number): Promise<PageRow[]> =>
      (await pages.findOne({ _id: pageId(batchId, page) }))?.rows ?? [],

    async accept(batchId: string, at: Date): Promise<BatchDoc> {
      await batches.updateOne(
        { _id: batchId, acceptedAt: { $exists: false } },
        { $set: { acceptedAt: at, status: 'running' } },
      );
      return (await batches.findOne({ _id: batchId }))!;
    },

    async markRows(batchId: string, updates: { rowNo: number; status: RowStatus }[]): Promise<void> {
      if (updates.length === 0) return;
      await rows.bulkWrite(
        updates.map((u) => ({
          updateOne: { filter: byId(rowId(batchId, u.rowNo)), update: { $set: { status: u.status } } },
        })),
        { ordered: false },
      );
    },

    /** The batch's row counts, recounted rather than incremented: a retried write must not count a row twice. */
    async recountRows(batchId: string): Promise<void> {
      const counts = await rows
        .aggregate<{ _id: RowStatus; n: number }>([
          { $match: { batchId } },
          { $group: { _id: '$status', n: { $sum: 1 } } },
        ])
        .toArray();
      const n = (status: RowStatus) => counts.find((c) => c._id === status)?.n ?? 0;
      await batches.updateOne(
        { _id: batchId },
        {
          $set: {
            'rows.started': n('started'),
            'rows.inFlightElsewhere': n('in_flight_elsewhere'),
            'rows.staged': n('staged'),
          },
        },
      );
    },

    /** The statuses of the given rows, by _id (the one index FerretDB uses). */
    async statusesOf(batchId: string, rowNos: number[]): Promise<Map<number, RowStatus>> {
      const found = await rows
        .find({ _id: { $in: rowNos.map((n) => rowId(batchId, n)) } }, { projection: { rowNo: 1, status: 1 } })
        .toArray();
      return new Map(found.map((r) => [r.rowNo, r.status]));
    },

    rowsWithStatus: (batchId: string, statuses: RowStatus[], limit = 1000) =>
      rows
        .find({ batchId, status: { $in: statuses } }, { projection: { submitted: 0 } })
        .sort({ rowNo: 1 })
        .limit(limit)
        .toArray(),

    allRows: (batchId: string) =>
      rows
        .find({ batchId }, { projection: { submitted: 0 } })
        .sort({ rowNo: 1 })
        .toArray(),

    async saveSummary(batchId: string, summary: BatchCounts, status?: BatchDoc['status']): Promise<void> {
      await batches.updateOne(
        { _id: batchId },
        { $set: { summary: { ...summary, updatedAt: new Date() }, ...(status ? { status } : {}) } },
      );
    },
  };
}
