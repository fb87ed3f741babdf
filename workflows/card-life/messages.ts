// The query of a card's life process, defined once for the workflow and every caller. Its updates are the actions
// on a card (domain/actions/cards.ts), registered by name from the workflow's table of requests.
import { defineQuery } from '@temporalio/workflow';
import type { CardLifeStatus } from '../../domain/card-life';

export const cardLifeQuery = defineQuery<CardLifeStatus>('cardLife');
