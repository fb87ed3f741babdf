// The record keeping the workflow asks for: its record and audit trail written in one round trip per workflow
// task (with the print report, the one step effect that belongs to record keeping), and deadlines derived from the
// calendar stored in MongoDB (so a published holiday counts from then on).
import { log } from '@temporalio/activity';
import { type DeadlineFacts, type DeadlineRequest, deriveDeadline } from '../domain/clock';
import type { PrintReport } from '../domain/messages';
import type { RecordKeepingPort } from '../store/ports/activities';
import type { RecordWrite } from '../domain/documents/records';
import { settlePrintReport } from './printing';

export interface KeepRecordInput {
  write: RecordWrite;
  /** A manufacturer's report to settle on the card and its order before the record says so. */
  printReport?: { cardId: string; report: PrintReport; at: string };
  /** A card the counter's printer made (the instant lane), registered printed before the record says so. */
  madeAtCounter?: MadeAtCounter;
}

export interface MadeAtCounter {
  cardId: string;
  printed: { cardNumber: string; chipId: string; madeAt: { counterId: string; blankSerial: string } };
  at: string;
}

export function createRecordActivities({ stores }: { stores: RecordKeepingPort }) {
  return {
    /** `fresh` reads the calendar from the database rather than this worker's copy (after a publication). */
    async computeDeadline(request: DeadlineRequest & { fresh?: boolean }): Promise<DeadlineFacts> {
      const { calendar, tag } = await stores.calendar.current({ fresh: request.fresh === true });
      return deriveDeadline(calendar, request, tag);
    },

    async keepRecord({
      write,
      printReport,
      madeAtCounter,
    }: KeepRecordInput): Promise<{ status: 'written' | 'stale' }> {
      if (printReport) await settlePrintReport(stores, printReport);
      if (madeAtCounter) {
        const { cardId, printed, at } = madeAtCounter;
        await stores.cards.markPrinted(cardId, printed, new Date(at));
      }
      const status = await stores.records.write(write);
      if (status === 'stale') {
        // Expected after a worker died mid-task or an attempt was overtaken; worth seeing when it happens.
        log.warn('stale record write refused', {
          applicationId: write.applicationId,
          fence: write.fence,
          steps: write.trailLength,
        });
      }
      return { status };
    },
  };
}
