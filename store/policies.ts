// Deadline policies in MongoDB: the national defaults, plus whatever rows an administrator adds.
import type { Db } from 'mongodb';
import { DEFAULT_POLICIES, type DeadlinePolicy, deadlinePolicySchema } from '../domain/deadline-policy';
import { policyRegister } from './policy-register';
import type { PolicyStore } from './ports/center';

export function createPolicyStore(db: Db): PolicyStore {
  return policyRegister<DeadlinePolicy>(db, {
    collection: 'deadline_policies',
    schema: deadlinePolicySchema,
    defaults: DEFAULT_POLICIES,
    invalid: 'POLICY_INVALID',
  });
}
