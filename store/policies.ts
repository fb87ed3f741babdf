// Deadline policies in MongoDB: the national defaults, plus whatever rows an administrator adds.
import type { Db } from 'mongodb';
import { DEFAULT_POLICIES, type DeadlinePolicy, deadlinePolicySchema } from '../domain/deadline-policy';
import { SscardError } from '../domain/errors';
import { cached } from './reference-cache';
import type { PolicyStore } from './ports/center';

type PolicyDoc = Omit<DeadlinePolicy, 'id'> & { _id: string };

export function createPolicyStore(db: Db): PolicyStore {
  const policies = db.collection<PolicyDoc>('deadline_policies');
  const all = cached(async () =>
    (await policies.find({}).sort({ _id: 1 }).toArray()).map(({ _id, ...rest }) => ({ id: _id, ...rest })),
  );
  return {
    /** Inserts the national defaults that are missing; a default an administrator changed stays changed. */
    async seedDefaults(): Promise<{ inserted: string[] }> {
      const inserted: string[] = [];
      for (const { id, ...rest } of DEFAULT_POLICIES) {
        const result = await policies.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true });
        if (result.upsertedCount === 1) inserted.push(id);
      }
      all.invalidate();
      return { inserted };
    },

    all: (): Promise<DeadlinePolicy[]> => all.get(),

    /** Adds a policy or replaces the one with the same id; refused whole with POLICY_INVALID. */
    async upsert(input: unknown): Promise<DeadlinePolicy> {
      const parsed = deadlinePolicySchema.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new SscardError('POLICY_INVALID', problems.join('; '), { problems });
      }
      const { id, ...rest } = parsed.data;
      await policies.replaceOne({ _id: id }, rest, { upsert: true });
      all.invalidate();
      return parsed.data;
    },
  };
}
