// Bookkeeping the workflow asks for at every step: the audit trail with the application's projection, and
// deadlines derived from the calendar stored in MongoDB (so a published holiday counts from then on).
import { type DeadlineFacts, type DeadlineRequest, deriveDeadline } from '../domain/clock';
import type { Stores } from '../store';
import type { TransitionRecord } from '../store/applications';

export function createRecordActivities({ stores }: { stores: Stores }) {
  return {
    async recordTransition(t: TransitionRecord): Promise<void> {
      await stores.auditTrail.append({
        applicationId: t.applicationId,
        seq: t.step.seq,
        from: t.from,
        to: t.step.stage,
        ...(t.step.action ? { action: t.step.action } : {}),
        actor: t.step.actor,
        at: new Date(t.step.at),
        ...(t.step.note ? { note: t.step.note } : {}),
      });
      await stores.applications.project(t);
    },

    async computeDeadline(request: DeadlineRequest): Promise<DeadlineFacts> {
      const calendar = await stores.calendar.load();
      return deriveDeadline(calendar, request, await stores.calendar.revisionTag());
    },
  };
}
