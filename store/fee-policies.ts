// Fee policies in MongoDB, a register of their own beside the deadline policies: the national defaults, plus
// whatever rows an administrator adds (a province's tariff, a new one from a date).
import type { Db } from 'mongodb';
import { DEFAULT_FEE_POLICIES, type FeePolicy, feePolicySchema } from '../domain/fees';
import { policyRegister } from './policy-register';

export function createFeePolicyStore(db: Db) {
  return policyRegister<FeePolicy>(db, {
    collection: 'fee_policies',
    schema: feePolicySchema,
    defaults: DEFAULT_FEE_POLICIES,
    invalid: 'FEE_POLICY_INVALID',
  });
}
export type FeePolicyStore = ReturnType<typeof createFeePolicyStore>;
