// Step 7 in the online lane: the card goes out by courier, and the legal clock stops at dispatch. The person signs
// for it with the code of their SMS (checked before the report reaches here); after three failed attempts or a
// refusal the parcel is back at a service point, and the card is collected there like any other.
import { condition } from '@temporalio/workflow';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import { shanghaiDate } from '../../../domain/calendar/shanghai-time';
import type { ParcelReport } from '../../../domain/messages';
import { TIMING } from '../../../domain/timing';
import { stopClock } from '../clock';
import { raise } from '../escalate';
import { partners } from '../../proxies';
import { act } from '../step';
import { type AppState, app, changed, recordAction, taskTime, transition } from '../state';

/** Takes the courier's reports in order until the parcel is delivered or back at its counter. */
async function followParcel(state: AppState): Promise<'delivered' | 'returned'> {
  const delivery = state.delivery!;
  let overdue = 0;
  for (;;) {
    if (!(await condition(() => state.parcelReports.length > 0, TIMING.deliveryOverdue))) {
      overdue += 1;
      await raise(state, 'delivery_overdue', overdue);
      continue;
    }
    const report: ParcelReport = state.parcelReports.shift()!;
    delivery.status = report.event;
    changed(state);
    const attempt = report.attempt ? `attempt ${report.attempt}` : undefined;
    switch (report.event) {
      case 'picked_up':
        recordAction(state, 'parcel_picked_up', PARTNER_ACCOUNTS.courier, delivery.trackingNumber);
        break;
      case 'attempt_failed':
        delivery.failedAttempts += 1;
        recordAction(state, 'delivery_failed', PARTNER_ACCOUNTS.courier, attempt);
        break;
      case 'refused':
        recordAction(state, 'delivery_refused', PARTNER_ACCOUNTS.courier, attempt);
        break;
      case 'delivered':
        recordAction(state, 'delivered', PARTNER_ACCOUNTS.courier, attempt);
        return 'delivered';
      case 'returned':
        return 'returned';
      default:
        break;
    }
  }
}

/** Step 7 of an online application: dispatch, delivery for the code, or collection at the counter it returned to. */
export async function deliver(state: AppState): Promise<void> {
  const parcelId = `${app(state)}-D1`;
  transition(state, 'in_delivery', SYSTEM, { awaiting: 'delivery' });
  const { trackingNumber } = await act(state, () =>
    partners.dispatchParcel({
      applicationId: app(state),
      cardId: state.cardId!,
      parcelId,
      cardNumber: state.printed!.cardNumber,
      at: taskTime(state),
      revision: state.revision,
      returnCounterId: state.policy!.online!.returnCounterId,
      codeValidDays: state.policy!.online!.codeValidDays,
    }),
  );
  // The person was told by SMS (the tracking number and the code to sign with): the legal clock stops here.
  stopClock(state);
  state.notifiedAt = taskTime(state);
  state.delivery = { parcelId, trackingNumber, status: 'booked', failedAttempts: 0 };
  recordAction(state, 'dispatched', SYSTEM, `tracking ${trackingNumber}`);
  if ((await followParcel(state)) === 'delivered') {
    state.collection = {
      relation: 'self',
      receivedOn: shanghaiDate(new Date(taskTime(state))),
      place: `delivered by courier, ${trackingNumber}`,
      actor: PARTNER_ACCOUNTS.courier,
    };
    return;
  }
  const counterId = state.policy!.online!.returnCounterId;
  state.delivery.returnedTo = counterId;
  transition(state, 'awaiting_collection', SYSTEM, {
    awaiting: 'collection',
    note: `parcel back at ${counterId}`,
  });
  await act(state, () =>
    partners.notifyWhereToCollect({
      applicationId: app(state),
      kind: 'parcel_returned',
      counterId,
      at: taskTime(state),
      revision: state.revision,
    }),
  );
}
