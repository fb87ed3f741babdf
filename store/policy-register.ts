// A register of policy rows an administrator keeps (deadline policies, fee policies): the national defaults seeded
// once, every row read through the reference cache, a row added or replaced whole or refused with the register's
// code and every problem named.
import type { Db, OptionalUnlessRequiredId } from 'mongodb';
import type { z } from 'zod';
import { type ErrorCode, SscardError } from '../domain/errors';
import { cached } from './reference-cache';

export function policyRegister<T extends { id: string }>(
  db: Db,
  options: { collection: string; schema: z.ZodType<T>; defaults: readonly T[]; invalid: ErrorCode },
) {
  type Doc = Omit<T, 'id'> & { _id: string };
  const rows = db.collection<Doc>(options.collection);
  const all = cached(async () =>
    (await rows.find({}).sort({ _id: 1 }).toArray()).map(
      ({ _id, ...rest }) => ({ id: _id, ...rest }) as unknown as T,
    ),
  );
  return {
    /** Inserts the national defaults that are missing; a default an administrator changed stays changed. */
    async seedDefaults(): Promise<{ inserted: string[] }> {
      const inserted: string[] = [];
      for (const { id, ...rest } of options.defaults) {
        const result = await rows.updateOne({ _id: id } as never, { $setOnInsert: rest } as never, {
          upsert: true,
        });
        if (result.upsertedCount === 1) inserted.push(id);
      }
      all.invalidate();
      return { inserted };
    },

    all: (): Promise<T[]> => all.get(),

    /** Adds a row or replaces the one with the same id; refused whole with the register's code. */
    async upsert(input: unknown): Promise<T> {
      const parsed = options.schema.safeParse(input);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
        throw new SscardError(options.invalid, problems.join('; '), { problems });
      }
      const { id, ...rest } = parsed.data;
      await rows.replaceOne({ _id: id } as never, rest as OptionalUnlessRequiredId<Doc>, { upsert: true });
      all.invalidate();
      return parsed.data;
    },
  };
}
