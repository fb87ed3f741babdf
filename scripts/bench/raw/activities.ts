// The baseline's activities: nothing, and an instant manufacturer that reports back by signal. Given a database,
// keepRecord writes an application record as sscard's record keeping does (store/records.ts), one command each:
// the first write inserts the record with its first trail step, each later one updates it by _id and fence with
// its fields and its next step. That is the record floor: raw Temporal plus sscard's own record writes.
import { Context } from '@temporalio/activity';
import type { Db } from 'mongodb';

interface RawRecord {
  _id: string;
  fence: number;
  [field: string]: unknown;
}

export function createRawActivities(db?: Db) {
  const records = db?.collection<RawRecord>('raw_records');
  return {
    async nothing(): Promise<void> {},
    /** The `step`th record write of the workflow, which is also its fence. */
    async keepRecord(step: number): Promise<void> {
      if (!records) return;
      const _id = Context.current().info.workflowExecution!.workflowId;
      const at = new Date();
      const fields = {
        unitId: '91330106MA2B0001',
        mode: 'sporadic',
        revision: 1,
        stage: `step-${step}`,
        returnCount: 0,
        expedited: false,
        sla: 'on_track',
        dueAt: at,
        updatedAt: at,
        trailLength: step,
        fence: step,
      };
      const entry = { seq: step, to: `step-${step}`, actor: { role: 'system', id: 'bench' }, at };
      const key = String(step).padStart(4, '0');
      if (step === 1) {
        await records.insertOne({ _id, workflowId: _id, ...fields, trail: { [key]: entry } });
      } else {
        await records.updateOne(
          { _id, fence: { $lte: step } },
          { $set: { ...fields, [`trail.${key}`]: entry } },
        );
      }
    },
    async placeOrder(): Promise<void> {
      const { client, info } = Context.current();
      await client.workflow.getHandle(info.workflowExecution!.workflowId).signal('printReport');
    },
  };
}
export type RawActivities = ReturnType<typeof createRawActivities>;
