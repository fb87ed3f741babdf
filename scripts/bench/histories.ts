// What the histories of a benchmark's workflows say: events up to the notification, by type, the shape of the
// path there (activities, local activities by type, signals), and how long the workflow tasks took (waiting for
// a worker, and running on it, local activities included).
import type { Client } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';

type HistoryEvent = proto.api.history.v1.IHistoryEvent;
const EventType = proto.api.enums.v1.EventType;

export interface HistoryFigures {
  /** Median events from the start to the workflow task that follows the notification (the 4th activity). */
  eventsToNotification: number;
  /** Median size of the events to the notification, encoded as Temporal stores them, in bytes. */
  bytesToNotification: number;
  /** Mean count per workflow of each event type, to the notification. */
  byType: Record<string, number>;
  /**
   * Median count per workflow, to the notification and what the workflow does next of itself (its record write):
   * `activities`, `local activities`, `local <activity type>` for each type, `signals`.
   */
  shape: Record<string, number>;
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

/**
 * What the workflow does before it waits for anything outside: the commands of its workflow tasks and the tasks
 * themselves (the notification's record write may come in a task after the notification's own, while a local
 * activity holds the workflow busy).
 */
const OWN = new Set([
  EventType.EVENT_TYPE_MARKER_RECORDED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_TIMER_CANCELED,
  EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
]);

/** Counts to the notification and on until the workflow next waits for something outside it. */
function shapeOf(events: HistoryEvent[], upTo: number): Record<string, number> {
  let end = upTo;
  while (end < events.length && OWN.has(events[end]!.eventType ?? 0)) end += 1;
  const shape: Record<string, number> = { activities: 0, 'local activities': 0, signals: 0 };
  for (const e of events.slice(0, end)) {
    if (e.activityTaskScheduledEventAttributes) shape.activities! += 1;
    if (e.workflowExecutionSignaledEventAttributes) shape.signals! += 1;
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_local_activity') continue;
    shape['local activities']! += 1;
    // The marker's data is core's own JSON (activity_type among its fields), never through the payload codec.
    const data = marker.details?.data?.payloads?.[0]?.data;
    const type = data
      ? (JSON.parse(Buffer.from(data).toString()) as { activity_type?: string }).activity_type
      : '';
    shape[`local ${type ?? '?'}`] = (shape[`local ${type ?? '?'}`] ?? 0) + 1;
  }
  return shape;
}

export async function analyseHistories(
  temporal: Client,
  workflows: { workflowId: string; runId?: string }[],
) {
  const counts: number[] = [];
  const shapes: Record<string, number>[] = [];
  const bytes: number[] = [];
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
      bytes.push(
        events.reduce((sum, e) => sum + proto.api.history.v1.HistoryEvent.encode(e).finish().length, 0),
      );
      shapes.push(shapeOf(history.events ?? [], events.length));
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
  const shapeKeys = [...new Set(shapes.flatMap((shape) => Object.keys(shape)))];
  return {
    eventsToNotification: percentile(counts, 50),
    bytesToNotification: percentile(bytes, 50),
    byType,
    shape: Object.fromEntries(
      shapeKeys.map((key) => [
        key,
        percentile(
          shapes.map((shape) => shape[key] ?? 0),
          50,
        ),
      ]),
    ),
    taskRunMs,
    taskWaitMs,
  } satisfies HistoryFigures;
}
