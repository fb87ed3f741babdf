import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ageOn,
  checkCharacter,
  makeResidentId,
  maskResidentId,
  parseResidentId,
  residentIdSchema,
} from '../../domain/resident-id';
import { residentIdArb, residentIdPartsArb } from '../support/arbitraries';

// The worked example printed in GB 11643-1999 itself.
const STANDARD_EXAMPLE = '11010519491231002X';
const TODAY = '2025-09-29';
const CHARACTERS = '0123456789X';

function codeOf(raw: string, today = TODAY): string {
  const result = parseResidentId(raw, today);
  return result.ok ? 'ok' : result.code;
}

/** The code for a number made of these parts, with its right check character. */
const codeOfMade = (regionCode: string, birthDate: string, sequence: number): string =>
  codeOf(makeResidentId({ regionCode, birthDate, sequence }));

/** True when the check character alone refuses the number (it has the shape of a number at all). */
function checksumRefuses(id: string): boolean {
  return !/^\d{17}[\dX]$/.test(id) || checkCharacter(id.slice(0, 17)) !== id[17];
}

describe('resident ID numbers (GB 11643-1999)', () => {
  describe('properties', () => {
    it('every number built from a known province, a birth date since 1900 and any sequence is accepted', () => {
      fc.assert(
        fc.property(residentIdPartsArb, (parts) => {
          const result = parseResidentId(makeResidentId(parts));
          assert.ok(result.ok, `refused: ${JSON.stringify(parts)}`);
          assert.equal(result.value.regionCode, parts.regionCode);
          assert.equal(result.value.birthDate, parts.birthDate);
          assert.equal(result.value.sex, parts.sequence % 2 === 1 ? 'male' : 'female');
        }),
        { numRuns: 2000 },
      );
    });

    it('every single mistyped character is refused, and the check character alone catches it', () => {
      const typo = fc.tuple(residentIdArb, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 10 }));
      fc.assert(
        fc.property(typo, ([id, at, shift]) => {
          const wrong = CHARACTERS[(CHARACTERS.indexOf(id[at]!) + shift) % CHARACTERS.length]!;
          const mistyped = id.slice(0, at) + wrong + id.slice(at + 1);
          assert.notEqual(mistyped, id);
          assert.equal(parseResidentId(mistyped).ok, false);
          assert.ok(checksumRefuses(mistyped), `${mistyped} passes the check character`);
        }),
        { numRuns: 2000 },
      );
    });

    it('every swap of two different neighbouring characters is refused, and the check character alone catches it', () => {
      const swap = fc
        .tuple(residentIdArb, fc.integer({ min: 0, max: 16 }))
        .filter(([id, at]) => id[at] !== id[at + 1]);
      fc.assert(
        fc.property(swap, ([id, at]) => {
          const swapped = id.slice(0, at) + id[at + 1]! + id[at]! + id.slice(at + 2);
          assert.equal(parseResidentId(swapped).ok, false);
          assert.ok(checksumRefuses(swapped), `${swapped} passes the check character`);
        }),
        { numRuns: 2000 },
      );
    });
  });

  describe('examples', () => {
    it('reads region, birth date and sex from the standard example', () => {
      assert.deepEqual(parseResidentId(STANDARD_EXAMPLE, TODAY), {
        ok: true,
        value: { id: STANDARD_EXAMPLE, regionCode: '110105', birthDate: '1949-12-31', sex: 'female' },
      });
    });

    it('accepts a lowercase x and surrounding whitespace, and stores the number normalized', () => {
      const result = parseResidentId(`  ${STANDARD_EXAMPLE.toLowerCase()}\n`, TODAY);
      assert.ok(result.ok);
      assert.equal(result.value.id, STANDARD_EXAMPLE);
    });

    it('normalizes nothing else: inner spaces, full-width digits and separators are refused as RID_FORMAT', () => {
      assert.equal(codeOf('110105 19491231002X'), 'RID_FORMAT');
      assert.equal(codeOf('１１0105194912310０2X'), 'RID_FORMAT');
      assert.equal(codeOf('110105-19491231-002X'), 'RID_FORMAT');
    });

    it('refuses a wrong length or a letter other than the final X as RID_FORMAT', () => {
      assert.equal(codeOf(STANDARD_EXAMPLE.slice(0, 17)), 'RID_FORMAT');
      assert.equal(codeOf(`${STANDARD_EXAMPLE}0`), 'RID_FORMAT');
      assert.equal(codeOf('1101051949123100XX'), 'RID_FORMAT');
      assert.equal(codeOf('11010519491231002Y'), 'RID_FORMAT');
      assert.equal(codeOf(''), 'RID_FORMAT');
    });

    it('refuses a number whose first two digits are no province as RID_REGION', () => {
      for (const regionCode of ['000000', '100105', '160105', '240105', '700105', '830105', '990105']) {
        assert.equal(codeOfMade(regionCode, '1990-05-17', 123), 'RID_REGION', regionCode);
      }
    });

    it('accepts any county part under a known province: county lists change every year', () => {
      assert.equal(codeOfMade('330000', '1990-05-17', 123), 'ok');
      assert.equal(codeOfMade('829999', '1990-05-17', 123), 'ok');
    });

    it('refuses a birth date that is no real date, or before 1900, as RID_BIRTH_DATE', () => {
      for (const date of ['19900230', '19901301', '19900000', '20230229', '18991231']) {
        const first17 = `330106${date}123`;
        assert.equal(codeOf(first17 + checkCharacter(first17)), 'RID_BIRTH_DATE', date);
      }
      assert.equal(codeOfMade('330106', '2024-02-29', 1), 'ok');
      assert.equal(codeOfMade('330106', '1900-01-01', 1), 'ok');
    });

    it('refuses a birth date after today (Shanghai) as RID_BIRTH_IN_FUTURE; born today is fine', () => {
      const id = makeResidentId({ regionCode: '330106', birthDate: '2025-09-30', sequence: 8 });
      assert.equal(codeOf(id, '2025-09-29'), 'RID_BIRTH_IN_FUTURE');
      assert.equal(codeOf(id, '2025-09-30'), 'ok');
    });

    it('refuses a wrong check character as RID_CHECKSUM, without repeating the number', () => {
      const id = '110105194912310021';
      const result = parseResidentId(id, TODAY);
      assert.ok(!result.ok);
      assert.equal(result.code, 'RID_CHECKSUM');
      for (let at = 0; at + 6 <= id.length; at++) {
        assert.ok(
          !result.message.includes(id.slice(at, at + 6)),
          'the message carries no part of the number',
        );
      }
    });

    it('makes numbers with the sex in the sequence and refuses impossible parts', () => {
      assert.equal(
        makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 }),
        STANDARD_EXAMPLE,
      );
      assert.throws(
        () => makeResidentId({ regionCode: '11010', birthDate: '1949-12-31', sequence: 2 }),
        RangeError,
      );
      assert.throws(
        () => makeResidentId({ regionCode: '110105', birthDate: '1949-02-30', sequence: 2 }),
        RangeError,
      );
      assert.throws(
        () => makeResidentId({ regionCode: '110105', birthDate: '1949-12-31', sequence: 1000 }),
        RangeError,
      );
    });

    it('masks all but the first 3 and last 4 characters for display', () => {
      assert.equal(maskResidentId(STANDARD_EXAMPLE), '110***********002X');
      assert.equal(maskResidentId('1234567'), '*******');
    });

    it('counts age in whole years, the year turning on the birthday', () => {
      assert.equal(ageOn('1990-05-17', '2025-05-16'), 34);
      assert.equal(ageOn('1990-05-17', '2025-05-17'), 35);
      assert.equal(ageOn('2008-02-29', '2026-02-28'), 17);
      assert.equal(ageOn('2008-02-29', '2026-03-01'), 18);
    });
  });

  describe('as a zod field', () => {
    it('normalizes a valid number', () => {
      assert.equal(residentIdSchema.parse(' 11010519491231002x '), STANDARD_EXAMPLE);
    });

    it('carries the RID_* code in the issue so the edge reports it', () => {
      const result = residentIdSchema.safeParse('110105194912310021');
      assert.equal(result.success, false);
      const issue = result.error?.issues[0];
      assert.equal(issue?.code, 'custom');
      assert.deepEqual(issue?.code === 'custom' ? issue.params : undefined, { code: 'RID_CHECKSUM' });
    });
  });
});
