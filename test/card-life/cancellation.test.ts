// A card cancelled for good, and a death notice from the population registry: the person's application in flight
// is withdrawn, every card in use is cancelled and frozen at the bank, and a second notice changes nothing.
import { cancelCard, liftLoss, reportLoss } from '../../domain/actions/cards';
import assert from 'node:assert/strict';
import { PARTNER_ACCOUNTS } from '../../domain/actors';
import { issuedCard as issuedCardOf } from './support';
import { assertRefused, submitApplication, waitForStage } from '../support/flow';
import { oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';

const REGISTRY = PARTNER_ACCOUNTS.population;

describe('a card cancelled for good', () => {
  const world = oneServerPerSuite();

  const issuedCard = (index: number) => issuedCardOf(world, index);

  const notice = (index: number, noticeId = `N-${index}`) => ({
    noticeId,
    residentId: world.people[index]!.residentId,
    diedOn: '2026-11-30',
  });

  it('on a death notice: the card in use is cancelled and frozen, the application in flight withdrawn, once', async () => {
    const card = await issuedCard(0);
    await world.client.cards.act(reportLoss, card._id, { kind: 'temporary', channel: 'phone' }, OPERATOR);
    const result = await world.client.cards.deathNotice(notice(0), REGISTRY);
    assert.deepEqual(result, { noticeId: 'N-0', applicationsWithdrawn: [], cardsCancelled: [card._id] });
    const cancelled = (await world.stores.cards.get(card._id))!;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.cancellation?.reason, 'HOLDER_DECEASED');
    assert.equal(cancelled.cancellation?.by.id, REGISTRY.id);
    assert.equal(await world.sims.bank.cardState(card.chipId!), 'frozen');
    // The temporary report's lapse does not bring a cancelled card back, and a second notice finds nothing.
    assert.deepEqual((await world.client.cards.deathNotice(notice(0, 'N-0b'), REGISTRY)).cardsCancelled, []);
    await assertRefused(world.client.cards.act(liftLoss, card._id, {}, OPERATOR), 'CARD_NOT_IN_USE');

    const applicationId = await submitApplication(world, world.people[1]!);
    // Told the card is ready, not yet collected: the withdrawal undoes everything, the bank's account included.
    await waitForStage(world, applicationId, 'awaiting_collection');
    const closed = await world.client.cards.deathNotice(notice(1), REGISTRY);
    assert.deepEqual(closed.applicationsWithdrawn, [applicationId]);
    const status = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(status.outcome, 'withdrawn');
    assert.match(status.history.at(-1)?.note ?? '', /holder deceased on 2026-11-30/);
  });

  it('a supervisor cancels a card when the holder emigrates; only the registry sends death notices', async () => {
    const card = await issuedCard(2);
    await assertRefused(
      world.client.cards.act(cancelCard, card._id, { reason: 'EMIGRATED' }, OPERATOR),
      'ROLE_NOT_ALLOWED',
    );
    const cancelled = await world.client.cards.act(
      cancelCard,
      card._id,
      { reason: 'EMIGRATED', note: 'moved abroad' },
      SUPERVISOR,
    );
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await world.stores.cards.get(card._id))?.cancellation?.reason, 'EMIGRATED');
    await assertRefused(
      world.client.cards.act(reportLoss, card._id, { kind: 'temporary', channel: 'phone' }, OPERATOR),
      'CARD_NOT_IN_USE',
    );
    await assertRefused(world.client.cards.deathNotice(notice(3), PARTNER_ACCOUNTS.bank), 'ROLE_NOT_ALLOWED');
    await assertRefused(
      world.client.cards.deathNotice({ ...notice(3), diedOn: '2026-02-30' }, REGISTRY),
      'VALIDATION_FAILED',
    );
  });
});
