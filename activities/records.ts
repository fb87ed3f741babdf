// Bookkeeping the workflow asks for at every step: the audit trail with the application's projection, and
// deadlines derived from the calendar stored in MongoDB (so a published holiday counts from then on).
import type { DeadlineFacts, DeadlineRequest } from '../domain/clock';
import { endOfShanghaiDay } from '../domain/calendar/shanghai-time';
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
      const revision = await stores.calendar.revisionTag();
      if (request.workingDays <= 0) {
        return {
          dueAt: request.anchorAt,
          warnAt: request.anchorAt,
          days: [],
          provisional: false,
          calendarRevision: revision,
        };
      }
      // Counting "after the day before" the anchor includes the anchor's own day.
      const countAfter = new Date(Date.parse(request.anchorAt) - (request.includeAnchorDay ? 86_400_000 : 0));
      const deadline = calendar.deadline(countAfter, request.workingDays);
      // Warn when only `warnWorkingDaysBefore` working days remain: at the end of the day before those.
      const warnIndex = deadline.days.length - request.warnWorkingDaysBefore - 1;
      const warnAt =
        warnIndex < 0 ? request.anchorAt : endOfShanghaiDay(deadline.days[warnIndex]!).toISOString();
      return {
        dueAt: deadline.dueAt.toISOString(),
        warnAt,
        days: deadline.days,
        provisional: deadline.provisional,
        calendarRevision: revision,
      };
    },
  };
}
