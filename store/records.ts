// Where each application stands, with its audit trail: a projection written only by the application's own
// workflow, one write per workflow task, in the order the workflow decides. Two rules keep it exact:
// - a write carries a fence (the workflow's history length when it was made); a write with a smaller fence than
//   the stored one is stale (a task that never completed, or a retried attempt overtaken by a later write) and is
//   refused, while a later task always overwrites what an uncompleted one left;
// - the trail is keyed by step number and cut at `trailLength`: steps written by an uncompleted task beyond the
//   committed path's length are never shown, and are overwritten when the committed path reaches them.
// Every filter here is `_id` plus at most a plain comparison on a scalar field, which means the same on MongoDB
// and FerretDB (see docs/records.md, "What the store relies on").
import type { Db, UpdateFilter } from 'mongodb';
import type { IssuanceMode } from '../domain/application';
import { type BatchCounts, emptyCounts } from '../domain/batch-progress';
import type { ComplianceRecord } from '../domain/compliance';
import type { RecordDoc, RecordFields, RecordWrite, TrailEntry } from '../domain/documents/records';
import type { Stage } from '../domain/stages';
import { createBatchStandings, type StandingDoc } from './batch-standings';
import { byId, isDuplicateKey } from './mongo';
import type { RecordStore } from './ports/applications';

const NOTIFIED: Stage[] = ['awaiting_collection', 'issued'];
const CLOSED: Stage[] = ['withdrawn', 'expired', 'rejected'];
const isDone = (stage: Stage): boolean => NOTIFIED.includes(stage) || CLOSED.includes(stage);
/** Stages of an application still on its way: not notified, not closed. */
const ON_ITS_WAY = { $nin: [...NOTIFIED, ...CLOSED] };
/** How few applications still on their way a count checks against their records (advanceTail). */
const TAIL = 50;
const STANDING_FIELDS = { stage: 1, sla: 1, returnCount: 1, batchId: 1, fence: 1 } as const;

const stepKey = (seq: number): string => String(seq).padStart(4, '0');

type FieldsDoc = Omit<RecordDoc, '_id' | 'trail' | 'trailLength' | 'fence'>;

function fieldsToDoc(fields: RecordFields): FieldsDoc {
  const { dueAt, acceptedAt, notifiedAt, updatedAt, ...rest } = fields;
  // Absent, not null: the driver would store an undefined field as null.
  const present = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return {
    ...(present as Omit<RecordFields, 'dueAt' | 'acceptedAt' | 'notifiedAt' | 'updatedAt'>),
    ...(dueAt ? { dueAt: new Date(dueAt) } : {}),
    ...(acceptedAt ? { acceptedAt: new Date(acceptedAt) } : {}),
    ...(notifiedAt ? { notifiedAt: new Date(notifiedAt) } : {}),
    updatedAt: new Date(updatedAt),
  };
}

