// The worker process: connects to Temporal and MongoDB, wires the activities to their dependencies (here the
// local partner simulators; production adapters implement the same ports), runs until SIGINT/SIGTERM.
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createLog, runtimeLogger } from '../observability/logger';
import { ConfigError, loadConfig } from '../config';
import { createSscardClient, connectTemporal } from '../client';
import { createSimulators } from '../integrations/simulators';
import { connectMongo } from '../store/mongo';
import { prepareDatabase } from '../store';
import { createCardWorker } from './card-worker';
import { reportThroughClient } from '../client/partner-sink';

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
  const { client: mongo, db } = await connectMongo(config.MONGODB_URI, config.SSCARD_DB);
  const stores = await prepareDatabase(db);
  const sims = createSimulators(mongo.db(config.SSCARD_PARTNERS_DB), {
    behaviour: { latencyMs: [0, config.SSCARD_SIM_LATENCY_MS], failureRate: config.SSCARD_SIM_FAILURE_RATE },
    manufacturer: {
      printMs: config.SSCARD_SIM_PRINT_MS,
      printFailureRate: config.SSCARD_SIM_PRINT_FAILURE_RATE,
    },
  });
  const temporal = await connectTemporal({
    target: config.temporal,
    keyring: config.keyring,
  });
  const client = createSscardClient({
    temporal,
    stores,
    keyring: config.keyring,
    taskQueue: config.SSCARD_TASK_QUEUE,
  });
  // The simulated manufacturer reports back the way the real one would: as the partner, through the client.
  sims.manufacturer.attach(reportThroughClient(client));
  await sims.manufacturer.resume();

  const connection = await NativeConnection.connect(config.temporal.connectionOptions);
  const worker = await createCardWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.SSCARD_TASK_QUEUE,
    keyring: config.keyring,
    stores,
    partners: sims,
    tuning: {
      maxCachedWorkflows: config.SSCARD_WORKER_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTaskExecutions: config.SSCARD_WORKER_WORKFLOW_TASKS,
      // On SIGINT/SIGTERM the worker stops polling and lets running activities finish (a partner call, a page of
      // a batch) for this long before it cancels them; they are retried elsewhere in any case.
      shutdownGraceTime: '30 seconds',
    },
  });
  log({ level: 'info', msg: `sscard worker ready on task queue ${config.SSCARD_TASK_QUEUE}` });
  await worker.run();
  sims.manufacturer.stop();
  await connection.close();
  await mongo.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
