import assert from 'node:assert/strict';
import fc from 'fast-check';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { z } from 'zod';

// A schema never throws, whatever it is given: safeParse answers with a failure a person can read. A check that
// runs on a value its field already refused (an impossible date handed to date arithmetic) once answered 500.
const root = path.resolve(__dirname, '../..');
const AREAS = ['domain', 'api', 'client', 'config', 'crypto', 'integrations', 'store', 'cli'];

/** Every zod schema a module of the project exports (processes' entry points are not loaded: they start). */
function exportedSchemas(): { name: string; schema: z.ZodType }[] {
  const load = createRequire(__filename);
  const found: { name: string; schema: z.ZodType }[] = [];
  for (const area of AREAS) {
    for (const file of fs.readdirSync(path.join(root, area), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts') || path.basename(file) === 'main.ts') continue;
      const full = path.join(root, area, file);
      if (!fs.readFileSync(full, 'utf8').includes("from 'zod'")) continue;
      const exports = load(full) as Record<string, unknown>;
      for (const [name, value] of Object.entries(exports))
        if (value instanceof z.ZodType) found.push({ name: `${area}/${file} ${name}`, schema: value });
    }
  }
  return found;
}

/** Values that pass a field's first check and trouble the next one: impossible dates, edges of numbers. */
const TRICKY = [
  '',
  ' ',
  '0000-00-00',
  '2026-13-01',
  '2026-02-30',
  '0001-01-01',
  '9999-12-31',
  '2026-12-06',
  '2026-12-06T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '24:00',
  '23:59',
  '11010519491231002X',
  '110105194912310021',
  'NaN',
  '-1',
  '1e400',
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  true,
  null,
];

const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.jsonValue({ maxDepth: 1 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** Inputs shaped like the schema (its fields, options and values) holding anything, or anything at all. */
function shaped(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 4) return anything;
  const shapes: fc.Arbitrary<unknown>[] = [];
  if (schema instanceof z.ZodObject) {
    const shape: Record<string, z.ZodType> = schema.shape;
    const fields = Object.entries(shape);
    shapes.push(
      fc.record(Object.fromEntries(fields.map(([k, v]) => [k, shaped(v, depth + 1)])), { requiredKeys: [] }),
    );
  } else if (schema instanceof z.ZodArray) {
    shapes.push(fc.array(shaped(schema.element as z.ZodType, depth + 1), { maxLength: 3 }));
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    shapes.push(shaped(schema.unwrap() as z.ZodType, depth + 1));
  } else if (schema instanceof z.ZodDefault || schema instanceof z.ZodReadonly) {
    shapes.push(shaped(schema.def.innerType as z.ZodType, depth + 1));
  } else if (schema instanceof z.ZodPipe) {
    shapes.push(shaped(schema.in as z.ZodType, depth + 1));
  } else if (schema instanceof z.ZodUnion) {
    shapes.push(...(schema.options as z.ZodType[]).map((option) => shaped(option, depth + 1)));
  } else if (schema instanceof z.ZodEnum) {
    shapes.push(fc.constantFrom(...(schema.options as unknown[])));
  } else if (schema instanceof z.ZodLiteral) {
    shapes.push(fc.constantFrom(...(schema.values as Set<unknown>)));
  } else if (schema instanceof z.ZodRecord) {
    shapes.push(fc.dictionary(fc.string({ maxLength: 8 }), shaped(schema.valueType as z.ZodType, depth + 1)));
  }
  return fc.oneof(
    { weight: 1, arbitrary: anything },
    ...shapes.map((arbitrary) => ({ weight: 4, arbitrary })),
  );
}

describe('every exported schema', () => {
  let schemas: { name: string; schema: z.ZodType }[] = [];
  before(() => (schemas = exportedSchemas()));

  it('is found: the project exports its schemas from the modules it has', () => {
    assert.ok(schemas.length >= 60, `${schemas.length} schemas`);
  });

  it('answers safeParse for any input, never throwing', () => {
    for (const { name, schema } of schemas) {
      fc.assert(
        fc.property(shaped(schema), (input) => {
          try {
            schema.safeParse(input);
          } catch (error) {
            throw new Error(`${name} threw on ${JSON.stringify(input)}: ${String(error)}`);
          }
        }),
        { numRuns: 150, seed: 20261206 },
      );
    }
  });
});
