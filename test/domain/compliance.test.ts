import assert from 'node:assert/strict';
import { type ComplianceRecord, complianceCsv, complianceReport, weekOf } from '../../domain/compliance';
import { complianceRequestSchema } from '../../domain/compliance';
import { shanghai } from '../support/time';

const RANGE = complianceRequestSchema.parse({ from: '2026-11-02', to: '2026-11-15' });
const NOW = shanghai('2026-11-20 12:00');

function record(id: string, accepted: string, rest: Partial<ComplianceRecord> = {}): ComplianceRecord {
  return { applicationId: id, unitId: 'U1', mode: 'sporadic', acceptedAt: shanghai(accepted), ...rest };
}

describe('the deadline compliance report (pure)', () => {
  it('tells met, late, open, overdue and closed apart, per unit, mode and week of acceptance', () => {
    const records = [
      record('A1', '2026-11-02 09:00', {
        notifiedAt: shanghai('2026-11-05 10:00'),
        sla: 'met',
        workingDaysUsed: 3,
      }),
      record('A2', '2026-11-03 09:00', {
        notifiedAt: shanghai('2026-11-12 10:00'),
        sla: 'met_late',
        workingDaysUsed: 7,
      }),
      record('A3', '2026-11-09 23:55', { dueAt: shanghai('2026-11-17 00:00'), sla: 'breached' }),
      record('A4', '2026-11-10 08:00', {
        dueAt: shanghai('2026-11-30 00:00'),
        sla: 'on_track',
        unitId: 'U2',
      }),
      record('A5', '2026-11-15 23:59', { outcome: 'withdrawn', mode: 'batch' }),
    ];
    const report = complianceReport(RANGE, records, NOW);
    assert.deepEqual(report.all, { total: 5, met: 1, late: 1, open: 2, overdue: 1, closed: 1 });
    assert.deepEqual(
      report.byUnit.map((u) => [u.unitId, u.total, u.open]),
      [
        ['U1', 4, 1],
        ['U2', 1, 1],
      ],
    );
    assert.deepEqual(
      report.byMode.map((m) => [m.mode, m.total]),
      [
        ['batch', 1],
        ['sporadic', 4],
      ],
    );
    assert.deepEqual(report.workingDaysUsed, { '3': 1, '7': 1 });
    // 23:55 on Monday the 9th in Beijing is still the week of the 9th, whatever UTC says.
    assert.deepEqual(
      report.weeks.map((w) => [w.week, w.total]),
      [
        ['2026-11-02', 2],
        ['2026-11-09', 3],
      ],
    );
  });

  it('names weeks by their Monday, across a month and a year', () => {
    assert.equal(weekOf('2026-11-08'), '2026-11-02', 'a Sunday');
    assert.equal(weekOf('2026-11-09'), '2026-11-09', 'a Monday');
    assert.equal(weekOf('2027-01-01'), '2026-12-28');
  });

  it('exports one CSV line per application with its days in Beijing time, the deadline as its last day', () => {
    const csv = complianceCsv([
      record('A1', '2026-11-02 23:30', {
        notifiedAt: shanghai('2026-11-05 10:00'),
        dueAt: shanghai('2026-11-10 00:00'),
        sla: 'met',
        workingDaysUsed: 3,
      }),
    ]);
    assert.ok(
      csv.startsWith(
        '\uFEFFapplicationId,unitId,mode,acceptedOn,notifiedOn,dueOn,workingDaysUsed,sla,outcome\r\n',
      ),
    );
    assert.equal(csv.split('\r\n')[1], 'A1,U1,sporadic,2026-11-02,2026-11-05,2026-11-09,3,met,');
  });
});
