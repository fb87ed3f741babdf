// The demo of `npm start`: a dozen applications from two units, among them a name mismatch that the bank returns
// and the unit corrects, a person whose old card must be cancelled first, one that waits for an operator review, one
// an operator expedites, one made at a counter with a card printer while the person waits (instant issuance,
// printed in SSCARD_SIM_COUNTER_PRINT_MS), and one the person applies for online with the code of an SMS, delivered
// by the courier (a step every SSCARD_SIM_COURIER_STEP_MS), and a child's that their mother makes. A live view
// follows them through the seven steps. Then half of the people collect their card; one reports it lost by phone,
// another formally and gets a replacement card once its fee is paid, and a third locks theirs with wrong PINs.
import { expedite, registerCollection, resubmit, review } from '../../domain/actions/applications';
import type { Actor } from '../../domain/actors';
import { reportLoss } from '../../domain/actions/cards';
import { STEP_OF } from '../../domain/stages';
import { bar, LiveBlock } from '../../cli/ui/progress';
import { renderTable } from '../../cli/ui/table';
import { openSscard } from '../../client/connect';
import { createSimulators } from '../../integrations/simulators';
import { samplePhoto } from '../tools/sample-photo';
import { DEMO_COUNTER, turnOnLanes } from './lanes';
import { demoSummary, type DemoCase } from './summary';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import { type SyntheticPerson, syntheticPeople } from '../../integrations/simulators/people';
import { personKey } from '../../crypto/person-key';
import { cardIdFor, ENDED_STATUSES } from '../../domain/documents/cards';
import { activateLockUnlock, childAndGuardian, feeStory, guardianHears, markValidity } from './card-life';

export const DEMO_UNITS = [
  {
    _id: '91330106MA2H0001',
    name: 'Westlake Electronics Co.',
    region: '330106',
    status: 'active' as const,
    contact: 'portal:unit:91330106MA2H0001',
  },
  {
    _id: '91330206MA2N0002',
    name: 'Ningbo Port Logistics',
    region: '330206',
    status: 'active' as const,
    contact: 'portal:unit:91330206MA2N0002',
  },
];
/** The applicant who waits at the counter: a unit 0 case that is neither collected nor lost later. */
const INSTANT_CASE = 6;
/** The applicant who applies online, from home in the same city: a case the counter does not collect later. */
const ONLINE_CASE = 7;
/** The child their mother applies for: collected by her later (an even case). */
const MINOR_CASE = 12;
const OPERATOR: Actor = { role: 'operator', id: 'demo-operator' };

interface Case extends DemoCase {
  handled?: boolean;
}

