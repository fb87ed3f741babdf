// The "current details" an operator reads in the Temporal Web UI: where the application stands, its deadline,
// and what it waits for. Markdown, no personal data.
import { shanghaiDateTime } from '../../domain/calendar/shanghai-time';
import { STAGE_LABELS } from '../../domain/stages';
import type { ApplicationStatus, Awaiting } from '../../domain/status';

const AWAITING: Record<Awaiting, string> = {
  review: 'an operator review',
  decision: "an operator's decision on findings the unit cannot fix",
  confirmation: "a supervisor's confirmation of an override",
  resubmission: "the unit's corrected resubmission",
  print_report: "the manufacturer's print report",
  reprint_order: 'a reprint order from an operator',
  collection: 'the cardholder to collect the card',
  delivery: "the courier's delivery to the cardholder",
  payment: 'the fee to be paid, or waived by an operator',
};

export function describeApplication(status: ApplicationStatus): string {
  const lines = [`**Stage:** ${STAGE_LABELS[status.stage]}`];
  if (status.awaiting) lines.push(`**Waiting for:** ${AWAITING[status.awaiting]}`);
  const d = status.deadline;
  if (d) {
    const clock = d.paused ? 'paused while returned' : d.sla.replace('_', ' ');
    const provisional = d.provisional ? ' (provisional: next year’s holidays not published)' : '';
    lines.push(
      `**Deadline:** ${shanghaiDateTime(new Date(d.dueAt))} Asia/Shanghai · ${clock} · ` +
        `${d.workingDaysUsed} of ${d.workingDaysTotal} working days used${provisional}`,
    );
  }
  lines.push(
    `**Returns:** ${status.returnCount} · **Print attempts:** ${status.printAttempts}` +
      (status.expedited ? ' · **Expedited**' : ''),
  );
  if (status.auditFlags.length) lines.push(`**Audit flags:** ${status.auditFlags.join(', ')}`);
  if (status.escalations.length) {
    const escalations = status.escalations.map((e) => `${e.kind} at ${shanghaiDateTime(new Date(e.at))}`);
    lines.push(`**Escalations:** ${escalations.join('; ')}`);
  }
  if (status.outcome) lines.push(`**Outcome:** ${status.outcome}`);
  return lines.join('  \n');
}
