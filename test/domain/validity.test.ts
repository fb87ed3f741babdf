// How long a card is valid, by the holder's age and the region's rules, and which row's rules apply.
import assert from 'node:assert/strict';
import { DEFAULT_POLICIES, rowSetting } from '../../domain/deadline-policy';
import { settingRow } from '../support/policies';
import { SHANGHAI_VALIDITY, validityOf, validityRulesSchema } from '../../domain/validity';

const shanghai = validityRulesSchema.parse(SHANGHAI_VALIDITY);
const REGISTERED = '2026-12-07';

describe("a card's validity", () => {
  it('lasts 10 years with a 60-day renewal window where no row sets rules', () => {
    assert.deepEqual(validityOf('p', undefined, '1990-05-01', REGISTERED), {
      policyId: 'p',
      expiresOn: '2036-12-07',
      renewableFrom: '2036-10-08',
    });
    const city = validityRulesSchema.parse({ renewalWindowDays: 30 });
    assert.equal(validityOf('p', city, '1990-05-01', REGISTERED).renewableFrom, '2036-11-07');
  });

  it("follows Shanghai's bands by the holder's age on the day the card is registered", () => {
    const expiry = (birthDate: string) => validityOf('sh', shanghai, birthDate, REGISTERED).expiresOn;
    assert.equal(expiry('2020-12-08'), '2027-12-08', 'aged 5: until the 7th birthday');
    assert.equal(expiry('2019-12-08'), '2026-12-08', 'aged 6, a day before turning 7: until tomorrow');
    assert.equal(expiry('2019-12-07'), '2036-12-07', 'turned 7 today: 10 years');
    assert.equal(expiry('2000-12-08'), '2036-12-07', 'aged 25: 10 years');
    assert.equal(expiry('2000-12-07'), '2046-12-07', 'turned 26: 20 years');
    assert.equal(expiry('1981-12-08'), '2046-12-07', 'aged 44: 20 years');
    assert.equal(expiry('1980-12-07'), undefined, 'turned 46: no expiry');
    assert.deepEqual(validityOf('sh', shanghai, '1950-01-01', REGISTERED), { policyId: 'sh' });
  });

  it('moves 29 February to 28 February in a year without it', () => {
    assert.equal(validityOf('p', undefined, '1990-05-01', '2024-02-29').expiresOn, '2034-02-28');
    assert.equal(validityOf('sh', shanghai, '2020-02-29', REGISTERED).expiresOn, '2027-02-28');
  });

  it('refuses rules that leave an age without a band or end a card before it is issued', () => {
    const refused = (rules: unknown) => !validityRulesSchema.safeParse(rules).success;
    assert.ok(refused({ bands: [{ fromAge: 7, expires: { years: 10 } }] }), 'no band from age 0');
    assert.ok(
      refused({
        bands: [
          { fromAge: 0, expires: { years: 10 } },
          { fromAge: 0, expires: 'never' },
        ],
      }),
      'two bands from one age',
    );
    assert.ok(
      refused({ bands: [{ fromAge: 0, expires: { atAge: 7 } }] }),
      'no band after the age it ends at',
    );
    assert.ok(
      refused({
        bands: [
          { fromAge: 0, expires: { atAge: 5 } },
          { fromAge: 7, expires: { years: 10 } },
        ],
      }),
      'a 6-year-old would get a card that expired',
    );
    assert.ok(refused({ renewalWindowDays: 0 }));
    assert.ok(refused({ bands: [{ fromAge: 0, expires: { years: 10, atAge: 7 } }] }), 'one way to expire');
    assert.ok(!refused({}), 'the national rule');
  });

  it('is read from the most specific row that sets it, whatever its mode', () => {
    const row = (id: string, region: string, renewalWindowDays: number, effectiveFrom?: string) =>
      settingRow(id, region, { validity: { renewalWindowDays } }, effectiveFrom);
    const policies = [
      ...DEFAULT_POLICIES,
      row('zhejiang', '33', 45),
      row('ningbo', '3302', 30),
      row('ningbo-later', '3302', 20, '2030-01-01'),
    ];
    assert.equal(rowSetting(policies, 'validity', '330200', REGISTERED)?.id, 'ningbo');
    assert.equal(rowSetting(policies, 'validity', '330200', '2030-01-01')?.id, 'ningbo-later');
    assert.equal(rowSetting(policies, 'validity', '330100', REGISTERED)?.id, 'zhejiang');
    assert.equal(rowSetting(policies, 'validity', '310100', REGISTERED), undefined, 'the national rule');
  });
});
