// The schedules a worker's task queue runs on: the card feeds to the national parties, every minute, and the
// coming-of-age hand-over and the renewal campaign, daily. Created when a worker starts (each deployment brings the
// schedules its code needs); one that exists is left as it is.
import {
  type Client,
  ScheduleAlreadyRunning,
  ScheduleOverlapPolicy,
  type ScheduleSpec,
} from '@temporalio/client';
import type { Duration } from '@temporalio/common';

export const ecardSyncScheduleId = (taskQueue: string): string => `${taskQueue}-ecard-sync`;
export const nationalSyncScheduleId = (taskQueue: string): string => `${taskQueue}-national-sync`;
export const comingOfAgeScheduleId = (taskQueue: string): string => `${taskQueue}-coming-of-age`;
export const renewalCampaignScheduleId = (taskQueue: string): string => `${taskQueue}-renewal-campaign`;

const EVERY_MINUTE: ScheduleSpec = { intervals: [{ every: '1 minute' }] };

interface Scheduled {
  id: (taskQueue: string) => string;
  workflowType: string;
  purpose: string;
  spec: ScheduleSpec;
  /** How late a start missed while the server was down is still made. */
  catchupWindow: Duration;
}

const SCHEDULES: Scheduled[] = [
  {
    id: ecardSyncScheduleId,
    workflowType: 'ecardSync',
    purpose: 'tells the national e-card platform what changed in the card registry',
    spec: EVERY_MINUTE,
    catchupWindow: '1 minute',
  },
  {
    id: nationalSyncScheduleId,
    workflowType: 'nationalRegistrySync',
    purpose: 'tells the national card registry of the cards this province issued and ended',
    spec: EVERY_MINUTE,
    catchupWindow: '1 minute',
  },
  {
    id: comingOfAgeScheduleId,
    workflowType: 'comingOfAge',
    purpose: 'hands their card over to holders a guardian applied for, once they come of age',
    // Early on the day in Shanghai, before the halls open; a run for a day the server was down is caught up.
    spec: { calendars: [{ hour: 0, minute: 30 }], timezone: 'Asia/Shanghai' },
    catchupWindow: '2 days',
  },
  {
    id: renewalCampaignScheduleId,
    workflowType: 'renewalCampaign',
    purpose: "tells holders by SMS once their card's renewal window opened",
    // After the hand-over (a holder who came of age is told on their own phone), before the halls open.
    spec: { calendars: [{ hour: 1, minute: 0 }], timezone: 'Asia/Shanghai' },
    catchupWindow: '2 days',
  },
];

/** Creates the missing schedules; returns the IDs it created. */
export async function ensureSchedules(temporal: Client, taskQueue: string): Promise<string[]> {
  const created: string[] = [];
  for (const { id, workflowType, purpose, spec, catchupWindow } of SCHEDULES) {
    const scheduleId = id(taskQueue);
    try {
      await temporal.schedule.create({
        scheduleId,
        spec,
        action: { type: 'startWorkflow', workflowType, workflowId: scheduleId, taskQueue, args: [] },
        // A run still telling a backlog is not joined by a second one: the next start waits for the next minute.
        policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow },
        memo: { purpose },
      });
      created.push(scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
  return created;
}