export function createRecordStore(db: Db): RecordStore {
  const records = db.collection<RecordDoc>('application_records');
  const standings = createBatchStandings(db);
  const standingOf = (
    r: Pick<RecordDoc, '_id' | 'batchId' | 'stage' | 'sla' | 'returnCount'>,
    fence: number,
  ) =>
    ({
      _id: r._id,
      batchId: r.batchId!,
      stage: r.stage,
      ...(r.sla ? { sla: r.sla } : {}),
      returnCount: r.returnCount,
      fence,
    }) satisfies StandingDoc;

  async function writeRecord(w: RecordWrite): Promise<'written' | 'stale'> {
    const entries = w.entries.map((e): [string, TrailEntry] => [
      stepKey(e.seq),
      { ...e, at: new Date(e.at) },
    ]);
    const fields = fieldsToDoc(w.fields);
    if (w.entries[0]?.seq === 1) {
      try {
        await records.insertOne({
          _id: w.applicationId,
          ...fields,
          trail: Object.fromEntries(entries),
          trailLength: w.trailLength,
          fence: w.fence,
        });
        return 'written';
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    const unset = Object.fromEntries(
      (['awaiting', 'sla', 'dueAt', 'outcome', 'batchId', 'notifiedAt', 'workingDaysUsed'] as const)
        .filter((k) => w.fields[k] === undefined)
        .map((k) => [k, '']),
    );
    const set: Record<string, unknown> = { ...fields, trailLength: w.trailLength, fence: w.fence };
    for (const [key, entry] of entries) set[`trail.${key}`] = entry;
    const result = await records.updateOne(
      { _id: w.applicationId, fence: { $lte: w.fence } },
      (Object.keys(unset).length > 0
        ? { $set: set, $unset: unset }
        : { $set: set }) as UpdateFilter<RecordDoc>,
    );
    return result.matchedCount > 0 ? 'written' : 'stale';
  }

  /** Standings for a batch's records written before them (0.9.1 and earlier): once, before the batch's first count. */
  const backfillStandings = (batchId: string) =>
    standings.backfill(batchId, async function* () {
      const cursor = records.find({ batchId }, { projection: STANDING_FIELDS });
      for await (const record of cursor) yield standingOf(record, record.fence);
    });

  /** The batch's standings grouped by where they stand (by plain fields: FerretDB lacks expressions in $group). */
  const grouped = (batchId: string) =>
    standings.collection
      .aggregate<{ _id: { stage: Stage; sla?: string; returnCount: number }; n: number }>([
        { $match: { batchId } },
        { $group: { _id: { stage: '$stage', sla: '$sla', returnCount: '$returnCount' }, n: { $sum: 1 } } },
      ])
      .toArray();

  /**
   * The last applications of a batch still on their way, checked against their records: a standing left behind
   * its record for good (a 0.9.1 worker writing during a roll) would keep the batch from ever being done. Answers
   * how many it advanced.
   */
  async function advanceTail(batchId: string): Promise<number> {
    const open = await standings.collection
      .find({ batchId, stage: ON_ITS_WAY }, { projection: { fence: 1 } })
      .toArray();
    let advanced = 0;
    for (const standing of open) {
      const record = await records.findOne(byId(standing._id), { projection: STANDING_FIELDS });
      if (record && record.fence > standing.fence) {
        await standings.follow(standingOf(record, record.fence));
        advanced++;
      }
    }
    return advanced;
  }

  return {
    get: (applicationId: string) => records.findOne(byId(applicationId), { projection: { trail: 0 } }),

    /** Applies the workflow's write, unless a later one is already stored; a batch's standing follows it. */
    async write(w: RecordWrite): Promise<'written' | 'stale'> {
      const result = await writeRecord(w);
      const { batchId } = w.fields;
      if (result === 'written' && batchId)
        await standings.follow(standingOf({ _id: w.applicationId, ...w.fields, batchId }, w.fence));
      return result;
    },

    /** Release 0.1.0 workflows only: they name the revision they work on apart from their steps. */
    async noteRevision(applicationId: string, revision: number): Promise<void> {
      await records.updateOne(byId(applicationId), { $set: { revision } });
    },

    /** The audit trail of one application, in order: the steps on its workflow's path. */
    async trail(applicationId: string): Promise<TrailEntry[]> {
      const doc = await records.findOne(byId(applicationId), { projection: { trail: 1, trailLength: 1 } });
      if (!doc) return [];
      return Object.values(doc.trail)
        .filter((entry) => entry.seq <= doc.trailLength)
        .sort((a, b) => a.seq - b.seq);
    },

    /** The batch's applications counted by where they stand; `started` counts the ones with no record yet. */
    async countsForBatch(batchId: string, started: number): Promise<BatchCounts> {
      await backfillStandings(batchId);
      let groups = await grouped(batchId);
      const open = groups.filter(({ _id }) => !isDone(_id.stage)).reduce((sum, { n }) => sum + n, 0);
      if (open > 0 && open <= TAIL && (await advanceTail(batchId)) > 0) groups = await grouped(batchId);
      const counts = emptyCounts();
      for (const { _id, n } of groups) {
        counts.byStage[_id.stage] = (counts.byStage[_id.stage] ?? 0) + n;
        counts.total += n;
        counts.accepted += n;
        if (_id.returnCount > 0) counts.returned += n;
        if (_id.sla === 'breached' || _id.sla === 'met_late') counts.breached += n;
        if (NOTIFIED.includes(_id.stage)) counts.notified += n;
        if (isDone(_id.stage)) counts.done += n;
      }
      const waiting = Math.max(0, started - counts.total);
      if (waiting > 0) {
        counts.byStage.submitted = waiting;
        counts.total += waiting;
      }
      return counts;
    },

    /** The batch's applications not yet notified and not closed: how many, and the first few. */
    async laggardsOf(batchId: string, limit: number): Promise<{ total: number; sample: string[] }> {
      await backfillStandings(batchId);
      const filter = { batchId, stage: ON_ITS_WAY };
      const [total, sample] = await Promise.all([
        standings.collection.countDocuments(filter),
        standings.collection
          .find(filter, { projection: { _id: 1 } })
          .limit(limit)
          .toArray(),
      ]);
      return { total, sample: sample.map((d) => d._id) };
    },

    /** Applications accepted in [from, to), lightly, for the compliance report (domain/compliance.ts). */
    async acceptedBetween(
      from: Date,
      to: Date,
      filter: { unitId?: string; mode?: IssuanceMode },
    ): Promise<ComplianceRecord[]> {
      const docs = await records
        .find(
          { acceptedAt: { $gte: from, $lt: to }, ...filter },
          {
            projection: {
              unitId: 1,
              mode: 1,
              acceptedAt: 1,
              notifiedAt: 1,
              dueAt: 1,
              workingDaysUsed: 1,
              sla: 1,
              outcome: 1,
            },
          },
        )
        .sort({ acceptedAt: 1, _id: 1 })
        .toArray();
      return docs.map(({ _id, acceptedAt, ...rest }) => ({
        applicationId: _id,
        acceptedAt: acceptedAt!,
        ...rest,
      }));
    },

    /** The applications of a batch whose card waits for collection. */
    awaitingCollectionIn: async (batchId: string): Promise<string[]> =>
      (
        await records.find({ batchId, stage: 'awaiting_collection' }, { projection: { _id: 1 } }).toArray()
      ).map((r) => r._id),

    /** A batch's records, lightly: for its report. */
    forBatch: (batchId: string) =>
      records
        .find(
          { batchId },
          { projection: { stage: 1, outcome: 1, sla: 1, returnCount: 1, notifiedAt: 1, workingDaysUsed: 1 } },
        )
        .toArray(),

    /** Where each application stands and when it last moved, by primary key (FerretDB runs `$in` on _id as a scan). */
    listedOf: (applicationIds: string[]) =>
      Promise.all(
        applicationIds.map(
          async (id) =>
            (await records.findOne(byId(id), { projection: { stage: 1, updatedAt: 1 } })) ?? undefined,
        ),
      ),
  };
}
