// Sending an Update to a workflow that may be busy for a moment.
import { type WorkflowHandle, WorkflowUpdateFailedError } from '@temporalio/client';
import type { z } from 'zod';
import type { ActionDescriptor } from '../domain/actions';
import type { Actor } from '../domain/actors';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';

/**
 * Takes an action people take (domain/actions) on its target `id`: the body is the one the edge that took it
 * checked against the action's schema, the target's workflow checks it again with who sent it.
 */
export type Act<Status> = <Body extends z.ZodObject>(
  action: ActionDescriptor<Body>,
  id: string,
  body: z.input<Body>,
  actor: Actor,
  options?: ActionOptions,
) => Promise<Status>;

/** How an action was asked for. */
export interface ActionOptions {
  /**
   * An opaque ID of the caller's request, the same when the request is sent again (the API derives it from the
   * caller and the Idempotency-Key): a retry whose first attempt the workflow took gets that attempt's answer.
   */
  requestId?: string;
}

/** The update's ID for a request that carries one: Temporal answers a request sent again with its first outcome. */
export const updateIdOf = (action: string, options: ActionOptions): string | undefined =>
  options.requestId ? `${action}:${options.requestId}` : undefined;

/**
 * How long an action waits for its workflow. A person is answered within 15 s (api/server.ts): an update no worker
 * takes in this time (one restarting) is given up as SERVICE_UNAVAILABLE, while Temporal keeps it for the worker
 * that comes back; sent again with the same update ID, it gets that outcome.
 */
export const UPDATE_DEADLINE_MS = 10_000;

/**
 * Sends an update, again while the workflow answers APPLICATION_BUSY (who retries what: docs/retries.md): an application refuses updates while one of
 * its local activities runs (workflows/card-application/handlers.ts says why), a card's process while it works
 * another request; either lasts moments. With `updateId`, a request sent again gets the outcome of the first one
 * Temporal took, instead of being taken twice or refused as done (Temporal keeps an update's outcome by its ID).
 */
export async function sendUpdate<Ret, Arg>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Ret, [Arg]> | string,
  arg: Arg,
  updateId?: string,
): Promise<Ret> {
  const deadline = Date.now() + UPDATE_DEADLINE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.client.withDeadline(deadline, () =>
        handle.executeUpdate<Ret, [Arg]>(update, { args: [arg], ...(updateId ? { updateId } : {}) }),
      );
    } catch (error) {
      const busy =
        error instanceof WorkflowUpdateFailedError &&
        error.cause instanceof ApplicationFailure &&
        error.cause.type === 'APPLICATION_BUSY';
      const pause = Math.min(25 * attempt, 250);
      if (!busy || Date.now() + pause >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
