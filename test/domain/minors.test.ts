// The rules for minors on their own: who needs a guardian and who may not have one, on the birthdays that decide,
// the photo rule by age, the day a holder comes of age (29 February too), and which region row's rules apply.
import assert from 'node:assert/strict';
import type { Applicant, Guardian } from '../../domain/applicant';
import { DEFAULT_POLICIES, minorRulesFor } from '../../domain/deadline-policy';
import { settingRow } from '../support/policies';
import {
  adultOn,
  birthdayOf,
  contactPhone,
  guardianRefusal,
  minorRulesSchema,
  NATIONAL_MINOR_RULES,
  photoRequired,
} from '../../domain/minors';
import { makeResidentId } from '../../domain/resident-id';

const TODAY = '2026-12-07';
const born = (birthDate: string, sequence = 1): Applicant => ({
  residentId: makeResidentId({ regionCode: '440103', birthDate, sequence }),
  name: '陈小明',
  phone: '13800138001',
});
const PARENT = born('1990-03-01', 2);
const guardian: Guardian = {
  residentId: PARENT.residentId,
  name: '陈建国',
  phone: '13800138002',
  relation: 'father',
  householdRegister: '440103-001234',
};
const GUANGDONG = minorRulesSchema.parse({ noPhotoUnder: 7 });

describe('the rules for minors', () => {
  it('want a guardian under 16, let 16 and 17 year olds choose, and refuse one for an adult', () => {
    const code = (applicant: Applicant) => guardianRefusal(applicant, NATIONAL_MINOR_RULES, TODAY)?.code;
    assert.equal(code(born('2010-12-08')), 'GUARDIAN_REQUIRED', 'a day before turning 16');
    assert.equal(code({ ...born('2010-12-08'), guardian }), undefined);
    assert.equal(code(born('2010-12-07')), undefined, 'turned 16 today: may apply alone');
    assert.equal(code({ ...born('2010-12-07'), guardian }), undefined, '...or through a guardian');
    assert.equal(code({ ...born('2008-12-08'), guardian }), undefined, 'a day before turning 18');
    assert.equal(code({ ...born('2008-12-07'), guardian }), 'GUARDIAN_FOR_ADULT', 'turned 18 today');
    assert.equal(code(born('2008-12-07')), undefined);
  });

  it('refuse a guardian who is the minor, or who is not an adult', () => {
    const child = born('2019-06-01');
    const code = (g: Guardian) =>
      guardianRefusal({ ...child, guardian: g }, NATIONAL_MINOR_RULES, TODAY)?.code;
    assert.equal(code({ ...guardian, residentId: child.residentId }), 'GUARDIAN_IS_APPLICANT');
    assert.equal(code({ ...guardian, residentId: born('2008-12-08', 4).residentId }), 'GUARDIAN_NOT_ADULT');
    assert.equal(code({ ...guardian, residentId: born('2008-12-07', 4).residentId }), undefined);
    for (const refusal of [
      guardianRefusal(child, NATIONAL_MINOR_RULES, TODAY),
      guardianRefusal(
        { ...child, guardian: { ...guardian, residentId: child.residentId } },
        NATIONAL_MINOR_RULES,
        TODAY,
      ),
    ])
      assert.ok(refusal && !refusal.message.includes(child.residentId), 'the message names no one');
  });

  it('take no photo under the region’s age, and a photo at every age where the region sets none', () => {
    assert.equal(photoRequired(born('2019-12-08'), GUANGDONG, TODAY), false, 'a day before turning 7');
    assert.equal(photoRequired(born('2019-12-07'), GUANGDONG, TODAY), true, 'turned 7 today');
    assert.equal(photoRequired(born('2024-01-01'), NATIONAL_MINOR_RULES, TODAY), true);
  });

  it('hand the card over on the 18th birthday, on 1 March for one born on 29 February', () => {
    assert.equal(adultOn({ ...born('2012-05-17'), guardian }, NATIONAL_MINOR_RULES), '2030-05-17');
    assert.equal(adultOn(born('2012-05-17'), NATIONAL_MINOR_RULES), undefined, 'no guardian, no hand-over');
    assert.equal(birthdayOf('2008-02-29', 18), '2026-03-01');
    assert.equal(birthdayOf('2012-02-29', 18), '2030-03-01');
    assert.equal(birthdayOf('2012-02-29', 16), '2028-02-29');
  });

  it('send the notices to the guardian until the hand-over, then to the holder', () => {
    const child = { ...born('2015-01-01'), guardian };
    assert.equal(contactPhone(child, false), guardian.phone);
    assert.equal(contactPhone(child, true), child.phone);
    assert.equal(contactPhone(born('2000-01-01'), false), '13800138001');
  });

  it('come from the most specific row that sets them, whatever its mode, else the national ones', () => {
    const row = (id: string, region: string, minors: object, effectiveFrom?: string) =>
      settingRow(id, region, { minors }, effectiveFrom);
    const policies = [
      ...DEFAULT_POLICIES,
      row('guangdong', '44', { noPhotoUnder: 7 }),
      row('guangzhou-later', '4401', { noPhotoUnder: 6 }, '2027-01-01'),
    ];
    assert.deepEqual(minorRulesFor(policies, '440103', TODAY), {
      guardianUnder: 16,
      adultAt: 18,
      noPhotoUnder: 7,
    });
    assert.equal(minorRulesFor(policies, '440103', '2027-01-01').noPhotoUnder, 6);
    assert.deepEqual(minorRulesFor(policies, '330100', TODAY), NATIONAL_MINOR_RULES);
    assert.throws(() => minorRulesSchema.parse({ guardianUnder: 18, adultAt: 17 }));
  });
});
