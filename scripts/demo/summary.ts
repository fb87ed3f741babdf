// The table the demo ends with. The short columns come first and the case, a sentence, last: a line wider than
// the terminal wraps, and right-aligned numbers behind a long text column wrap onto the next line, leaving their
// column empty on a 120-column screen (the working days used did, behind a 60-character case).
import type { ApplicationStatus, DeliveryView } from '../../domain/status';
import { type FeeView, yuan } from '../../domain/fee-decision';
import { renderTable } from '../../cli/ui/table';

export interface DemoCase {
  label: string;
  applicationId?: string;
  status?: ApplicationStatus;
  /** The last valid day of the card the application made, 'no expiry', or how the card ended. */
  validUntil?: string;
}

/** Where an online application's card went: 'parcel SF123456789012 delivered', or back at a counter. */
function parcelOf({ trackingNumber, parcelId, status, failedAttempts, returnedTo }: DeliveryView): string {
  const where = returnedTo ? ` to ${returnedTo} after ${failedAttempts} failed attempts` : '';
  return `parcel ${trackingNumber ?? parcelId} ${status.replace(/_/g, ' ')}${where}`;
}

/** A fee due and where its payment stands: 'fee ¥20.00 paid'. Nothing for a card that costs nothing. */
const feeOf = ({ dueFen, payment }: FeeView): string | undefined =>
  dueFen > 0 ? `fee ${yuan(dueFen)} ${payment?.status.replace(/_/g, ' ') ?? 'due'}` : undefined;

/** The case in words, with what its status adds: who applied for a minor, the fee, the parcel. */
function caseOf({ label, status }: DemoCase): string {
  const more = [
    status?.guardian && `applied for by the guardian (${status.guardian.relation.replace(/_/g, ' ')})`,
    status?.fee && feeOf(status.fee),
    status?.delivery && parcelOf(status.delivery),
  ].filter(Boolean);
  return more.length > 0 ? `${label}: ${more.join(', ')}` : label;
}

export function demoSummary(cases: DemoCase[]): string {
  return renderTable(
    ['application', 'stage', 'lane', 'working days used', 'returns', 'sla', 'valid until', 'case'],
    cases.map((c) => [
      c.applicationId,
      c.status?.stage,
      c.status && (c.status.lane ?? c.status.mode),
      c.status?.deadline?.workingDaysUsed,
      c.status?.returnCount,
      c.status?.deadline?.sla,
      c.validUntil,
      caseOf(c),
    ]),
  );
}
