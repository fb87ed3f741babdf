// The schedules a worker's task queue runs on: the e-card sync every minute. Created when a worker starts (each
// deployment brings the schedules its code needs); one that exists is left as it is.
import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const ecardSyncScheduleId = (taskQueue: string): string => `${taskQueue}-ecard-sync`;

/** Creates the missing schedules; returns the IDs it created. */
export async function ensureSchedules(temporal: Client, taskQueue: string): Promise<string[]> {
  const scheduleId = ecardSyncScheduleId(taskQueue);
  try {
    await temporal.schedule.create({
      scheduleId,
      spec: { intervals: [{ every: '1 minute' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'ecardSync',
        workflowId: scheduleId,
        taskQueue,
        args: [],
      },
      // A run still telling a backlog is not joined by a second one: the next start waits for the next minute.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
      memo: { purpose: 'tells the national e-card platform what changed in the card registry' },
    });
    return [scheduleId];
  } catch (error) {
    if (error instanceof ScheduleAlreadyRunning) return [];
    throw error;
  }
}
