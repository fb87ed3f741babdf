// Release 0.1.0 of the card application workflow, kept unchanged so that its workflows (and the recorded histories
// in test/histories/v0.1.0) replay: it wrote its records one step at a time. Remove it with the `records-v2` patch.
import { allHandlersFinished, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { CardApplicationInput } from '../../../domain/application';
import type { ApplicationStatus } from '../../../domain/status';
import { watchClock } from './clock';
import { registerHandlers } from './handlers';
import { initialState, recordAction, statusOf, type AppState } from './state';
import { accept, auditAndCompare, collect, notify, openAccount, print, register, withdraw } from './steps';

async function runSteps(state: AppState): Promise<void> {
  if (!(await accept(state))) return;
  if (!(await auditAndCompare(state))) return;
  await register(state);
  await print(state);
  await openAccount(state);
  await notify(state);
  await collect(state);
}

/** Writes actions taken through update handlers to the audit trail, in order, until the application closes. */
async function keepJournal(state: AppState, closed: () => boolean): Promise<void> {
  for (;;) {
    // An internal wait on this workflow's own state: it ends at the latest when the application closes.
    await condition(() => state.journal.length > 0 || closed());
    const entry = state.journal.shift();
    if (!entry) return;
    await recordAction(state, entry.action, entry.actor, entry.note);
  }
}

export async function cardApplicationOfRelease01(input: CardApplicationInput): Promise<ApplicationStatus> {
  const state = initialState(input);
  let closed = false;
  // Withdrawal cancels this scope wherever the steps are waiting.
  const main = new CancellationScope();
  registerHandlers(state, main);
  const clock = watchClock(state, () => closed);
  const journal = keepJournal(state, () => closed);
  try {
    await main.run(() => runSteps(state));
  } catch (error) {
    if (!(isCancellation(error) && state.withdrawal)) throw error;
    await CancellationScope.nonCancellable(() => withdraw(state));
  } finally {
    closed = true;
  }
  await clock;
  await journal;
  await condition(allHandlersFinished);
  return statusOf(state);
}
