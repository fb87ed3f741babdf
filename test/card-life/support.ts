// What the card-life tests start from (a card issued to one of the world's people) and the feeds they run.
import { registerCollection } from '../../domain/actions/applications';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { CardDoc } from '../../domain/documents/cards';
import { uniqueName } from '../setup/servers';
import { skipTime, submitApplication, waitForStage } from '../support/flow';
import { OPERATOR, type World } from '../support/world';

/** A card issued to the i-th person: applied for, printed, banked and collected at the counter. */
export async function issuedCard(world: World, index: number): Promise<CardDoc> {
  const person = world.people[index]!;
  const applicationId = await submitApplication(world, person);
  await waitForStage(world, applicationId, 'awaiting_collection');
  await world.client.applications.act(
    registerCollection,
    applicationId,
    {
      collectedBy: person.name,
      relation: 'self',
      receivedOn: shanghaiDate(new Date(await world.env.currentTimeMs())),
      place: 'Hangzhou service hall',
    },
    OPERATOR,
  );
  const doc = (await world.stores.applications.get(applicationId))!;
  return (await world.stores.cards.cardsOf(doc.personKey))[0]!;
}

/**
 * Runs a feed to a national party once, as its schedule would (`ecardSync`, `nationalRegistrySync`); its retries
 * wait in workflow time, which is skipped meanwhile.
 */
export async function runFeedOnce(
  world: World,
  workflowType: 'ecardSync' | 'nationalRegistrySync',
): Promise<{ checked: number; told: number }> {
  const handle = await world.temporal.workflow.start(workflowType, {
    taskQueue: world.taskQueue,
    workflowId: uniqueName(workflowType),
  });
  const [result] = await Promise.all([
    handle.result() as Promise<{ checked: number; told: number }>,
    skipTime(world, '1 minute'),
  ]);
  return result;
}

/**
 * A card issued before sscard, put straight into the card registry: the registry does not know its holder's resident
 * ID number, so no feed tells a national party of it.
 */
export function legacyCard(world: World, cardId: string, cardNumber: string): Promise<void> {
  return world.stores.cards.add({
    _id: cardId,
    personKey: 'k-legacy',
    status: 'issued',
    cardNumber,
    at: new Date('2019-01-01'),
  });
}
