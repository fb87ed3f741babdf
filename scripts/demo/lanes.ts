// The two newer lanes, turned on for the demo's city as a region turns them on: a counter with a card printer and
// an instant policy; an online desk, its return counter and an online policy. The demo and the fault run use them.
import type { UnitDoc } from '../../domain/documents/units';
import { type DeadlinePolicyInput, INSTANT_POLICY_EXAMPLE, onlinePolicy } from '../../domain/deadline-policy';
import type { CounterDoc } from '../../domain/counters';
import type { Stores } from '../../store';

/** A service hall's counter with a card printer in the first unit's city: instant cards, and returned parcels. */
export const DEMO_COUNTER: CounterDoc = {
  _id: '330106-HALL-01',
  name: 'Xihu district service hall, window 1',
  region: '330106',
  kind: 'service_hall',
  printer: true,
  status: 'open',
};

export const DEMO_ONLINE_DESK: UnitDoc = {
  _id: '91330100ONLINE01',
  name: 'Hangzhou social insurance center, online desk',
  region: '330100',
  status: 'active',
  contact: 'portal:unit:91330100ONLINE01',
};

const POLICIES: DeadlinePolicyInput[] = [
  { ...INSTANT_POLICY_EXAMPLE, id: 'demo-hangzhou-instant', region: '3301' },
  onlinePolicy('demo-hangzhou-online', '3301', {
    unitId: DEMO_ONLINE_DESK._id,
    returnCounterId: DEMO_COUNTER._id,
    codeValidDays: 14,
  }),
];

export async function turnOnLanes(stores: Pick<Stores, 'counters' | 'units' | 'policies'>): Promise<void> {
  await stores.counters.upsert(DEMO_COUNTER);
  await stores.units.upsert(DEMO_ONLINE_DESK);
  for (const policy of POLICIES) await stores.policies.upsert(policy);
}
