// The batch commands, in the order --help lists them: submit a unit's file of applicants, follow a batch stage by
// stage until every applicant is notified, list batches, print the batch report, register a collection. Each
// lives in batch/ by its role.
import type { Command } from '../command';
import { collectCommand } from './batch/collect';
import { listCommand } from './batch/list';
import { progressCommands } from './batch/progress';
import { reportCommand } from './batch/report';
import { submitCommand } from './batch/submit';

export const batchCommands: Command[] = [
  submitCommand,
  ...progressCommands,
  listCommand,
  reportCommand,
  collectCommand,
];
