// Deadline policies in MongoDB: the national defaults, plus whatever rows an administrator adds.
import type { Db } from 'mongodb';
import { DEFAULT_POLICIES, type DeadlinePolicy, deadlinePolicySchema } from '../domain/deadline-policy';
import { SscardError } from '../domain/errors';

type PolicyDoc = Omit<DeadlinePolicy, 'id'> & { _id: string };

export function createPolicyStore(db: Db) {
  const policies = db.collection<PolicyDoc>('deadline_policies');
  return {
    async seedDefaults(): Promise<void> {
      for (const { id, ...rest } of DEFAULT_POLICIES) {
        await policies.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true });
      }
    },
    async all(): Promise<DeadlinePolicy[]> {
      return (await policies.find({}).sort({ _id: 1 }).toArray()).map(({ _id, ...rest }) => ({ id: _id, ...rest }));
    },
    async upsert(input: unknown): Promise<DeadlinePolicy> {
      const parsed = deadlinePolicySchema.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new SscardError('POLICY_INVALID', problems.join('; '), { problems });
      }
      const { id, ...rest } = parsed.data;
      await policies.replaceOne({ _id: id }, rest, { upsert: true });
      return parsed.data;
    },
  };
}
export type PolicyStore = ReturnType<typeof createPolicyStore>;
