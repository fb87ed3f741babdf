// The baseline's worker process: the raw workflow and its empty activities, with the SDK's defaults (no codec).
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { rawActivities } from './activities';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BENCH_TASK_QUEUE ?? 'bench-raw',
    workflowsPath: require.resolve('./workflows'),
    activities: rawActivities,
    maxCachedWorkflows: Number(process.env.SSCARD_WORKER_CACHED_WORKFLOWS ?? 1000),
  });
  console.log('raw worker ready');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
