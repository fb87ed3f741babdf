// The baseline's worker process: the raw workflow and its activities, with the SDK's defaults (no codec). With
// BENCH_RAW_MONGO_URI its record writes go to that database (the record floor, see activities.ts), counted as
// sscard's are (SSCARD_MONGO_COUNT_FILE, store/mongo.ts).
import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { connectMongo } from '../../../store/mongo';
import { createRawActivities } from './activities';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const mongo = process.env.BENCH_RAW_MONGO_URI
    ? await connectMongo(process.env.BENCH_RAW_MONGO_URI, 'raw_bench')
    : undefined;
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.BENCH_TASK_QUEUE ?? 'bench-raw',
    workflowsPath: require.resolve('./workflows'),
    activities: createRawActivities(mongo?.db),
    maxCachedWorkflows: Number(process.env.SSCARD_WORKER_CACHED_WORKFLOWS ?? 1000),
  });
  console.log('raw worker ready');
  await worker.run();
  await connection.close();
  await mongo?.client.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
