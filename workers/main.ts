// The worker process: connects to Temporal and MongoDB, wires the activities to their dependencies (the partners'
// HTTP adapters, or the simulators in process: SSCARD_PARTNERS), runs until SIGINT/SIGTERM.
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLog, runtimeLogger } from '../observability/logger';
import { loadConfig } from '../config';
import { runMain } from '../config/process';
import { openSscard } from '../client/connect';
import { createCardWorker } from './card-worker';
import { cachedWorkflowBundle } from './workflow-bundle';
import { ensureSchedules } from '../client/schedules';
import { callbacksThroughClient } from '../client/partner-sink';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLog('worker', config.SSCARD_LOG_LEVEL);
  Runtime.install({
    logger: runtimeLogger(log, config.SSCARD_LOG_LEVEL),
    ...(config.SSCARD_WORKER_METRICS === 'off'
      ? {}
      : {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: config.SSCARD_WORKER_METRICS, countersTotalSuffix: true } },
          },
        }),
  });
  const system = await openSscard(process.env, 'worker', config);
  const { partners, client, stores, temporal, tracing } = system;
  // Simulated partners in this process call back as the partner, through the client (the manufacturer's reports,
  // the bank's receipts of cards); over HTTP, the partners (or their simulator server) call the API's signed callbacks.
  const inProcess = partners.kind === 'simulated-in-process' ? partners.partners : undefined;
  inProcess?.attach(callbacksThroughClient(client));
  await inProcess?.manufacturer.resume();
  await inProcess?.courier.resume();
  await inProcess?.payment.resume();

  // Tracing adds its workflow interceptors to the bundle: a traced worker bundles for itself.
  const codePath = tracing ? undefined : await cachedWorkflowBundle((msg) => log({ level: 'info', msg }));
  const connection = await NativeConnection.connect(config.temporal.connectionOptions);
  const worker = await createCardWorker({
    ...(codePath ? { workflowBundle: { codePath } } : {}),
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.SSCARD_TASK_QUEUE,
    keyring: config.keyring,
    publicUrl: config.SSCARD_PUBLIC_URL,
    stores,
    partners: partners.partners,
    partnerRates: config.SSCARD_PARTNER_RATES,
    ...(tracing ? { plugins: [tracing.plugin] } : {}),
    tuning: {
      maxCachedWorkflows: config.SSCARD_WORKER_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: config.SSCARD_WORKER_WORKFLOW_TASKS,
      // On SIGINT/SIGTERM the worker stops polling and lets running activities finish (a partner call, a page of
      // a batch) for this long before it cancels them; they are retried elsewhere in any case.
      shutdownGraceTime: '30 seconds',
    },
  });
  for (const scheduleId of await ensureSchedules(temporal, config.SSCARD_TASK_QUEUE))
    log({ level: 'info', msg: `schedule ${scheduleId} created` });
  log({
    level: 'info',
    msg: `sscard worker ready on task queue ${config.SSCARD_TASK_QUEUE} (partners: ${partners.kind})`,
  });
  await worker.run();
  inProcess?.manufacturer.stop();
  inProcess?.courier.stop();
  inProcess?.payment.stop();
  await connection.close();
  await system.close();
}

runMain('worker', main);
