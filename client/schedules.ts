// The schedules a worker's task queue runs on: the card feeds to the national parties, every minute. Created when a
// worker starts (each deployment brings the schedules its code needs); one that exists is left as it is.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const ecardSyncScheduleId = (taskQueue: string): string => `${taskQueue}-ecard-sync`;
export const nationalSyncScheduleId = (taskQueue: string): string => `${taskQueue}-national-sync`;

const SCHEDULES = [
  {
    id: ecardSyncScheduleId,
    workflowType: 'ecardSync',
    purpose: 'tells the national e-card platform what changed in the card registry',
  },
  {
    id: nationalSyncScheduleId,
    workflowType: 'nationalRegistrySync',
    purpose: 'tells the national card registry of the cards this province issued and ended',
  },
];

/** Creates the missing schedules; returns the IDs it created. */
export async function ensureSchedules(temporal: Client, taskQueue: string): Promise<string[]> {
  const created: string[] = [];
  for (const { id, workflowType, purpose } of SCHEDULES) {
    const scheduleId = id(taskQueue);
    try {
      await temporal.schedule.create({
        scheduleId,
        spec: { intervals: [{ every: '1 minute' }] },
        action: { type: 'startWorkflow', workflowType, workflowId: scheduleId, taskQueue, args: [] },
        // A run still telling a backlog is not joined by a second one: the next start waits for the next minute.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
        memo: { purpose },
      });
      created.push(scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
  return created;
}
