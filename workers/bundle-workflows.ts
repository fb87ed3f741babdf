// Bundles the workflow code into the file named on the command line (written whole, then renamed into place, so
// a worker starting meanwhile never reads half a bundle). Run by workflow-bundle.ts in a process of its own.
import { bundleWorkflowCode } from '@temporalio/worker';
import fs from 'node:fs';

async function main(): Promise<void> {
  const target = process.argv[2];
  if (!target) throw new Error('usage: bundle-workflows.ts <file.js>');
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    logger: {
      log: () => undefined,
      trace: () => undefined,
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: (message) => console.error(message),
    },
  });
  const partial = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(partial, code);
  fs.renameSync(partial, target);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
