// The fee decided at acceptance: the region's policy in effect on the day, the application's reason, and an
// exemption only where the policy grants it.
import assert from 'node:assert/strict';
import { SscardError } from '../../domain/errors';
import {
  decideFee,
  DEFAULT_FEE_POLICIES,
  type FeePolicy,
  feePolicySchema,
  feeReasonOf,
  requireDamageWithinAYear,
} from '../../domain/fees';

const ZHEJIANG_2027: FeePolicy = {
  id: 'zhejiang-2027',
  region: '33',
  effectiveFrom: '2027-01-01',
  fees: { first_card: 0, loss_replacement: 1000, damage_replacement: 1000, renewal: 0, generation_switch: 0 },
  exemptions: ['DISABLED'],
};
const POLICIES = [...DEFAULT_FEE_POLICIES, ZHEJIANG_2027];

const refusedWith = (code: string) => (error: unknown) => error instanceof SscardError && error.code === code;

describe('the fee of an application', () => {
  it('is nothing for a first card and a renewal, ¥20 for a replacement after a loss or damage, by default', () => {
    const fee = (application: Parameters<typeof feeReasonOf>[0]) =>
      decideFee(POLICIES, { region: '110101', on: '2026-12-07', reason: feeReasonOf(application) });
    assert.equal(fee({}).dueFen, 0);
    assert.equal(fee({ renewal: { cardId: 'C1' } }).reason, 'renewal');
    assert.equal(fee({ renewal: { cardId: 'C1' } }).dueFen, 0);
    assert.equal(fee({ replacement: { reason: 'EXPIRED' } }).reason, 'renewal');
    assert.deepEqual(
      [fee({ replacement: { reason: 'LOST' } }), fee({ replacement: { reason: 'DAMAGED' } })].map((f) => [
        f.reason,
        f.dueFen,
      ]),
      [
        ['loss_replacement', 2000],
        ['damage_replacement', 2000],
      ],
    );
  });

  it('follows the most specific region’s policy once it has taken effect', () => {
    const lost = { region: '330106', reason: 'loss_replacement' } as const;
    assert.equal(decideFee(POLICIES, { ...lost, on: '2026-12-31' }).policyId, 'national-fees-2019');
    const after = decideFee(POLICIES, { ...lost, on: '2027-01-01' });
    assert.deepEqual([after.policyId, after.dueFen, after.exemptions], ['zhejiang-2027', 1000, ['DISABLED']]);
  });

  it('waives the fee for an exemption the policy grants, and refuses one it does not', () => {
    const damaged = { region: '110101', on: '2026-12-07', reason: 'damage_replacement' } as const;
    const exempt = decideFee(POLICIES, { ...damaged, exemption: 'DAMAGE_NOT_HOLDERS_FAULT' });
    assert.deepEqual(
      [exempt.amountFen, exempt.dueFen, exempt.exemption],
      [2000, 0, 'DAMAGE_NOT_HOLDERS_FAULT'],
    );
    assert.throws(
      () => decideFee(POLICIES, { ...damaged, region: '330106', on: '2027-02-01', exemption: 'LOW_INCOME' }),
      refusedWith('FEE_EXEMPTION_NOT_IN_EFFECT'),
    );
    assert.throws(
      () =>
        decideFee(POLICIES, {
          ...damaged,
          reason: 'loss_replacement',
          exemption: 'DAMAGE_NOT_HOLDERS_FAULT',
        }),
      refusedWith('FEE_EXEMPTION_NOT_IN_EFFECT'),
    );
  });

  it('takes damage not the holder’s fault for a card issued within a year only', () => {
    const on = new Date('2026-12-07T02:00:00Z');
    assert.doesNotThrow(() => requireDamageWithinAYear(new Date('2026-01-10T02:00:00Z'), on));
    for (const issuedAt of [new Date('2025-12-01T02:00:00Z'), undefined])
      assert.throws(() => requireDamageWithinAYear(issuedAt, on), refusedWith('FEE_EXEMPTION_NOT_IN_EFFECT'));
  });

  it('is refused where no policy is in effect on the day', () => {
    assert.throws(
      () => decideFee([ZHEJIANG_2027], { region: '330106', on: '2026-06-01', reason: 'first_card' }),
      refusedWith('FEE_POLICY_NOT_IN_EFFECT'),
    );
  });

  it('takes amounts in whole fen only', () => {
    const fees = { ...ZHEJIANG_2027.fees, loss_replacement: 10.5 };
    assert.equal(feePolicySchema.safeParse({ ...ZHEJIANG_2027, fees }).success, false);
    assert.equal(feePolicySchema.safeParse(ZHEJIANG_2027).success, true);
  });
});
