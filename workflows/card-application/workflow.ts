// One card application, from acceptance to the registered collection of the card.
import { allHandlersFinished, CancellationScope, condition, isCancellation } from '@temporalio/workflow';
import type { CardApplicationInput } from '../../domain/application';
import type { ApplicationStatus } from '../../domain/status';
import { watchClock } from './clock';
import { registerHandlers } from './handlers';
import { initialState, statusOf, type AppState } from './state';
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

export async function cardApplication(input: CardApplicationInput): Promise<ApplicationStatus> {
  const state = initialState(input);
  let closed = false;
  // Withdrawal cancels this scope wherever the steps are waiting.
  const main = new CancellationScope();
  registerHandlers(state, main);
  const clock = watchClock(state, () => closed);
  try {
    await main.run(() => runSteps(state));
  } catch (error) {
    if (!(isCancellation(error) && state.withdrawal)) throw error;
    await CancellationScope.nonCancellable(() => withdraw(state));
  } finally {
    closed = true;
  }
  await clock;
  await condition(allHandlersFinished);
  return statusOf(state);
}
