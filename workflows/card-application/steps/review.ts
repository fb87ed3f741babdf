// An operator's review of flagged data, and the four-eyes decision on findings the unit cannot fix.
import { condition } from '@temporalio/workflow';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import type { ReturnReason } from '../../../domain/application';
import { TIMING } from '../../../domain/timing';
import { partners } from '../../proxies';
import { act } from '../step';
import { type AppState, app, recordAction, taskTime, transition } from '../state';
import { close } from './closing';
import { awaitResubmission, returnToUnit } from './returns';

/** Waits for an operator's review, reminding the staff meanwhile. */
export async function awaitReview(state: AppState): Promise<NonNullable<AppState['review']>> {
  let reminders = 0;
  while (!state.review) {
    if (!(await condition(() => state.review !== undefined, TIMING.reviewReminder))) {
      reminders += 1;
      await act(state, () =>
        partners.notifyStaff({
          applicationId: app(state),
          kind: 'review_reminder',
          occurrence: reminders,
          at: taskTime(state),
        }),
      );
    }
  }
  const review = state.review;
  state.review = undefined;
  return review;
}

/**
 * Findings the unit cannot fix (unknown or deceased person, a conflict with the bank's record): an operator
 * rejects the application, returns it to the unit, or overrides the findings with a note, which a supervisor
 * other than that operator confirms before the application goes on (four eyes). Returns `proceed`, `closed`,
 * or the audit flags of the unit's corrected revision after a return.
 */
export async function decideFindings(
  state: AppState,
  findings: ReturnReason[],
): Promise<'proceed' | 'closed' | ReturnReason[]> {
  state.hold = undefined; // an operator looks at it now
  transition(state, 'awaiting_review', PARTNER_ACCOUNTS.bank, {
    awaiting: 'decision',
    note: findings.join(', '),
  });
  for (;;) {
    const review = await awaitReview(state);
    if (review.decision === 'reject') {
      await close(state, 'rejected', review.note ?? findings.join(', '), review.actor);
      return 'closed';
    }
    if (review.decision === 'return') {
      if (!(await returnToUnit(state, review.reasons, review.actor, review.note))) return 'closed';
      return (await awaitResubmission(state)) ?? 'closed';
    }
    if (state.awaiting === 'decision') {
      // Taken up at once (the update answers now); the supervisor's confirmation follows.
      state.overrideBy = review.actor;
      recordAction(state, 'override_proposed', review.actor, review.note);
      transition(state, 'awaiting_review', SYSTEM, { awaiting: 'confirmation', note: findings.join(', ') });
      continue;
    }
    recordAction(state, 'override_confirmed', review.actor, review.note);
    state.overrideBy = undefined;
    transition(state, 'comparing', SYSTEM, { note: `findings overridden: ${findings.join(', ')}` });
    return 'proceed';
  }
}
