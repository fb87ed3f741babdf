import assert from 'node:assert/strict';
import {
  DEFAULT_POLICIES,
  type DeadlinePolicy,
  deadlinePolicySchema,
  selectPolicy,
} from '../../domain/deadline-policy';
import { SscardError } from '../../domain/errors';

function policy(
  id: string,
  region: string,
  effectiveFrom: string,
  workingDays: number,
  mode: DeadlinePolicy['mode'] = 'sporadic',
): DeadlinePolicy {
  return {
    id,
    region,
    mode,
    effectiveFrom,
    workingDays,
    warnWorkingDaysBefore: 1,
    pauseWhileReturned: true,
    returnExpiryWorkingDays: 10,
    reviewSamplingRate: 0,
  };
}

// The national defaults, a province with its own target, one of its cities, and one district.
const POLICIES: DeadlinePolicy[] = [
  ...DEFAULT_POLICIES,
  policy('zhejiang-2022', '33', '2022-01-01', 4),
  policy('zhejiang-2026', '33', '2026-01-01', 3),
  policy('hangzhou-2025', '3301', '2025-07-01', 2),
  policy('xihu-2030', '330106', '2030-01-01', 1),
];

const pick = (region: string, on: string, mode: DeadlinePolicy['mode'] = 'sporadic') =>
  selectPolicy(POLICIES, { region, mode, on }).id;

describe('deadline policies', () => {
  it('the national defaults: 5 working days for sporadic issuance, 30 for batches, from the end of 2019', () => {
    const sporadic = selectPolicy(DEFAULT_POLICIES, { region: '110105', mode: 'sporadic', on: '2025-09-29' });
    const batch = selectPolicy(DEFAULT_POLICIES, { region: '110105', mode: 'batch', on: '2025-09-29' });
    assert.deepEqual(
      [
        sporadic.workingDays,
        sporadic.warnWorkingDaysBefore,
        sporadic.returnExpiryWorkingDays,
        sporadic.pauseWhileReturned,
      ],
      [5, 1, 10, true],
    );
    assert.deepEqual(
      [batch.workingDays, batch.warnWorkingDaysBefore, batch.effectiveFrom],
      [30, 5, '2019-12-31'],
    );
    for (const p of DEFAULT_POLICIES) assert.deepEqual(deadlinePolicySchema.parse(p), p);
  });

  it('a region without its own policy gets the national one', () => {
    assert.equal(pick('440305', '2025-09-29'), 'national-sporadic-2019');
  });

  it('the longest matching region prefix wins over the province and the nation', () => {
    assert.equal(pick('330106', '2025-09-29'), 'hangzhou-2025');
    assert.equal(pick('330203', '2025-09-29'), 'zhejiang-2022');
  });

  it('among policies of the same region, the latest already in effect applies', () => {
    assert.equal(pick('330203', '2025-12-31'), 'zhejiang-2022');
    assert.equal(pick('330203', '2026-01-01'), 'zhejiang-2026');
  });

  it('a more specific policy not yet in effect leaves the wider one in force', () => {
    assert.equal(pick('330106', '2025-06-30'), 'zhejiang-2022');
    assert.equal(pick('330106', '2029-12-31'), 'hangzhou-2025');
    assert.equal(pick('330106', '2030-01-01'), 'xihu-2030');
  });

  it('policies of the other mode never apply', () => {
    assert.equal(pick('330106', '2025-09-29', 'batch'), 'national-batch-2019');
  });

  it('before any policy took effect there is none: POLICY_NOT_FOUND', () => {
    assert.throws(
      () => selectPolicy(POLICIES, { region: '440305', mode: 'batch', on: '2019-12-30' }),
      (error: unknown) => error instanceof SscardError && error.code === 'POLICY_NOT_FOUND',
    );
  });

  it('refuses a region that is no 2, 4 or 6 digit prefix, an unreal date, and a warning at or after the start', () => {
    const good = policy('x', '33', '2025-01-01', 5);
    assert.equal(deadlinePolicySchema.safeParse(good).success, true);
    for (const region of ['3', '331', '3301061', '', '**']) {
      assert.equal(deadlinePolicySchema.safeParse({ ...good, region }).success, false, region);
    }
    assert.equal(deadlinePolicySchema.safeParse({ ...good, effectiveFrom: '2025-02-30' }).success, false);
    assert.equal(deadlinePolicySchema.safeParse({ ...good, workingDays: 0 }).success, false);
    assert.equal(deadlinePolicySchema.safeParse({ ...good, warnWorkingDaysBefore: 5 }).success, false);
  });

  it('stops the clock while returned unless a policy says otherwise', () => {
    const { pauseWhileReturned: _omitted, ...rest } = policy('x', '33', '2025-01-01', 5);
    assert.equal(deadlinePolicySchema.parse(rest).pauseWhileReturned, true);
  });
});
