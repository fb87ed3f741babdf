// Escalations to the supervisors (deadline warnings and breaches, overdue or failed prints, uncollected cards):
// shown in the state and the record at once, and sent once per kind and occurrence.
import { CancellationScope } from '@temporalio/workflow';
import { SYSTEM } from '../../domain/actors';
import { partners } from '../proxies';
import { type AppState, changed, taskTime } from './state';

export async function raise(state: AppState, kind: string, occurrence: number): Promise<void> {
  const at = taskTime(state);
  state.escalations.push({ kind, at });
  changed(state);
  // Sent whole even if a withdrawal arrives meanwhile (see step.ts).
  await CancellationScope.nonCancellable(() =>
    partners.escalate({
      applicationId: state.input.applicationId,
      batchId: state.input.batch?.batchId,
      kind,
      occurrence,
      dueAt: state.clock?.facts.dueAt,
      stage: state.stage,
      actor: SYSTEM,
      at,
    }),
  );
}
