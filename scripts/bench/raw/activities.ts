// The baseline's activities: nothing, and an instant manufacturer that reports back by signal. Given a database,
// each call also writes twice, as sscard's steps do at the least (an entry inserted, the record updated by _id):
// ten calls, twenty commands, the budget of the issue, so that run shows what the record keeping alone costs.
import { Context } from '@temporalio/activity';
import type { Db } from 'mongodb';

export function createRawActivities(db?: Db) {
  async function write(): Promise<void> {
    if (!db) return;
    const { workflowExecution, activityType, activityId, isLocal } = Context.current().info;
    const workflowId = workflowExecution!.workflowId;
    const at = new Date();
    await db.collection('raw_entries').insertOne({
      workflowId,
      step: `${isLocal ? 'local' : 'remote'}:${activityId}`,
      activityType,
      actor: { role: 'system', id: 'bench' },
      at,
    });
    await db.collection<{ _id: string }>('raw_records').updateOne(
      { _id: workflowId },
      {
        $set: {
          unitId: '91330106MA2B0001',
          mode: 'sporadic',
          stage: activityType,
          revision: 1,
          returnCount: 0,
          expedited: false,
          sla: 'on_track',
          dueAt: at,
          updatedAt: at,
        },
      },
      { upsert: true },
    );
  }
  return {
    async nothing(): Promise<void> {
      await write();
    },
    async placeOrder(): Promise<void> {
      await write();
      const { client, info } = Context.current();
      await client.workflow.getHandle(info.workflowExecution!.workflowId).signal('printReport');
    },
  };
}
export type RawActivities = ReturnType<typeof createRawActivities>;
