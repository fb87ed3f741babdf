// Steps 2 and 3: the audit's flags wait for an operator, the bank compares the person, and what fails goes back to
// the unit or to an operator until the data passes.
import { PARTNER_ACCOUNTS, SYSTEM } from '../../../domain/actors';
import type { ReturnReason } from '../../../domain/application';
import { forOperator } from '../../../domain/findings';
import { partners, records } from '../../proxies';
import { act } from '../step';
import { type AppState, app, recordAction, takesPatch, taskTime, transition } from '../state';
import { PATCHES } from '../../patches';
import { close } from './closing';
import { awaitResubmission, returnToUnit } from './returns';
import { awaitReview, decideFindings } from './review';
import { fallBack, inInstantLane, withinLane } from './instant';

/**
 * Steps 2 and 3, looping through the unit until the data passes: flagged data waits for an operator, the bank
 * compares the person. Returns false if the application closed.
 */
export async function auditAndCompare(state: AppState, acceptanceFlags: ReturnReason[]): Promise<boolean> {
  let flags = acceptanceFlags;
  transition(state, 'auditing', SYSTEM);
  for (;;) {
    state.auditFlags = flags;
    if (flags.length > 0) {
      transition(state, 'awaiting_review', SYSTEM, { awaiting: 'review', note: flags.join(', ') });
      const review = await awaitReview(state);
      state.hold = undefined; // reviewed now: a hold asked for meanwhile is served
      if (review.decision === 'reject') {
        await close(state, 'rejected', review.note ?? flags.join(', '), review.actor);
        return false;
      }
      if (review.decision === 'return') {
        if (!(await returnToUnit(state, review.reasons, review.actor, review.note))) return false;
        const next = await awaitResubmission(state);
        if (!next) return false;
        flags = next;
        continue;
      }
      // Taken up at once (the update answers now); the enrollment record becomes official with it.
      recordAction(state, 'approved', review.actor, review.note);
      transition(state, 'comparing', SYSTEM);
      await act(
        state,
        () =>
          records.confirmEnrollment({
            applicationId: app(state),
            revision: state.revision,
            approvedBy: review.actor,
            at: taskTime(state),
          }),
        { local: true },
      );
    } else {
      transition(state, 'comparing', SYSTEM);
    }
    const comparison = keepsEarlierComparison(state) ? { findings: [] } : await compare(state);
    if (comparison.findings.length === 0) {
      if (!state.hold) return true;
      // Held by an operator: reviewed like flagged data before the card is registered.
      state.hold = undefined;
      flags = ['HELD_FOR_REVIEW'];
      continue;
    }
    // Findings the unit cannot fix wait for an operator (the old path, release 0.2.0's: returned to the unit).
    if (forOperator(comparison.findings).length > 0 && takesPatch(state, PATCHES.findingsToOperator)) {
      const decided = await decideFindings(state, comparison.findings);
      if (decided === 'proceed') return true;
      if (decided === 'closed') return false;
      flags = decided;
      continue;
    }
    if (!(await returnToUnit(state, comparison.findings, PARTNER_ACCOUNTS.bank))) return false;
    const next = await awaitResubmission(state);
    if (!next) return false;
    flags = next;
  }
}

/** The bank compares the person; in the instant lane within the lane's seconds, or the application hands over. */
async function compare(state: AppState): Promise<{ findings: ReturnReason[] }> {
  const request = { applicationId: app(state), revision: state.revision };
  const summary = { summary: `Identity comparison, revision ${state.revision}` };
  if (inInstantLane(state)) {
    const seconds = state.policy!.instant!.checkSeconds;
    const now = await withinLane(state, 'compareIdentity', seconds, (bank) =>
      bank.compareIdentity.executeWithOptions(summary, [request]),
    );
    if (now) return now;
    await fallBack(state, `the identity comparison did not answer within ${seconds} s`);
  }
  return act(state, () => partners.compareIdentity.executeWithOptions(summary, [request]));
}

/**
 * A replacement or renewal whose identity data is the predecessor's (revision 1: nothing corrected since) keeps the
 * predecessor's comparison, unless its policy asks for a new one. Only replacements (0.5.0 on) and renewals (0.8.0
 * on) carry `input.replacement` or `input.renewal`, so no earlier workflow reaches this branch and it needs no patch.
 */
function keepsEarlierComparison(state: AppState): boolean {
  const { replacement, renewal } = state.input;
  const of = replacement
    ? `replacement of ${replacement.predecessorCardId} (${replacement.reason})`
    : renewal && `renewal of ${renewal.predecessorCardId}`;
  if (!of || state.revision !== 1 || state.policy?.replacementRepeatsComparison) return false;
  recordAction(state, 'comparison_kept', SYSTEM, `${of}: identity data unchanged`);
  return true;
}
