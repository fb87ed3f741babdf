// Builds the workers that run card applications (and batches) with their activities: one on the workflows' task
// queue, and one per partner on that partner's task queue (domain/partner-queues.ts), which keeps the partner's
// quota across all worker processes: the Temporal server hands out that queue's activities no faster than the
// rate each poller asks for.
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFor } from '../crypto/data-converter';
import type { Keyring } from '../crypto/keyring';
import { createActivities, type ActivityDeps } from '../activities';
import {
  PARTNER_OF_ACTIVITY,
  PARTNER_QUEUES,
  type PartnerQueue,
  partnerTaskQueue,
} from '../domain/partner-queues';

/** Calls per second each partner takes from all of sscard together, unless configured (SSCARD_PARTNER_RATES). */
export const DEFAULT_PARTNER_RATES: Readonly<Record<PartnerQueue, number>> = {
  bank: 50,
  manufacturer: 20,
  // The counters' printers together: each makes a card in seconds, so a province's halls ask a few a second.
  printer: 10,
  courier: 20,
  notifier: 100,
  payment: 20,
};

export interface CardWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  keyring: Keyring;
  /** Where people open the links of their SMS (SSCARD_PUBLIC_URL); the API's own address where not given. */
  publicUrl?: string;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  partnerRates?: Partial<Record<PartnerQueue, number>>;
  /** Worker plugins, such as tracing's (observability/tracing.ts). */
  plugins?: WorkerOptions['plugins'];
  tuning?: Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxCachedWorkflows'
    | 'maxConcurrentLocalActivityExecutions'
    | 'shutdownGraceTime'
  >;
}

/** The workers of one process, run and stopped together. */
export interface CardWorkers {
  run(): Promise<void>;
  shutdown(): void;
}

export async function createCardWorker(options: CardWorkerOptions): Promise<CardWorkers> {
  const activities = createActivities({
    ...options,
    links: {
      secret: options.keyring.personKeySecret,
      publicUrl: options.publicUrl ?? 'http://127.0.0.1:8080',
    },
  });
  const missing = Object.keys(PARTNER_OF_ACTIVITY).filter((name) => !(name in activities));
  if (missing.length > 0)
    throw new Error(`partner-queues.ts names activities that do not exist: ${missing.join(', ')}`);
  const common = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    dataConverter: dataConverterFor(options.keyring, 'worker'),
    ...(options.plugins ? { plugins: options.plugins } : {}),
    ...(options.tuning?.shutdownGraceTime ? { shutdownGraceTime: options.tuning.shutdownGraceTime } : {}),
  };
  const main = await Worker.create({
    ...common,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    // All activities: workflows from before the partner queues still call partners here.
    activities,
    ...options.tuning,
  });
  const partnerWorkers = await Promise.all(
    PARTNER_QUEUES.map((partner) =>
      Worker.create({
        ...common,
        taskQueue: partnerTaskQueue(options.taskQueue, partner),
        activities: Object.fromEntries(
          Object.entries(activities).filter(([name]) => PARTNER_OF_ACTIVITY[name] === partner),
        ),
        maxTaskQueueActivitiesPerSecond: options.partnerRates?.[partner] ?? DEFAULT_PARTNER_RATES[partner],
      }),
    ),
  );
  const workers = [main, ...partnerWorkers];
  return {
    run: async () => {
      // One stops, all stop: a process that no longer serves one of its queues should not look healthy.
      const runs = workers.map((worker) => worker.run());
      try {
        await Promise.race(runs);
      } finally {
        for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
        await Promise.allSettled(runs);
      }
      await Promise.all(runs);
    },
    shutdown: () => {
      for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
    },
  };
}
