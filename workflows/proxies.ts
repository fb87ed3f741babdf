// The activity proxies of every workflow, one per timeout and retry profile, named for the kind of call: the
// database (a local step, or an ordinary activity), the partners (on their own task queues), and long work that
// heartbeats. Business outcomes come back as values; a thrown ApplicationFailure with one of these codes is a fact
// no retry can change (activities/failures.ts throws them non-retryable already; listed here as well).
import {
  ActivityCancellationType,
  type ActivityOptions,
  patched,
  proxyActivities,
  proxyLocalActivities,
  type RetryPolicy,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { PARTNER_OF_ACTIVITY, partnerTaskQueue } from '../domain/partner-queues';
import { PATCHES } from './patches';

const NON_RETRYABLE = ['APPLICATION_NOT_FOUND', 'VALIDATION_FAILED', 'CARD_NOT_FOUND'];

// Module state is the workflow's own: each workflow runs in a context of its own.
let localRunning = 0;

/** How many local activities this workflow has running; updates are refused meanwhile (handlers.ts says why). */
export const localActivitiesRunning = (): number => localRunning;

function counted<T extends object>(proxy: T): T {
  return new Proxy(proxy, {
    get(target, name) {
      const call = Reflect.get(target, name) as (...args: unknown[]) => Promise<unknown>;
      return async (...args: unknown[]) => {
        localRunning += 1;
        try {
          return await call(...args);
        } finally {
          localRunning -= 1;
        }
      };
    },
  });
}

/**
 * Fast writes to the card management database and calendar arithmetic, as local activities. An attempt stays well
 * inside a workflow task, and a failed one is retried by timer in a later task (the first backoff is above the
 * local retry threshold): a local activity that outlived its task would make the worker extend the task with a
 * heartbeat, and replay gives the steps of such a task the later task's time, so the record and the replayed
 * workflow would disagree on when a step happened.
 */
export const records = counted(
  proxyLocalActivities<Activities>({
    startToCloseTimeout: '3 seconds',
    localRetryThreshold: '1 second',
    retry: {
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '30 seconds',
      nonRetryableErrorTypes: NON_RETRYABLE,
    },
  }),
);

/** The database as an ordinary activity: retried quickly, for as long as it takes the database to answer. */
const DATABASE_RETRY: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '30 seconds',
  nonRetryableErrorTypes: NON_RETRYABLE,
};

/** Database calls as ordinary activities: a card's registry writes, a batch's counts over thousands of records. */
export const database = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: DATABASE_RETRY,
});

/**
 * The calendar's arithmetic as an ordinary activity, for a deadline an update waits for: the update then answers in
 * the workflow task that the result starts, never after a local activity of its task (handlers.ts says why). A
 * lost attempt is tried again within the API's time to answer.
 */
export const calendar = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: DATABASE_RETRY,
});

const PARTNER_CALLS: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
};

const onWorkflowQueue = proxyActivities<Activities>(PARTNER_CALLS);
// Set by a card application started on 0.9.0 or later, which asks no patch for its partner calls (workflow.ts).
let onPartnerQueues = false;

/** This workflow calls its partners on their queues without asking the patch (its input decided it). */
export function partnerQueuesDecided(): void {
  onPartnerQueues = true;
}
const onPartnerQueue = new Map<string, Activities>();

/**
 * Calls to outside parties (bank, manufacturer, notifier). Outages are retried with backoff for as long as it
 * takes; the deadline clock, not a retry limit, decides when people are told. Cancellation waits for the call
 * to settle, so a withdrawal never races a print order that is still being placed.
 *
 * Each call goes to its partner's task queue (domain/partner-queues.ts), where the workers keep the partner's
 * quota. Workflows that made partner calls before release 0.4 keep calling on their own task queue, which the
 * workers still serve. Since 0.5.0 the card application decides the patch at its start (its workflow.ts says why);
 * asking it again here changes nothing for those, and keeps histories that recorded it here replaying.
 */
export const partners = new Proxy(onWorkflowQueue, {
  get(target, name): unknown {
    const partner = typeof name === 'string' ? PARTNER_OF_ACTIVITY[name] : undefined;
    if (!partner || !(onPartnerQueues || patched(PATCHES.partnerTaskQueues.id)))
      return Reflect.get(target, name) as unknown;
    const taskQueue = partnerTaskQueue(workflowInfo().taskQueue, partner);
    let proxy = onPartnerQueue.get(taskQueue);
    if (!proxy) {
      proxy = proxyActivities<Activities>({ ...PARTNER_CALLS, taskQueue });
      onPartnerQueue.set(taskQueue, proxy);
    }
    return Reflect.get(proxy, name) as unknown;
  },
});

type Proxies = ReturnType<typeof proxyActivities<Activities>>;
const withinBudget = new Map<string, Proxies>();

/**
 * Partner calls the instant lane needs within seconds: retried quickly until `seconds` have passed since the first
 * attempt, then failed with a timeout, and the application hands over to the sporadic lane (steps/instant.ts). Only
 * instant applications (0.7.0 on) call these, so they need no patch.
 */
export function partnersWithin(seconds: number, activity: keyof typeof PARTNER_OF_ACTIVITY): Proxies {
  const taskQueue = partnerTaskQueue(workflowInfo().taskQueue, PARTNER_OF_ACTIVITY[activity]!);
  const key = `${taskQueue}/${seconds}`;
  let proxy = withinBudget.get(key);
  if (!proxy) {
    proxy = proxyActivities<Activities>({
      taskQueue,
      scheduleToCloseTimeout: `${seconds} seconds`,
      // An attempt lost with its worker is tried again within the lane's time, not at its end.
      startToCloseTimeout: `${Math.min(seconds, 20)} seconds`,
      retry: {
        initialInterval: '1 second',
        backoffCoefficient: 2,
        maximumInterval: '5 seconds',
        nonRetryableErrorTypes: NON_RETRYABLE,
      },
    });
    withinBudget.set(key, proxy);
  }
  return proxy;
}

/** Starting a batch page's applications: minutes of work, heartbeating, resumed where it stopped on retry. */
export const starter = proxyActivities<Activities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '1 minute',
  // A retry resumes where the last attempt stopped, so retrying soon costs little.
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 1.5,
    maximumInterval: '30 seconds',
    nonRetryableErrorTypes: NON_RETRYABLE,
  },
});

/**
 * A page of scheduled work (a card feed's page to a national party, a page of the coming-of-age hand-over): minutes
 * of work, heartbeating; a party's outage is waited out.
 */
export const feeds = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  // The next scheduled run waits meanwhile.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
