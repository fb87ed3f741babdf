import assert from 'node:assert/strict';
import { SYSTEM } from '../../domain/actors';
import { prepareDatabase } from '../../store';
import type { CancellationReason, CardStatus } from '../../domain/documents/cards';
import { databasePerTest } from '../support/world';

const AT = new Date(Date.UTC(2026, 10, 16, 2, 0));
const TEMPORARY = { kind: 'temporary' as const, reportedAt: AT };
const FORMAL = { kind: 'formal' as const, reportedAt: AT };
/** How the holder's next application ends a card, by where the card stands (activities/registry.ts). */
const REPLACING: Partial<Record<CardStatus, CancellationReason>> = {
  issued: 'REPLACED_BY_NEW_CARD',
  suspended: 'REPLACED_BY_NEW_CARD',
  lost: 'LOST_AND_REPLACED',
};
const ROUNDS = 15;

describe('a card in use, moved by its card life and by the holder’s next application at once', () => {
  const t = databasePerTest('cards', async (db) => ({ stores: await prepareDatabase(db) }));

  const add = (cardId: string, status: CardStatus) =>
    t.stores.cards.add({ _id: cardId, personKey: 'P1', status, at: AT });
  const statuses = async (cardId: string) => (await t.stores.cards.get(cardId))!.history.map((h) => h.status);

  it('a loss report and a replacement race: each is made once, one after the other, and neither is lost', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const cardId = `C${round}`;
      await add(cardId, 'issued');
      const replace = () =>
        t.stores.cards.cancel(cardId, (status) => REPLACING[status], SYSTEM, AT, `N${round}`);
      // The replacement twice: the registration's attempt and its retry, on another worker.
      const [reported, replaced, replacedAgain] = await Promise.all([
        t.stores.cards.recordLoss(cardId, ['issued'], 'suspended', TEMPORARY, AT),
        replace(),
        replace(),
      ]);
      assert.equal(Number(replaced) + Number(replacedAgain), 1, `round ${round}: replaced once`);
      const card = (await t.stores.cards.get(cardId))!;
      assert.equal(card.status, 'replaced', `round ${round}`);
      assert.equal(card.cancellation?.successorCardId, `N${round}`);
      // The report went first, or found the card replaced and was refused: never made and then overwritten.
      assert.deepEqual(
        await statuses(cardId),
        reported ? ['issued', 'suspended', 'replaced'] : ['issued', 'replaced'],
        `round ${round}`,
      );
      assert.deepEqual(card.loss, reported ? TEMPORARY : undefined, `round ${round}: the report in force`);
    }
  });

  it('two moves from the same status at once: one is made, the other finds the card moved', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const cardId = `S${round}`;
      await add(cardId, 'suspended');
      const [lapsed, madeFormal] = await Promise.all([
        t.stores.cards.recordLoss(cardId, ['suspended'], 'issued', null, AT),
        t.stores.cards.recordLoss(cardId, ['suspended'], 'lost', FORMAL, AT),
      ]);
      assert.equal(Number(lapsed) + Number(madeFormal), 1, `round ${round}: one move`);
      const card = (await t.stores.cards.get(cardId))!;
      assert.equal(card.status, lapsed ? 'issued' : 'lost', `round ${round}`);
      assert.deepEqual(await statuses(cardId), ['suspended', card.status]);
      assert.deepEqual(card.loss, madeFormal ? FORMAL : undefined);
    }
  });

  it('a replacement undone by its withdrawal while the card life moves the card: the card is given back once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const cardId = `R${round}`;
      await add(cardId, 'issued');
      await t.stores.cards.cancel(cardId, (status) => REPLACING[status], SYSTEM, AT, `N${round}`);
      const [restored, again, reported] = await Promise.all([
        t.stores.cards.restorePredecessors(`N${round}`, 'P1', AT),
        t.stores.cards.restorePredecessors(`N${round}`, 'P1', AT),
        t.stores.cards.recordLoss(cardId, ['issued'], 'suspended', TEMPORARY, AT),
      ]);
      const back = [...restored, ...again].filter((c) => c.cardId === cardId);
      assert.ok(back.length >= 1, `round ${round}: the withdrawal names the card it gave back`);
      assert.deepEqual(
        await statuses(cardId),
        reported ? ['issued', 'replaced', 'issued', 'suspended'] : ['issued', 'replaced', 'issued'],
        `round ${round}: given back once`,
      );
    }
  });

  it('a move whose writer died between its claim and its write is written by the next writer, who decides from it', async () => {
    await add('C1', 'issued');
    const card = (await t.stores.cards.get('C1'))!;
    // All a writer that died at that moment left: its claim of the card's next version, the card as it moves it.
    await t.db.collection('card_moves').insertOne({
      _id: 'C1:v0001',
      cardId: 'C1',
      card: {
        ...card,
        status: 'suspended',
        loss: TEMPORARY,
        version: 1,
        history: [...card.history, { status: 'suspended', at: AT }],
      },
    } as never);
    // The card still reads issued; the lift of that report goes from the suspension all the same.
    assert.equal(await t.stores.cards.recordLoss('C1', ['suspended'], 'issued', null, AT), true);
    assert.deepEqual(await statuses('C1'), ['issued', 'suspended', 'issued']);
    assert.equal((await t.stores.cards.get('C1'))!.loss, undefined);
    // And a move the claimed one refuses is refused: the card is no longer issued-and-unreported there.
    await t.db.collection('card_moves').insertOne({
      _id: 'C1:v0003',
      cardId: 'C1',
      card: { ...(await t.stores.cards.get('C1'))!, status: 'lost', loss: FORMAL, version: 3 },
    } as never);
    assert.equal(await t.stores.cards.recordLoss('C1', ['issued'], 'suspended', TEMPORARY, AT), false);
    assert.equal((await t.stores.cards.get('C1'))!.status, 'lost');
  });
});
