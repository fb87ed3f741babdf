// A card's use over HTTP: the terminals' network reports as signed Standard Webhooks, and an operator unlocks the
// card at a counter. A report signed by another partner, or sent again, changes nothing.
import assert from 'node:assert/strict';
import { signCallback } from '../../api/signatures';
import type { CardUse } from '../../domain/card-use';
import { issuedCard } from '../card-life/support';
import { apiWorldForSuite, PARTNER_SECRETS } from './support';

const REPORTS = '/v1/partners/card-use/reports';

describe("a card's use over HTTP", () => {
  const t = apiWorldForSuite();

  /** A report as the terminals' network signs it; `id` is its webhook-id. */
  const fromTerminals = (body: string, id?: string) =>
    t.call<{ use: CardUse }>(null, 'POST', REPORTS, {
      raw: body,
      headers: {
        'Content-Type': 'application/json',
        ...signCallback(PARTNER_SECRETS['card-terminals'][0]!, body, id ? { id } : {}),
      },
    });
  const report = (chipId: string, event: string) =>
    JSON.stringify({ chipId, event, where: 'terminal', at: new Date().toISOString() });

  it('counts six wrong PINs reported by the terminals, once each, and an operator unlocks the card', async () => {
    const card = await issuedCard(t.world, 0);
    const chipId = card.chipId!;
    const first = report(chipId, 'pin_failed');
    const taken = await fromTerminals(first, 'msg-pin-1');
    assert.equal(taken.status, 200, JSON.stringify(taken.body));
    assert.equal(taken.body.use.pinFailures, 1);
    const again = await fromTerminals(first, 'msg-pin-1');
    assert.equal(again.body.error?.code, 'SIGNATURE_REPLAYED', 'the same message is refused at the edge');

    // Signed by the manufacturer: the chip is not theirs to report on, and nothing is counted.
    const forged = await t.callback(REPORTS, report(chipId, 'pin_failed'));
    assert.equal(forged.status, 404);
    assert.equal(forged.body.error?.code, 'CHIP_UNKNOWN');
    const unknown = await fromTerminals(report('00000000DEADBEEF', 'pin_failed'));
    assert.equal(unknown.body.error?.code, 'CHIP_UNKNOWN');
    assert.equal((await t.world.stores.cardUse.get(card._id))?.pinFailures, 1);

    const unlockEarly = await t.call('operator', 'POST', `/v1/cards/${card._id}/unlock`, { body: {} });
    assert.equal(unlockEarly.status, 409);
    assert.equal(unlockEarly.body.error?.code, 'CARD_NOT_LOCKED');

    let last = taken;
    for (let i = 2; i <= 6; i++) last = await fromTerminals(report(chipId, 'pin_failed'));
    assert.ok(last.body.use.lockedAt, 'the sixth wrong PIN locks the card');

    const clerk = await t.call('clerk', 'POST', `/v1/cards/${card._id}/unlock`, { body: {} });
    assert.equal(clerk.status, 403);
    const unlocked = await t.call<{ use: CardUse }>('operator', 'POST', `/v1/cards/${card._id}/unlock`, {
      body: { note: 'ID card checked' },
    });
    assert.equal(unlocked.status, 200, JSON.stringify(unlocked.body));
    assert.equal(unlocked.body.use.lockedAt, undefined);
    assert.equal(unlocked.body.use.pinFailures, 0);
    assert.equal(t.world.sims.terminals.behaviour.requests('resetPinCounter'), 1);
  });
});
