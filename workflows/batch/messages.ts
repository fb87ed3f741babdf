// Messages of the batch workflow.
import { defineQuery } from '@temporalio/workflow';
import type { BatchProgress } from '../../domain/batch-progress';

export const batchProgressQuery = defineQuery<BatchProgress>('batchProgress');
