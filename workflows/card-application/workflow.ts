// One card application, from acceptance to the registered collection of the card.
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  isCancellation,
  patched,
} from '@temporalio/workflow';
import type { CardApplicationInput } from '../../domain/application';
import { isNotEncrypted } from '../../domain/payloads';
import { refuse } from '../refuse';
import type { ApplicationStatus } from '../../domain/status';
import { watchClock } from './clock';
import { registerHandlers } from './handlers';
import { keepRecords } from './recorder';
import { holdRootScope } from './step';
import { initialState, startedSince09, statusOf, type AppState } from './state';
import {
  accept,
  auditAndCompare,
  collect,
  deliver,
  endRenewedCard,
  notify,
  openAccount,
  print,
  printAtCounter,
  register,
  settleFee,
  watchInstantTarget,
  withdraw,
} from './steps';
import type * as Release01 from './v0-1/workflow';
import { PATCHES } from '../patches';
import { partnerQueuesDecided } from '../proxies';

async function runSteps(state: AppState): Promise<void> {
  const flags = await accept(state);
  if (!flags) return;
  if (!(await auditAndCompare(state, flags))) return;
  await register(state);
  // No card is ordered before the fee is paid or waived (only applications accepted with a fee due wait here).
  await settleFee(state);
  if (!(await printAtCounter(state))) await print(state);
  await openAccount(state);
  // Online: the courier's dispatch is the notice, and a delivery for the code the collection.
  if (state.input.mode === 'online') await deliver(state);
  else await notify(state);
  await collect(state);
  await endRenewedCard(state);
}

export async function cardApplication(input: CardApplicationInput): Promise<ApplicationStatus> {
  if (isNotEncrypted(input)) refuse('PAYLOAD_NOT_ENCRYPTED');
  // Release 0.1.0 wrote its records one step at a time; its workflows finish on that code, loaded only for them.
  // A run started on 0.9.0 or later asks neither patch of the start: its input says it takes both new paths, and
  // the two markers (with the TemporalChangeVersion upsert each brings) would be four events of every history.
  const since09 = startedSince09(input);
  if (!since09 && !patched(PATCHES.recordsV2.id)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const release01 = require('./v0-1/workflow') as typeof Release01;
    return release01.cardApplicationOfRelease01(input);
  }
  // Decided before the first local activity, so that the patch's marker lies in the first workflow task. Asked
  // later (at the first partner call, as up to 0.4.0), a marker can lie in the task after a local activity that
  // the original run resolved in that next task and a replay resolves in the same one, where the replay does not
  // know the marker yet: the fault run found workflows failing so (test/histories/faults). Histories that recorded
  // it later still replay: this call answers false for them and the partner call asks again.
  if (since09) partnerQueuesDecided();
  else patched(PATCHES.partnerTaskQueues.id);
  holdRootScope();
  const state = initialState(input);
  let closed = false;
  // Withdrawal cancels this scope wherever the steps are waiting; the recorder and the clock run outside it.
  const main = new CancellationScope();
  registerHandlers(state, main);
  const clock = watchClock(state, () => closed);
  const recorder = keepRecords(state, () => closed);
  // Only instant applications (0.7.0 on) watch a target in minutes: no earlier workflow runs this.
  const target = input.instant && watchInstantTarget(state, () => closed);
  try {
    await main.run(() => runSteps(state));
  } catch (error) {
    if (!(isCancellation(error) && state.withdrawal)) throw error;
    state.withdrawing = true;
    await CancellationScope.nonCancellable(() => withdraw(state));
  } finally {
    closed = true;
  }
  await clock;
  await target;
  await recorder;
  await condition(allHandlersFinished);
  return statusOf(state);
}
