// A card's life after issuance through the client library: loss reports, their lift, and where the card stands.
// Each request reaches the card's process (workflows/card-life), started from the registry's record when none runs.
import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../domain/actors';
import {
  type CardInUse,
  type CardLifeInput,
  type CardLifeStatus,
  cardLifeWorkflowId,
} from '../domain/card-life';
import { SscardError } from '../domain/errors';
import { liftBodySchema, lossReportBodySchema } from '../domain/messages';
import type { CardDoc } from '../store/cards';
import { liftLossUpdate, reportLossUpdate } from '../workflows/card-life/messages';
import { authorize, type ClientDeps } from './applications';
import { fromTemporal, parseOrThrow } from './errors';
import { sendUpdate } from './updates';

const IN_USE: readonly string[] = ['issued', 'suspended', 'lost'] satisfies CardInUse[];

/** The card's process as the registry knows it, to start a run from. */
function inputOf(card: CardDoc): CardLifeInput {
  return {
    cardId: card._id,
    status: card.status as CardInUse,
    ...(card.loss
      ? {
          loss: {
            kind: card.loss.kind,
            reportedAt: card.loss.reportedAt.toISOString(),
            ...(card.loss.lapsesAt ? { lapsesAt: card.loss.lapsesAt.toISOString() } : {}),
          },
        }
      : {}),
  };
}

export function createCardLifeClient({ temporal, stores, taskQueue }: ClientDeps) {
  async function inUse(cardId: string): Promise<CardDoc> {
    const card = await stores.cards.get(cardId);
    if (!card) throw new SscardError('CARD_NOT_FOUND');
    if (!IN_USE.includes(card.status)) throw new SscardError('CARD_NOT_IN_USE', `the card is ${card.status}`);
    return card;
  }

  /**
   * Sends a request to the card's process: the run in progress, or a new one started from the registry. A run
   * that ended between the start and the request (nothing was pending on it) is started again.
   */
  async function request<Arg>(
    cardId: string,
    update: typeof reportLossUpdate | typeof liftLossUpdate,
    arg: Arg,
  ): Promise<CardLifeStatus> {
    for (let attempt = 1; ; attempt++) {
      const card = await inUse(cardId);
      try {
        const handle = await temporal.workflow.start('cardLife', {
          workflowId: cardLifeWorkflowId(cardId),
          taskQueue,
          args: [inputOf(card)],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
        return await sendUpdate(handle, update as typeof reportLossUpdate, arg as never);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError && attempt < 3) continue;
        return fromTemporal(error);
      }
    }
  }

  return {
    /** A temporary loss report (phone, online, counter), a formal one at a counter, or a temporary one made formal. */
    async reportLoss(cardId: string, body: unknown, actor: Actor): Promise<CardLifeStatus> {
      authorize(actor, 'report_card_loss');
      const parsed = parseOrThrow(lossReportBodySchema, body);
      return request(cardId, reportLossUpdate, { ...parsed, actor });
    },

    /** The card turned up: the loss report in force is lifted, the card and its financial function are back. */
    async liftLoss(cardId: string, body: unknown, actor: Actor): Promise<CardLifeStatus> {
      authorize(actor, 'lift_card_loss');
      const parsed = parseOrThrow(liftBodySchema, body ?? {});
      return request(cardId, liftLossUpdate, { ...parsed, actor });
    },
  };
}
