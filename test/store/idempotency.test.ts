import assert from 'node:assert/strict';
import { createIdempotencyStore } from '../../store/idempotency';
import { databasePerTest } from '../support/world';

const CALLER = 'unit_clerk:clerk-01:91330100TEST01';
const LEASE = 30_000;
const at = (ms: number) => new Date(Date.UTC(2026, 11, 2, 4, 0, 0) + ms);

describe('idempotency claims', () => {
  const t = databasePerTest('idempotency', (db) => ({
    store: createIdempotencyStore(db, { leaseMs: LEASE, keepMs: 24 * 3600_000 }),
  }));

  it('end with the request that made them: a claim no longer renewed lapses after its lease', async () => {
    assert.deepEqual(await t.store.claim(CALLER, 'k1', 'f', 'api-a', false, at(0)), { outcome: 'proceed' });
    assert.deepEqual(await t.store.claim(CALLER, 'k1', 'f', 'api-b', false, at(LEASE - 1)), {
      outcome: 'in_flight',
    });
    // Renewed while the request runs, the claim holds past its first lease...
    assert.equal(await t.store.renew(CALLER, 'k1', 'api-a', at(LEASE - 1)), true);
    assert.deepEqual(await t.store.claim(CALLER, 'k1', 'f', 'api-b', false, at(LEASE + 1)), {
      outcome: 'in_flight',
    });
    // ...and once nobody renews it (the process died), a retry runs the request again, once.
    assert.deepEqual(await t.store.claim(CALLER, 'k1', 'f', 'api-b', false, at(2 * LEASE)), {
      outcome: 'proceed',
    });
    assert.deepEqual(await t.store.claim(CALLER, 'k1', 'f', 'api-c', false, at(2 * LEASE + 1)), {
      outcome: 'in_flight',
    });
    assert.equal(await t.store.renew(CALLER, 'k1', 'api-a', at(2 * LEASE + 2)), false, 'no longer its claim');
  });

  it('a process takes over at once the claim of its own request that ended without giving the key back', async () => {
    await t.store.claim(CALLER, 'k2', 'f', 'api-a', false, at(0));
    assert.deepEqual(await t.store.claim(CALLER, 'k2', 'f', 'api-b', true, at(1)), { outcome: 'in_flight' });
    assert.deepEqual(await t.store.claim(CALLER, 'k2', 'f', 'api-a', true, at(2)), { outcome: 'proceed' });
  });

  it('answers a settled request again, and refuses its key for another request', async () => {
    await t.store.claim(CALLER, 'k3', 'f', 'api-a', false, at(0));
    await t.store.complete(CALLER, 'k3', { status: 201, body: '{"ok":true}' });
    assert.deepEqual(await t.store.claim(CALLER, 'k3', 'f', 'api-b', false, at(1)), {
      outcome: 'replay',
      response: { status: 201, body: '{"ok":true}' },
    });
    assert.deepEqual(await t.store.claim(CALLER, 'k3', 'other', 'api-b', false, at(2)), {
      outcome: 'reused',
    });
    assert.deepEqual(await t.store.claim(`${CALLER}x`, 'k3', 'other', 'api-b', false, at(3)), {
      outcome: 'proceed',
    });
  });
});
