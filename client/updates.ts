// Sending an Update to a workflow that may be busy for a moment.
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';

/**
 * Sends an update, again while the workflow answers APPLICATION_BUSY: an application refuses updates while one of
 * its local activities runs (workflows/card-application/handlers.ts says why), a card's process while it works
 * another request; either lasts moments. With `updateId`, a request sent again gets the outcome of the first one
 * Temporal took, instead of being taken twice or refused as done (Temporal keeps an update's outcome by its ID).
 */
export async function sendUpdate<Ret, Arg>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
  updateId?: string,
): Promise<Ret> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.executeUpdate(update, { args: [arg], ...(updateId ? { updateId } : {}) });
    } catch (error) {
      const busy =
        error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === 'APPLICATION_BUSY';
      if (!busy || attempt >= 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(25 * attempt, 250)));
    }
  }
}
