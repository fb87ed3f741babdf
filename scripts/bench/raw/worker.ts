// The baseline's worker process: the raw workflow and its empty activities, with the SDK's defaults (no codec).
// With BENCH_RAW_MONGO_URI its activities write to that database (see activities.ts).
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { MongoClient } from 'mongodb';
import { createRawActivities } from './activities';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const mongo = process.env.BENCH_RAW_MONGO_URI
    ? await MongoClient.connect(process.env.BENCH_RAW_MONGO_URI)
    : undefined;
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BENCH_TASK_QUEUE ?? 'bench-raw',
    workflowsPath: require.resolve('./workflows'),
    activities: createRawActivities(mongo?.db('raw_bench')),
    maxCachedWorkflows: Number(process.env.SSCARD_WORKER_CACHED_WORKFLOWS ?? 1000),
  });
  console.log('raw worker ready');
  await worker.run();
  await connection.close();
  await mongo?.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
