// The table the demo ends with. The short columns come first and the case, a sentence, last: a line wider than
// the terminal wraps, and right-aligned numbers behind a long text column wrap onto the next line, leaving their
// column empty on a 120-column screen (the working days used did, behind a 60-character case).
import type { ApplicationStatus, DeliveryView } from '../../domain/status';
import { renderTable } from '../../cli/ui/table';

export interface DemoCase {
  label: string;
  applicationId?: string;
  status?: ApplicationStatus;
}

/** Where an online application's card went: 'parcel SF123456789012 delivered', or back at a counter. */
function parcelOf({ trackingNumber, parcelId, status, failedAttempts, returnedTo }: DeliveryView): string {
  const where = returnedTo ? ` to ${returnedTo} after ${failedAttempts} failed attempts` : '';
  return `parcel ${trackingNumber ?? parcelId} ${status.replace(/_/g, ' ')}${where}`;
}

export function demoSummary(cases: DemoCase[]): string {
  return renderTable(
    ['application', 'stage', 'lane', 'working days used', 'returns', 'sla', 'case'],
    cases.map((c) => [
      c.applicationId,
      c.status?.stage,
      c.status && (c.status.lane ?? c.status.mode),
      c.status?.deadline?.workingDaysUsed,
      c.status?.returnCount,
      c.status?.deadline?.sla,
      c.status?.delivery ? `${c.label}: ${parcelOf(c.status.delivery)}` : c.label,
    ]),
  );
}
