// fast-check arbitraries for property tests: generated data that obeys the domain's rules.
import fc from 'fast-check';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { PROVINCE_CODES } from '../../domain/regions';
import { makeResidentId } from '../../domain/resident-id';

/** A 6-digit region code under a real province; the county part is any four digits, as the rules allow. */
export const regionCodeArb: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...Object.keys(PROVINCE_CODES)), fc.stringMatching(/^\d{4}$/))
  .map(([province, rest]) => province + rest);

/** A birth date from 1900-01-01 to today (Shanghai), as YYYY-MM-DD. */
export const birthDateArb: fc.Arbitrary<string> = fc
  .date({
    min: new Date('1900-01-01T00:00:00.000Z'),
    max: new Date(`${shanghaiDate(new Date())}T00:00:00.000Z`),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));

export const residentIdPartsArb = fc.record({
  regionCode: regionCodeArb,
  birthDate: birthDateArb,
  sequence: fc.integer({ min: 0, max: 999 }),
});

/** A valid resident ID number (GB 11643-1999). */
export const residentIdArb: fc.Arbitrary<string> = residentIdPartsArb.map(makeResidentId);
