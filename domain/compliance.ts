// Deadline compliance as a supervisor asks about it: of the applications accepted in a date range (Asia/Shanghai
// days), per unit and per issuance mode, how many were notified within their working days, late, or are still
// open; how many working days they took; and the same week by week. Computed from the application records, which
// outlive Temporal's visibility once the namespace's retention has passed.
import { z } from 'zod';
import { unitIdSchema } from './actor-schemas';
import { issuanceModeSchema, type IssuanceMode } from './application';
import { localDateSchema } from './calendar/calendar-year';
import { addCalendarDays, isRealDate, type LocalDate, shanghaiDate, weekday } from './calendar/shanghai-time';
import type { SlaState } from './stages';

/** The longest range one report covers: a year and a little, so a year's report fits. */
export const MAX_REPORT_DAYS = 400;

export const complianceRequestSchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema,
    unitId: unitIdSchema.optional(),
    mode: issuanceModeSchema.optional(),
  })
  // The range is checked only between real dates: a date its field refused is reported there, once.
  .refine((r) => !realRange(r) || r.from <= r.to, {
    message: 'the range ends before it starts',
    path: ['to'],
  })
  .refine((r) => !realRange(r) || addCalendarDays(r.from, MAX_REPORT_DAYS) > r.to, {
    message: `a report covers at most ${MAX_REPORT_DAYS} days`,
    path: ['to'],
  });
export type ComplianceRequest = z.infer<typeof complianceRequestSchema>;

function realRange(r: { from: unknown; to: unknown }): boolean {
  return typeof r.from === 'string' && typeof r.to === 'string' && isRealDate(r.from) && isRealDate(r.to);
}

/** What the report needs of one application's record. */
export interface ComplianceRecord {
  applicationId: string;
  unitId: string;
  mode: IssuanceMode;
  acceptedAt: Date;
  notifiedAt?: Date;
  dueAt?: Date;
  workingDaysUsed?: number;
  sla?: SlaState;
  outcome?: string;
}

/** How applications ended up against their deadline. */
export interface Tally {
  total: number;
  /** Notified within the working days. */
  met: number;
  /** Notified after the deadline. */
  late: number;
  /** Not notified yet; of these, past the deadline. */
  open: number;
  overdue: number;
  /** Closed without a notification: withdrawn, rejected, expired. */
  closed: number;
}

export interface ComplianceReport {
  from: LocalDate;
  to: LocalDate;
  unitId?: string;
  mode?: IssuanceMode;
  all: Tally;
  byUnit: ({ unitId: string } & Tally)[];
  byMode: ({ mode: IssuanceMode } & Tally)[];
  /** Applications notified, by the working days they took. */
  workingDaysUsed: Record<string, number>;
  /** By the week of acceptance (its Monday). */
  weeks: ({ week: LocalDate } & Tally)[];
}

const emptyTally = (): Tally => ({ total: 0, met: 0, late: 0, open: 0, overdue: 0, closed: 0 });

function count(tally: Tally, record: ComplianceRecord, now: Date): void {
  tally.total += 1;
  if (record.notifiedAt) {
    if (record.sla === 'met_late') tally.late += 1;
    else tally.met += 1;
  } else if (record.outcome) tally.closed += 1;
  else {
    tally.open += 1;
    if (record.dueAt && record.dueAt <= now) tally.overdue += 1;
  }
}

/** Monday of the week a day falls in. */
export function weekOf(day: LocalDate): LocalDate {
  return addCalendarDays(day, -((weekday(day) + 6) % 7));
}

export function complianceReport(
  request: ComplianceRequest,
  records: readonly ComplianceRecord[],
  now: Date,
): ComplianceReport {
  const all = emptyTally();
  const units = new Map<string, Tally>();
  const modes = new Map<IssuanceMode, Tally>();
  const weeks = new Map<LocalDate, Tally>();
  const workingDaysUsed: Record<string, number> = {};
  const into = <K>(map: Map<K, Tally>, key: K): Tally => {
    const tally = map.get(key) ?? emptyTally();
    map.set(key, tally);
    return tally;
  };
  for (const record of records) {
    for (const tally of [
      all,
      into(units, record.unitId),
      into(modes, record.mode),
      into(weeks, weekOf(shanghaiDate(record.acceptedAt))),
    ])
      count(tally, record, now);
    if (record.notifiedAt && record.workingDaysUsed !== undefined) {
      const days = String(record.workingDaysUsed);
      workingDaysUsed[days] = (workingDaysUsed[days] ?? 0) + 1;
    }
  }
  return {
    from: request.from,
    to: request.to,
    ...(request.unitId ? { unitId: request.unitId } : {}),
    ...(request.mode ? { mode: request.mode } : {}),
    all,
    byUnit: [...units].sort(([a], [b]) => a.localeCompare(b)).map(([unitId, t]) => ({ unitId, ...t })),
    byMode: [...modes].sort(([a], [b]) => a.localeCompare(b)).map(([mode, t]) => ({ mode, ...t })),
    workingDaysUsed,
    weeks: [...weeks].sort(([a], [b]) => a.localeCompare(b)).map(([week, t]) => ({ week, ...t })),
  };
}

const CSV_COLUMNS = [
  'applicationId',
  'unitId',
  'mode',
  'acceptedOn',
  'notifiedOn',
  'dueOn',
  'workingDaysUsed',
  'sla',
  'outcome',
] as const;

/**
 * One line per application, for a spreadsheet: IDs, dates (Asia/Shanghai days) and states only, no personal data.
 * The deadline's day is the last day that counts.
 */
export function complianceCsv(records: readonly ComplianceRecord[]): string {
  const day = (instant?: Date, lastDay = false) =>
    instant ? shanghaiDate(new Date(instant.getTime() - (lastDay ? 1 : 0))) : '';
  const lines = records.map((r) =>
    [
      r.applicationId,
      r.unitId,
      r.mode,
      day(r.acceptedAt),
      day(r.notifiedAt),
      day(r.dueAt, true),
      r.workingDaysUsed ?? '',
      r.sla ?? '',
      r.outcome ?? '',
    ].join(','),
  );
  // A BOM, so that Excel opens the file as UTF-8.
  return `\uFEFF${[CSV_COLUMNS.join(','), ...lines].join('\r\n')}\r\n`;
}
