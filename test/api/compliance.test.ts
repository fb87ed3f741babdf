import assert from 'node:assert/strict';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { ComplianceReport } from '../../domain/compliance';
import { weekOf } from '../../domain/compliance';
import { eventually, waitForStage } from '../support/flow';
import { CLERK, UNIT } from '../support/world';
import { apiWorldForSuite } from './support';

describe('the deadline compliance report', () => {
  const t = apiWorldForSuite();

  it('counts the applications accepted in a range by how they met their deadline, per unit, mode and week, and exports them', async function () {
    this.timeout(120_000);
    const [notified, waiting] = [t.world.people[0]!, t.world.people[1]!];
    const first = await t.world.client.applications.submit({ unitId: UNIT._id, applicant: notified }, CLERK);
    const { phone: _p, ...withoutPhone } = waiting;
    const second = await t.world.client.applications.submit(
      { unitId: UNIT._id, applicant: withoutPhone },
      CLERK,
    );
    await waitForStage(t.world, first.applicationId, 'awaiting_collection', 60_000);
    await waitForStage(t.world, second.applicationId, 'awaiting_review');

    const today = shanghaiDate(new Date());
    // The status query shows the new stage a moment before the record keeping writes the notice to the records,
    // which the report reads: on a cluster that moment was long enough to count the notified one as open.
    const answer = await eventually(
      () => t.call<ComplianceReport>('supervisor', 'GET', `/v1/reports/compliance?from=${today}&to=${today}`),
      (report) => report.status !== 200 || report.body.all.met === 1,
      'the notice in the report',
    );
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const report = answer.body;
    assert.deepEqual(report.all, { total: 2, met: 1, late: 0, open: 1, overdue: 0, closed: 0 });
    assert.deepEqual(
      report.byUnit.map((u) => [u.unitId, u.total]),
      [[UNIT._id, 2]],
    );
    assert.deepEqual(
      report.byMode.map((m) => [m.mode, m.total]),
      [['sporadic', 2]],
    );
    assert.equal(
      Object.values(report.workingDaysUsed).reduce((a, b) => a + b, 0),
      1,
      'one was notified',
    );
    assert.deepEqual(
      report.weeks.map((w) => [w.week, w.total]),
      [[weekOf(today), 2]],
    );

    // A clerk of another unit sees their own unit only; a range with nothing in it counts nothing.
    const other = await t.call<ComplianceReport>(
      'otherClerk',
      'GET',
      `/v1/reports/compliance?from=${today}&to=${today}`,
    );
    assert.equal(other.body.all.total, 0);
    const before = await t.call<ComplianceReport>(
      'operator',
      'GET',
      '/v1/reports/compliance?from=2025-01-01&to=2025-01-31',
    );
    assert.equal(before.body.all.total, 0);
    for (const [query, problem] of [
      [`from=${today}&to=2025-01-01`, /ends before it starts/],
      ['from=2026-02-30&to=2026-03-01', /impossible date/],
      ['from=2024-01-01&to=2026-01-01', /at most 400 days/],
      ['to=2026-01-01', /from/],
      // Impossible dates the range checks once did arithmetic on (500 INTERNAL_ERROR)
      [`from=0000-00-00&to=${today}`, /from: an impossible date/],
      [`from=2026-13-01&to=${today}`, /from: an impossible date/],
      ['from=2026-01-01&to=2026-13-01', /to: an impossible date/],
    ] as const) {
      for (const report of ['compliance', 'compliance.csv']) {
        const refused = await t.call('operator', 'GET', `/v1/reports/${report}?${query}`);
        assert.equal(refused.status, 400, `${report}?${query}`);
        assert.equal(refused.body.error?.code, 'VALIDATION_FAILED');
        assert.match(refused.body.error?.message ?? '', problem, `${report}?${query}`);
      }
    }

    const csv = await t.call(
      'operator',
      'GET',
      `/v1/reports/compliance.csv?from=${today}&to=${today}&unitId=${UNIT._id}`,
    );
    assert.equal(csv.status, 200);
    const text = csv.body as unknown as string;
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') ?? '', /attachment; filename="sscard-compliance-/);
    const lines = text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(
      lines[0],
      'applicationId,unitId,mode,acceptedOn,notifiedOn,dueOn,workingDaysUsed,sla,outcome',
    );
    assert.deepEqual(
      lines
        .slice(1)
        .map((l) => l.split(',')[0])
        .sort(),
      [first.applicationId, second.applicationId].sort(),
    );
    for (const secret of [notified.name, notified.residentId, waiting.name, waiting.residentId])
      assert.ok(!text.includes(secret), 'no personal data in the export');
  });
});
