// A card's loss reports after issuance, on the time-skipping server from a fixed Monday (the lapse counts working
// days): the registry, the bank's freeze and the holder's SMS follow each report, its lift and its lapse, and every
// wrong request is refused with a code and changes nothing.
import { liftLoss, reportLoss } from '../../domain/actions/cards';
import assert from 'node:assert/strict';
import { cardLifeWorkflowId } from '../../domain/card-life';
import { issuedCard as issuedCardOf } from './support';
import { assertRefused, skipTime } from '../support/flow';
import { shanghai } from '../support/time';
import { CLERK, oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';

const TEMPORARY = { kind: 'temporary', channel: 'phone' } as const;
const FORMAL = { kind: 'formal', channel: 'counter' } as const;

describe("a card's loss reports", () => {
  // Monday 7 December 2026, 10:00 in Shanghai, for the first test: a temporary report lapses at the end of Monday
  // the 14th. The later ones do not depend on the day they begin on.
  const world = oneServerPerSuite({ startAt: shanghai('2026-12-07 10:00') });

  const issuedCard = (index: number) => issuedCardOf(world, index);

  const card = async (cardId: string) => (await world.stores.cards.get(cardId))!;
  const smsKinds = async (applicationId: string) =>
    (await world.stores.notifications.forApplication(applicationId))
      .filter((n) => n.kind.startsWith('card_'))
      .map((n) => n.kind);

  it('a temporary report suspends the card and freezes it at the bank; unless made formal it lapses after 5 working days', async () => {
    const issued = await issuedCard(0);
    const reported = await world.client.cards.act(reportLoss, issued._id, TEMPORARY, OPERATOR);
    assert.equal(reported.status, 'suspended');
    assert.equal(reported.loss?.kind, 'temporary');
    assert.equal(reported.loss?.lapsesAt, '2026-12-14T16:00:00.000Z');
    assert.equal((await card(issued._id)).status, 'suspended');
    assert.equal(await world.sims.bank.cardState(issued.chipId!), 'frozen');
    assert.deepEqual(await smsKinds(issued.applicationId!), ['card_loss_reported']);

    // A second temporary report changes nothing.
    await assertRefused(
      world.client.cards.act(reportLoss, issued._id, TEMPORARY, OPERATOR),
      'LOSS_ALREADY_REPORTED',
    );
    assert.equal(world.sims.bank.behaviour.requests('setCardFinancialState'), 1);

    await skipTime(world, '4 days');
    assert.equal((await card(issued._id)).status, 'suspended', 'Friday: still suspended');
    await skipTime(world, '4 days');
    const lapsed = await card(issued._id);
    assert.equal(lapsed.status, 'issued');
    assert.equal(lapsed.loss, undefined);
    assert.deepEqual(lapsed.history.map((h) => h.status).slice(-2), ['suspended', 'issued']);
    assert.equal(await world.sims.bank.cardState(issued.chipId!), 'active');
    assert.deepEqual(await smsKinds(issued.applicationId!), ['card_loss_reported', 'card_loss_lapsed']);
  });

  it('a temporary report made formal at a counter no longer lapses; lifting it gives the card back', async () => {
    const issued = await issuedCard(1);
    await world.client.cards.act(reportLoss, issued._id, TEMPORARY, OPERATOR);
    const formal = await world.client.cards.act(reportLoss, issued._id, FORMAL, SUPERVISOR);
    assert.equal(formal.status, 'lost');
    assert.equal(formal.loss?.kind, 'formal');
    await assertRefused(
      world.client.cards.act(reportLoss, issued._id, FORMAL, OPERATOR),
      'LOSS_ALREADY_REPORTED',
    );

    await skipTime(world, '10 days');
    assert.equal((await card(issued._id)).status, 'lost', 'a formal report does not lapse');
    assert.equal(await world.sims.bank.cardState(issued.chipId!), 'frozen');

    const lifted = await world.client.cards.act(liftLoss, issued._id, { note: 'found at home' }, OPERATOR);
    assert.equal(lifted.status, 'issued');
    assert.equal(lifted.loss, undefined);
    assert.equal(await world.sims.bank.cardState(issued.chipId!), 'active');
    assert.deepEqual(await smsKinds(issued.applicationId!), [
      'card_loss_reported',
      'card_loss_made_formal',
      'card_loss_lifted',
    ]);
  });

  it('refuses a lift without a report, a formal report by phone, an unknown card, a card not issued, and a clerk', async () => {
    const issued = await issuedCard(2);
    await assertRefused(world.client.cards.act(liftLoss, issued._id, {}, OPERATOR), 'NO_LOSS_REPORTED');
    await assertRefused(
      world.client.cards.act(reportLoss, issued._id, { kind: 'formal', channel: 'phone' }, OPERATOR),
      'VALIDATION_FAILED',
    );
    await assertRefused(
      world.client.cards.act(reportLoss, 'C-nothing', TEMPORARY, OPERATOR),
      'CARD_NOT_FOUND',
    );
    await assertRefused(world.client.cards.act(reportLoss, issued._id, TEMPORARY, CLERK), 'ROLE_NOT_ALLOWED');
    await world.stores.cards.cancel(issued._id, 'SUPERSEDED', SUPERVISOR, new Date());
    await assertRefused(
      world.client.cards.act(reportLoss, issued._id, TEMPORARY, OPERATOR),
      'CARD_NOT_IN_USE',
    );
    assert.equal(world.sims.bank.behaviour.requests('setCardFinancialState'), 0);
    assert.deepEqual(await smsKinds(issued.applicationId!), []);
  });

  it('a card replaced while its temporary report runs stays replaced and frozen: the lapse ends the process', async () => {
    const issued = await issuedCard(3);
    const reported = await world.client.cards.act(reportLoss, issued._id, TEMPORARY, OPERATOR);
    // A new application's registration cancels the card meanwhile (the person applied for a new one).
    await world.stores.cards.cancel(issued._id, 'LOST_AND_REPLACED', SUPERVISOR, new Date());
    await assertRefused(world.client.cards.act(liftLoss, issued._id, {}, OPERATOR), 'CARD_NOT_IN_USE');
    // To just past the lapse, whichever day this test begins on (the suite's clock has moved on by now).
    await skipTime(world, Date.parse(reported.loss!.lapsesAt!) - (await world.env.currentTimeMs()) + 60_000);
    const handle = world.temporal.workflow.getHandle(cardLifeWorkflowId(issued._id));
    assert.equal((await handle.describe()).status.name, 'COMPLETED');
    assert.equal((await card(issued._id)).status, 'replaced');
    assert.equal(await world.sims.bank.cardState(issued.chipId!), 'frozen');
    assert.deepEqual(await smsKinds(issued.applicationId!), ['card_loss_reported']);
  });
});
