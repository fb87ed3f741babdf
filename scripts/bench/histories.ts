// What the histories of a benchmark's workflows say: events up to the notification, by type, and how long the
// workflow tasks took (waiting for a worker, and running on it, local activities included).
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
const EventType = proto.api.enums.v1.EventType;

export interface HistoryFigures {
  /** Median events from the start to the workflow task that follows the notification (the 4th activity). */
  eventsToNotification: number;
  /** Mean count per workflow of each event type, to the notification. */
  byType: Record<string, number>;
  /** Workflow task run times (started to completed), milliseconds. */
  taskRunMs: number[];
  /** Workflow task waits (scheduled to started), milliseconds. */
  taskWaitMs: number[];
}

const ms = (e: HistoryEvent): number =>
  Number(e.eventTime?.seconds ?? 0) * 1000 + (e.eventTime?.nanos ?? 0) / 1e6;

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The events up to the notification: through the workflow task completed after the 4th completed activity. */
function toNotification(events: HistoryEvent[]): HistoryEvent[] {
  let activities = 0;
  for (let i = 0; i < events.length; i++) {
    if (events[i]!.activityTaskCompletedEventAttributes) activities += 1;
    if (activities < 4) continue;
    for (let j = i + 1; j < events.length; j++) {
      if (events[j]!.workflowTaskCompletedEventAttributes) return events.slice(0, j + 1);
    }
  }
  return events;
}

export async function analyseHistories(
  temporal: Client,
  workflows: { workflowId: string; runId?: string }[],
) {
  const counts: number[] = [];
  const byType: Record<string, number> = {};
  const taskRunMs: number[] = [];
  const taskWaitMs: number[] = [];
  for (let i = 0; i < workflows.length; i += 25) {
    const histories = await Promise.all(
      workflows
        .slice(i, i + 25)
        .map((w) => temporal.workflow.getHandle(w.workflowId, w.runId).fetchHistory()),
    );
    for (const history of histories) {
      const events = toNotification(history.events ?? []);
      counts.push(events.length);
      for (const e of events) {
        const name = EventType[e.eventType ?? 0] ?? String(e.eventType);
        const short = name.replace(/^EVENT_TYPE_/, '').toLowerCase();
        byType[short] = (byType[short] ?? 0) + 1;
      }
      const scheduled = new Map<string, number>();
      const started = new Map<string, number>();
      for (const e of history.events ?? []) {
        const id = String(e.eventId);
        if (e.workflowTaskScheduledEventAttributes) scheduled.set(id, ms(e));
        const s = e.workflowTaskStartedEventAttributes;
        if (s) {
          started.set(id, ms(e));
          const at = scheduled.get(String(s.scheduledEventId));
          if (at !== undefined) taskWaitMs.push(ms(e) - at);
        }
        const c = e.workflowTaskCompletedEventAttributes;
        if (c) {
          const at = started.get(String(c.startedEventId));
          if (at !== undefined) taskRunMs.push(ms(e) - at);
        }
      }
    }
  }
  for (const key of Object.keys(byType)) byType[key] = byType[key]! / workflows.length;
  return {
    eventsToNotification: percentile(counts, 50),
    byType,
    taskRunMs,
    taskWaitMs,
  } satisfies HistoryFigures;
}
