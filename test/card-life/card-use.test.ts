// A card's use after issuance: sealed until activated (the social security function at a counter or terminal, the
// bank function at the bank), wrong PINs counted from the terminals' reports and the lock held at the sixth, the
// unlock at a counter through the terminals' network; every wrong report or request refused, nothing written. Loss
// reports, their lift and a cancellation work on a sealed and on a locked card.
import assert from 'node:assert/strict';
import { registerCollection } from '../../domain/actions/applications';
import { cancelCard, liftLoss, reportLoss, unlockCard } from '../../domain/actions/cards';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { cardLifeWorkflowId } from '../../domain/card-life';
import { PIN_TRIES } from '../../domain/card-use';
import { issuedCard as issuedCardOf, legacyCard } from './support';
import { assertRefused } from '../support/flow';
import { CLERK, MANUFACTURER, oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';

const TERMINALS = PARTNER_ACCOUNTS.terminals;
const BANK = PARTNER_ACCOUNTS.bank;

describe("a card's use: activation, PINs and the lock", () => {
  const world = oneServerPerSuite();

  const issuedCard = (index: number) => issuedCardOf(world, index);
  const useOf = async (cardId: string) => (await world.stores.cardUse.get(cardId))!;
  const report = (chipId: string, event: string, extra: Record<string, string> = {}) => ({
    chipId,
    event,
    where: 'terminal',
    at: new Date().toISOString(),
    ...extra,
  });
  const wrongPins = async (chipId: string, n: number) => {
    for (let i = 0; i < n; i++) await world.sims.terminals.wrongPin(chipId);
  };

  it('a card sscard issues is sealed; its social function is activated at a counter, its bank function apart at the bank', async () => {
    const card = await issuedCard(0);
    const sealed = await useOf(card._id);
    assert.equal(sealed.tracked, true);
    assert.equal(sealed.social.state, 'sealed');
    assert.equal(sealed.financial.state, 'sealed');

    await world.sims.terminals.activate(card.chipId!, 'social', 'counter');
    const social = await useOf(card._id);
    assert.equal(social.social.state, 'active');
    assert.equal(social.social.where, 'counter');
    assert.equal(social.financial.state, 'sealed', 'the bank function is activated apart');

    await world.sims.terminals.setPin(card.chipId!);
    await world.sims.terminals.activate(card.chipId!, 'financial');
    const both = await useOf(card._id);
    assert.equal(both.financial.state, 'active');
    assert.equal(both.financial.where, 'bank');
    assert.ok(both.pinSetAt, 'a PIN was set (sscard never sees it)');
    // The card's status is untouched by its use.
    assert.equal((await world.stores.cards.get(card._id))!.status, 'issued');
  });

  it('six wrong PINs lock the card; a counter unlocks it through the terminals’ network, once', async () => {
    const card = await issuedCard(1);
    const chipId = card.chipId!;
    await world.sims.terminals.activate(chipId, 'social', 'terminal');
    await wrongPins(chipId, PIN_TRIES - 1);
    assert.equal((await useOf(card._id)).pinFailures, PIN_TRIES - 1);
    assert.equal((await useOf(card._id)).lockedAt, undefined, 'five wrong PINs do not lock');
    await assertRefused(world.client.cards.act(unlockCard, card._id, {}, OPERATOR), 'CARD_NOT_LOCKED');
    assert.equal(world.sims.terminals.behaviour.requests('resetPinCounter'), 0);

    await wrongPins(chipId, 1);
    const locked = await useOf(card._id);
    assert.equal(locked.pinFailures, PIN_TRIES);
    assert.ok(locked.lockedAt, 'the sixth wrong PIN locks the card');

    await assertRefused(world.client.cards.act(unlockCard, card._id, {}, CLERK), 'ROLE_NOT_ALLOWED');
    const unlocked = await world.client.cards.act(
      unlockCard,
      card._id,
      { note: 'ID card checked' },
      OPERATOR,
    );
    assert.equal(unlocked.use?.lockedAt, undefined);
    assert.equal(unlocked.use?.pinFailures, 0);
    assert.deepEqual(
      unlocked.events.map((e) => e.event),
      ['unlocked'],
    );
    assert.equal(await world.sims.terminals.wrongPins(chipId), 0, "the chip's counter was reset");
    assert.equal(world.sims.terminals.behaviour.requests('resetPinCounter'), 1);
    assert.equal((await useOf(card._id)).lockedAt, undefined);
    await assertRefused(world.client.cards.act(unlockCard, card._id, {}, OPERATOR), 'CARD_NOT_LOCKED');
    assert.equal(world.sims.terminals.behaviour.requests('resetPinCounter'), 1);
  });

  it('a lock the terminal reports holds at once; a resent report counts once', async () => {
    const card = await issuedCard(2);
    const chipId = card.chipId!;
    const failed = report(chipId, 'pin_failed');
    const first = await world.client.cards.reportUse(failed, TERMINALS, 'card-terminals:msg-1');
    const again = await world.client.cards.reportUse(failed, TERMINALS, 'card-terminals:msg-1');
    assert.equal(first.use.pinFailures, 1);
    assert.equal(again.use.pinFailures, 1, 'the same message is one wrong PIN');
    // Resent after the card's process took another report: a later run, which knows it from the card's use.
    await world.client.cards.reportUse(report(chipId, 'pin_failed'), TERMINALS, 'card-terminals:msg-2');
    const later = await world.client.cards.reportUse(failed, TERMINALS, 'card-terminals:msg-1');
    assert.equal(later.use.pinFailures, 2);
    assert.equal((await useOf(card._id)).pinFailures, 2);

    await world.sims.terminals.lock(chipId);
    const locked = await useOf(card._id);
    assert.ok(locked.lockedAt);
    assert.equal(locked.pinFailures, 2);
  });

  it('a report on an unknown chip, by another partner, or of the bank function by the terminals is refused and writes nothing', async () => {
    const card = await issuedCard(3);
    const chipId = card.chipId!;
    const before = await useOf(card._id);
    const refusals = [
      [report('00000000DEADBEEF', 'pin_failed'), TERMINALS, 'CHIP_UNKNOWN'],
      [report(chipId, 'pin_failed'), MANUFACTURER, 'CHIP_UNKNOWN'],
      [report(chipId, 'activated', { function: 'financial' }), TERMINALS, 'USE_REPORT_NOT_ALLOWED'],
      [report(chipId, 'pin_failed'), BANK, 'USE_REPORT_NOT_ALLOWED'],
      [{ ...report(chipId, 'pin_failed'), function: 'social' }, TERMINALS, 'VALIDATION_FAILED'],
    ] as const;
    for (const [i, [body, partner, code]] of refusals.entries())
      await assertRefused(world.client.cards.reportUse(body, partner, `${partner.id}:m-${i}`), code);
    assert.deepEqual(await useOf(card._id), before);
  });

  it('a loss report, its lift and a cancellation work on a sealed card and on a locked one; a locked card is not registered as collected twice', async () => {
    const sealed = await issuedCard(4);
    const suspended = await world.client.cards.act(
      reportLoss,
      sealed._id,
      { kind: 'temporary', channel: 'phone' },
      OPERATOR,
    );
    assert.equal(suspended.status, 'suspended');
    assert.equal(suspended.use?.social.state, 'sealed');
    const lifted = await world.client.cards.act(liftLoss, sealed._id, {}, OPERATOR);
    assert.equal(lifted.status, 'issued');
    const cancelled = await world.client.cards.act(
      cancelCard,
      sealed._id,
      { reason: 'EMIGRATED' },
      SUPERVISOR,
    );
    assert.equal(cancelled.status, 'cancelled');

    const card = await issuedCard(5);
    await world.sims.terminals.activate(card.chipId!, 'social');
    await world.sims.terminals.lock(card.chipId!);
    const lost = await world.client.cards.act(
      reportLoss,
      card._id,
      { kind: 'formal', channel: 'counter' },
      OPERATOR,
    );
    assert.equal(lost.status, 'lost');
    assert.ok(lost.use?.lockedAt, 'the loss report leaves the lock as it is');
    assert.equal(await world.sims.bank.cardState(card.chipId!), 'frozen');

    const person = world.people[5]!;
    await assertRefused(
      world.client.applications.act(
        registerCollection,
        card.applicationId!,
        {
          collectedBy: person.name,
          relation: 'self',
          receivedOn: shanghaiDate(new Date(await world.env.currentTimeMs())),
          place: 'Hangzhou service hall',
        },
        OPERATOR,
      ),
      'ALREADY_CLOSED',
    );
    const unlocked = await world.client.cards.act(unlockCard, card._id, {}, OPERATOR);
    assert.equal(unlocked.status, 'lost', 'an unlock lifts the lock, not the loss report');
    assert.equal(unlocked.use?.lockedAt, undefined);

    // Locked again, its loss report lifted and the card cancelled: the lock stands in the way of neither.
    await world.sims.terminals.lock(card.chipId!);
    const found = await world.client.cards.act(liftLoss, card._id, {}, OPERATOR);
    assert.equal(found.status, 'issued');
    assert.ok(found.use?.lockedAt);
    const ended = await world.client.cards.act(
      cancelCard,
      card._id,
      { reason: 'HOLDER_REQUEST' },
      SUPERVISOR,
    );
    assert.equal(ended.status, 'cancelled');
    await assertRefused(world.client.cards.act(unlockCard, card._id, {}, OPERATOR), 'CARD_NOT_IN_USE');
  });

  it('a card issued before sscard tracked its use shows as activated', async () => {
    await legacyCard(world, 'C-use-legacy', 'L00000001');
    assert.equal(await world.stores.cardUse.get('C-use-legacy'), null);
    const reported = await world.client.cards.act(
      reportLoss,
      'C-use-legacy',
      { kind: 'formal', channel: 'counter' },
      OPERATOR,
    );
    assert.equal(reported.use?.tracked, false);
    assert.equal(reported.use?.social.state, 'active');
    assert.equal(reported.use?.financial.state, 'active');
  });

  it('a run started before 0.8.0, whose input knows no use, takes a report as for a card with no use record', async () => {
    const card = await issuedCard(6);
    // A card issued before 0.8.0 has no use record; the run its temporary loss report started then had none either.
    await world.db.collection<{ _id: string }>('card_use').deleteOne({ _id: card._id });
    const old = await world.temporal.workflow.start('cardLife', {
      workflowId: cardLifeWorkflowId(card._id),
      taskQueue: world.taskQueue,
      args: [{ cardId: card._id, status: 'issued' }],
    });
    const suspended = await world.client.cards.act(
      reportLoss,
      card._id,
      { kind: 'temporary', channel: 'phone' },
      OPERATOR,
    );
    assert.equal(suspended.use, undefined, 'the old run knows no use');
    const taken = await world.client.cards.reportUse(
      report(card.chipId!, 'pin_failed'),
      TERMINALS,
      'card-terminals:old-run',
    );
    assert.equal(taken.use.tracked, false);
    assert.equal(taken.use.pinFailures, 1);
    assert.equal((await world.stores.cardUse.get(card._id))?.pinFailures, 1);
    assert.equal(
      (await old.describe()).status.name,
      'RUNNING',
      'the same run took it, waiting for the lapse',
    );
  });
});
