// The messages of a card's life process, defined once for the workflow and every caller.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CancelCardRequest,
  CardLifeStatus,
  LiftRequest,
  LossReportRequest,
} from '../../domain/card-life';

export const reportLossUpdate = defineUpdate<CardLifeStatus, [LossReportRequest]>('reportLoss');
export const liftLossUpdate = defineUpdate<CardLifeStatus, [LiftRequest]>('liftLoss');
export const cancelCardUpdate = defineUpdate<CardLifeStatus, [CancelCardRequest]>('cancelCard');
export const cardLifeQuery = defineQuery<CardLifeStatus>('cardLife');