export async function runDemo({ env }: { env: NodeJS.ProcessEnv }): Promise<void> {
  const system = await openSscard(env);
  try {
    const { client, stores } = system;
    const simulators = createSimulators(system.mongo.db(system.config.SSCARD_PARTNERS_DB));
    for (const unit of DEMO_UNITS) await stores.units.upsert(unit);
    // The counter with a printer, the online desk and the two lanes' policies.
    await turnOnLanes(stores);
    const seed = Date.now() % 1e9;
    const people = syntheticPeople(12, seed);
    await simulators.registerPeople(people);
    const { child, guardian } = await childAndGuardian(simulators, seed + 1);
    people.push(child);
    // The online applicant's ID-card photo is one public security shares (one person in eight has none).
    await simulators.photoSource.sharePhotoOf(people[ONLINE_CASE]!.residentId);
    const cases: Case[] = people.map(() => ({ label: 'ordinary' }));

    // The twists: a typo the bank will catch, an old card, a missing phone number, an urgent case.
    const typo = {
      ...people[8]!,
      name: `${people[8]!.name.slice(0, -1)}${people[8]!.name.endsWith('伟') ? '玮' : '伟'}`,
    };
    cases[8]!.label = 'name mismatch → corrected';
    const oldCardHolder = people[9]!;
    await stores.cards.add({
      _id: `CLEGACY${Date.now()}`,
      personKey: personKey(oldCardHolder.residentId, system.config.keyring.personKeySecret),
      status: 'issued',
      cardNumber: 'A00000001',
      at: new Date('2019-03-01'),
    });
    cases[9]!.label = 'old card cancelled first';
    const { phone: _phone, ...noPhone } = people[10]!;
    cases[10]!.label = 'operator review (no phone)';
    cases[11]!.label = 'expedited by operator';
    cases[INSTANT_CASE]!.label = `instant at counter ${DEMO_COUNTER._id}`;
    cases[ONLINE_CASE]!.label = 'applied online with the agency photo';
    cases[MINOR_CASE]!.label = 'a child of 9 to 12';
    // The unit uploads one applicant's photo first (checked against the card photo specification, kept encrypted);
    // the application names it, and the print order gives the factory a signed link to it.
    const photoUnit = DEMO_UNITS[1]!;
    const photo = await client.photos.upload(
      {
        unitId: photoUnit._id,
        residentId: people[1]!.residentId,
        jpegBase64: (await samplePhoto()).toString('base64'),
      },
      { role: 'unit_clerk', id: `clerk-${photoUnit._id.slice(-4)}`, unitId: photoUnit._id },
    );
    people[1] = { ...people[1]!, photoId: photo.photoId };
    cases[1]!.label = `photo uploaded (${photo.width}×${photo.height}, ${Math.round(photo.bytes / 1024)} KB)`;

    console.log(
      '\nDemo: submitting 13 applications, from 2 units, at a counter with a card printer, one online and one for a child…',
    );
    for (const [i, person] of people.entries()) {
      if (i === ONLINE_CASE) {
        cases[i]!.applicationId = await applyOnline(client, simulators, person);
        continue;
      }
      const applicant =
        i === 8 ? typo : i === 10 ? noPhone : i === MINOR_CASE ? { ...child, guardian } : person;
      const unit = DEMO_UNITS[i % 2]!;
      const clerk: Actor = { role: 'unit_clerk', id: `clerk-${unit._id.slice(-4)}`, unitId: unit._id };
      const instant = i === INSTANT_CASE ? { instant: { counterId: DEMO_COUNTER._id } } : {};
      cases[i]!.applicationId = (
        await client.applications.submit({ unitId: unit._id, applicant, ...instant }, clerk)
      ).applicationId;
    }
    await client.applications.act(
      expedite,
      cases[11]!.applicationId!,
      { reason: 'cardholder travels for surgery' },
      OPERATOR,
    );

    const view = new LiveBlock();
    const started = Date.now();
    for (;;) {
      for (const c of cases)
        c.status = await client.applications.status(c.applicationId!, OPERATOR).catch(() => c.status);
      // Act as the people would: the unit corrects the typo, an operator reviews.
      for (const [i, c] of cases.entries()) {
        if (c.handled || !c.status) continue;
        if (c.status.stage === 'returned' && i === 8) {
          const unit = DEMO_UNITS[i % 2]!;
          await client.applications.act(
            resubmit,
            c.applicationId!,
            { applicant: people[8]!, note: 'name corrected from the ID card' },
            { role: 'unit_clerk', id: `clerk-${unit._id.slice(-4)}`, unitId: unit._id },
          );
          c.handled = true;
        } else if (c.status.stage === 'awaiting_review') {
          await client.applications.act(
            review,
            c.applicationId!,
            { decision: 'approve', note: 'unit will pass the notice on' },
            OPERATOR,
          );
          c.handled = true;
        }
      }
      view.render(
        renderTable(
          ['application', 'case', 'progress through the 7 steps', 'stage', 'deadline'],
          cases.map((c) => [
            c.applicationId!.slice(0, 12),
            c.label,
            bar(STEP_OF[c.status?.stage ?? 'accepted'] ?? 0, 7, 21),
            c.status?.stage ?? '…',
            c.status?.deadline
              ? `${c.status.deadline.sla} (${c.status.deadline.workingDaysLeft} wd left)`
              : '',
          ]),
        ),
      );
      // The instant card is collected at the counter as it is made, the online one at the door: issued.
      const ready = (c: Case) => c.status?.stage === 'awaiting_collection' || c.status?.stage === 'issued';
      if (cases.every(ready) || Date.now() - started > 180_000) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }

    const waited = cases[INSTANT_CASE]!;
    const lane = waited.status?.instant;
    if (lane?.blankSerial)
      waited.label = `made at counter ${lane.counterId} while waiting (${lane.blankSerial})`;
    else if (lane?.fellBack) waited.label = `instant, handed over to sporadic: ${lane.fellBack.reason}`;
    // Half of the cardholders come to the counter today; the rest wait in the console's collection queue.
    const today = shanghaiDate(new Date());
    for (const [i, c] of cases.entries()) {
      if (i % 2 === 0 && c.status?.stage === 'awaiting_collection') {
        // The child's card is the mother's to collect, with her resident ID number.
        const by =
          i === MINOR_CASE
            ? {
                collectedBy: guardian.name,
                relation: 'guardian' as const,
                agentResidentId: guardian.residentId,
              }
            : { collectedBy: people[i]!.name, relation: 'self' as const };
        c.status = await client.applications.act(
          registerCollection,
          c.applicationId!,
          { ...by, receivedOn: today, place: 'Hangzhou service hall, window 2' },
          OPERATOR,
        );
      }
    }
    // Who applied for the child is on the application's record, which a status read adds (an action's answer has not).
    const minor = cases[MINOR_CASE]!;
    minor.status = await client.applications.status(minor.applicationId!, OPERATOR);
    // One of them loses the card on the way home and calls the center: a temporary loss report, which lapses
    // after 5 working days unless it is made formal at a counter.
    const collected = cases.find((c) => c.status?.stage === 'issued');
    const lostCard = collected && (await stores.cards.get(cardIdFor(collected.applicationId!)));
    if (collected && lostCard) {
      const reported = await client.cards.act(
        reportLoss,
        lostCard._id,
        { kind: 'temporary', channel: 'phone' },
        OPERATOR,
      );
      collected.label = `issued, then reported lost (card ${reported.status} until ${reported.loss?.lapsesAt?.slice(0, 10)})`;
    }
    // Another one is sure the card is gone: a formal loss report at the counter, and a replacement card, for which
    // the bank's comparison of the first card stands and the account moves to the new card. It costs ¥20 by the
    // national fee policy: the payment provider's charge is paid (by the simulated person) before the card is ordered.
    const [, replaced, used] = cases.filter((c) => c.status?.stage === 'issued');
    let fee = 'no replacement';
    const replace = async () => {
      const goneCard = replaced && (await stores.cards.get(cardIdFor(replaced.applicationId!)));
      if (!replaced || !goneCard) return;
      await client.cards.act(reportLoss, goneCard._id, { kind: 'formal', channel: 'counter' }, OPERATOR);
      const replacement = await client.cards.replace(goneCard._id, { reason: 'LOST' }, OPERATOR);
      let status = await client.applications.status(replacement.applicationId, OPERATOR);
      for (const until = Date.now() + 60_000; status.stage !== 'awaiting_collection' && Date.now() < until;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        status = await client.applications.status(replacement.applicationId, OPERATOR);
      }
      replaced.label = `issued, lost, replaced by ${replacement.applicationId.slice(0, 12)}`;
      cases.push({
        applicationId: replacement.applicationId,
        label: `replaces card ${goneCard._id}`,
        status,
      });
      fee = await feeStory(simulators, status);
    };
    // Meanwhile a third holder activates the card at a terminal and forgets the PIN they set.
    let use = 'no card to use';
    const useCard = async () => {
      if (!used) return;
      use = await activateLockUnlock(system, simulators, cardIdFor(used.applicationId!), OPERATOR);
      used.label = 'issued, locked by wrong PINs, unlocked at a counter';
    };
    await Promise.all([replace(), useCard()]);
    await markValidity(system, cases);
    const cancelled = (
      await stores.cards.cardsOf(personKey(oldCardHolder.residentId, system.config.keyring.personKeySecret))
    ).filter((card) => ENDED_STATUSES.includes(card.status));
    console.log(`\nDemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
    console.log(demoSummary(cases));
    console.log(
      `Old cards cancelled before printing: ${cancelled.length} (reason ${cancelled[0]?.cancellation?.reason ?? '-'}, successor ${cancelled[0]?.cancellation?.successorCardId ?? '-'})`,
    );
    console.log(`The replacement's fee: ${fee}`);
    console.log(`The card with a forgotten PIN: ${use}`);
    console.log(
      `The child's card, applied for by the mother: ${await guardianHears(system, simulators, child, guardian)}`,
    );
  } finally {
    await system.close();
  }
}

/**
 * The person applies from home: a code to the phone the population registry holds, read from their SMS (the
 * notifier simulator keeps the messages), then the application with it and the address the courier brings it to.
 */
async function applyOnline(
  client: Awaited<ReturnType<typeof openSscard>>['client'],
  simulators: ReturnType<typeof createSimulators>,
  person: SyntheticPerson,
): Promise<string> {
  await client.online.requestCode({ residentId: person.residentId });
  let code: string | undefined;
  for (const until = Date.now() + 30_000; !code && Date.now() < until;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const [sms] = await simulators.notifier.messages
      .find({ to: person.phone, template: 'online_code' })
      .sort({ sentAt: -1 })
      .limit(1)
      .toArray();
    code = sms?.params.code;
  }
  if (!code) throw new Error('the online applicant’s code did not arrive by SMS within 30 s');
  const address = {
    region: '330106',
    line: '文三路 90 号 3 幢 502 室',
    recipientName: person.name,
    recipientPhone: person.phone!,
  };
  return (await client.online.apply({ residentId: person.residentId, code, address })).applicationId;
}
