// An insured unit (employer) registered with the center (store/units.ts keeps them).

export interface UnitDoc {
  _id: string;
  name: string;
  /** 6-digit region code of the unit's locality: selects the deadline policy. */
  region: string;
  status: 'active' | 'suspended';
  /** Portal inbox or e-mail where the unit receives notices. */
  contact: string;
}
