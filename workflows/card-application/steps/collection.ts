// Step 7b: the card's collection, registered by an operator.
import { CancellationScope, condition } from '@temporalio/workflow';
import { TIMING } from '../../../domain/timing';
import { raise } from '../escalate';
import { partners, records } from '../../proxies';
import { locally } from '../recorder';
import { act } from '../step';
import { collectAtCounter } from './instant';
import { type AppState, app, taskTime, transition } from '../state';

/** Step 7b: an operator registers who collected the card; reminders while it lies uncollected. */
export async function collect(state: AppState): Promise<void> {
  collectAtCounter(state);
  let reminders = 0;
  while (!(await condition(() => state.collection !== undefined, TIMING.collectionReminder))) {
    reminders += 1;
    if (reminders <= TIMING.collectionRemindersBeforeEscalation) {
      await act(state, () =>
        partners.remindCollection({
          applicationId: app(state),
          occurrence: reminders,
          at: taskTime(state),
          revision: state.revision,
        }),
      );
    }
    if (reminders === TIMING.collectionRemindersBeforeEscalation) await raise(state, 'uncollected', 1);
  }
  // Taken up at once (the update answers now); the registry learns it next. Who collected is kept in MongoDB: the
  // update carries a reference (up to release 0.4.0 the collector's name, which leaves the state with this step).
  const record = state.collection!;
  state.collection = undefined;
  state.outcome = 'issued';
  transition(state, 'issued', record.actor, { note: `collected (${record.relation}) at ${record.place}` });
  await locally(state, () =>
    CancellationScope.nonCancellable(() =>
      records.registerCollection({
        applicationId: app(state),
        cardId: state.cardId!,
        record,
        at: taskTime(state),
      }),
    ),
  );
}
