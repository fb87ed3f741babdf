import assert from 'node:assert/strict';
import { DEFAULT_POLICIES, selectPolicy } from '../../domain/deadline-policy';
import { SscardError } from '../../domain/errors';
import { createPolicyStore } from '../../store/policies';
import { databasePerTest } from '../support/world';

const HANGZHOU = {
  id: 'hangzhou-2025',
  region: '3301',
  mode: 'sporadic',
  effectiveFrom: '2025-07-01',
  workingDays: 3,
  warnWorkingDaysBefore: 1,
  returnExpiryWorkingDays: 10,
} as const;

describe('the deadline policy store', () => {
  const t = databasePerTest('policies', (db) => ({ store: createPolicyStore(db) }));

  it("seeds the national defaults once, and a second seed keeps an administrator's change", async () => {
    assert.deepEqual(await t.store.seedDefaults(), {
      inserted: ['national-sporadic-2019', 'national-batch-2019'],
    });
    const changed = { ...DEFAULT_POLICIES[0]!, workingDays: 4 };
    await t.store.upsert(changed);
    assert.deepEqual(await t.store.seedDefaults(), { inserted: [] });
    assert.deepEqual(await t.store.all(), [DEFAULT_POLICIES[1], changed]);
  });

  it('an added regional policy is selected for its region, with the clock paused by default', async () => {
    await t.store.seedDefaults();
    assert.deepEqual(await t.store.upsert(HANGZHOU), {
      ...HANGZHOU,
      pauseWhileReturned: true,
      reviewSamplingRate: 0,
    });
    const all = await t.store.all();
    assert.equal(selectPolicy(all, { region: '330106', mode: 'sporadic', on: '2025-09-29' }).workingDays, 3);
    assert.equal(selectPolicy(all, { region: '110105', mode: 'sporadic', on: '2025-09-29' }).workingDays, 5);
  });

  it('upserting the same id replaces the policy', async () => {
    await t.store.upsert(HANGZHOU);
    await t.store.upsert({ ...HANGZHOU, workingDays: 4 });
    assert.deepEqual(await t.store.all(), [
      { ...HANGZHOU, workingDays: 4, pauseWhileReturned: true, reviewSamplingRate: 0 },
    ]);
  });

  it('refuses an invalid policy with POLICY_INVALID and stores nothing', async () => {
    await assert.rejects(
      t.store.upsert({ ...HANGZHOU, region: '330', workingDays: 0 }),
      (error: unknown) => error instanceof SscardError && error.code === 'POLICY_INVALID',
    );
    assert.deepEqual(await t.store.all(), []);
  });
});
