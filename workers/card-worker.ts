// Builds the worker that runs card applications (and batches) with their activities.
import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { dataConverterFor } from '../crypto/data-converter';
import type { Keyring } from '../crypto/keyring';
import { createActivities, type ActivityDeps } from '../activities';

export interface CardWorkerOptions extends ActivityDeps {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  keyring: Keyring;
  /** A prebuilt bundle (tests build one per run); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  tuning?: Pick<
    WorkerOptions,
    | 'maxConcurrentActivityTaskExecutions'
    | 'maxConcurrentWorkflowTaskExecutions'
    | 'maxCachedWorkflows'
    | 'maxConcurrentLocalActivityExecutions'
    | 'shutdownGraceTime'
  >;
}

export async function createCardWorker(options: CardWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    taskQueue: options.taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities(options),
    dataConverter: dataConverterFor(options.keyring, 'worker'),
    ...options.tuning,
  });
}
