// What the card-life tests start from: a card issued to one of the world's people.
import { registerCollection } from '../../domain/actions/applications';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import type { CardDoc } from '../../domain/documents/cards';
import { waitForStage } from '../support/flow';
import { CLERK, OPERATOR, UNIT, type World } from '../support/world';

/** A card issued to the i-th person: applied for, printed, banked and collected at the counter. */
export async function issuedCard(world: World, index: number): Promise<CardDoc> {
  const person = world.people[index]!;
  const { applicationId } = await world.client.applications.submit(
    { unitId: UNIT._id, applicant: person },
    CLERK,
  );
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
