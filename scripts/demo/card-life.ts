// What the demo shows of the card's people and life since 0.8.0: a child applied for by their mother (the notices go
// to her phone), a replacement's fee paid to the payment provider before the card is ordered, a card activated at a
// terminal, locked by six wrong PINs and unlocked at a counter, and each card's last valid day.
import type { Actor } from '../../domain/actors';
import type { Guardian } from '../../domain/applicant';
import { unlockCard } from '../../domain/actions/cards';
import { PIN_TRIES, useState } from '../../domain/card-use';
import { cardIdFor, ENDED_STATUSES } from '../../domain/documents/cards';
import { yuan } from '../../domain/fee-decision';
import type { ApplicationStatus } from '../../domain/status';
import type { openSscard } from '../../client/connect';
import type { Simulators } from '../../integrations/simulators';
import { type SyntheticPerson, syntheticPeople } from '../../integrations/simulators/people';
import { useReportsByWebhook } from '../../integrations/simulators/webhooks';
import type { DemoCase } from './summary';

type System = Awaited<ReturnType<typeof openSscard>>;

/** A child of about ten, without a phone of their own, and their mother, who applies for them; both on record. */
export async function childAndGuardian(
  simulators: Simulators,
  seed: number,
): Promise<{ child: SyntheticPerson; guardian: Guardian }> {
  const [{ phone: _none, ...child }] = syntheticPeople(1, seed, { minAge: 9, maxAge: 12 }) as [
    SyntheticPerson,
  ];
  const [mother] = syntheticPeople(1, seed + 1, { minAge: 35, maxAge: 45 }) as [SyntheticPerson];
  await simulators.registerPeople([child, mother]);
  const guardian: Guardian = {
    residentId: mother.residentId,
    name: mother.name,
    phone: mother.phone!,
    relation: 'mother',
    householdRegister: '330106-004512',
  };
  return { child, guardian };
}

/**
 * The mother asks "where is my card?" for her child, then what the notifier sent to her phone, by template (the phone
 * itself is not shown): the card's SMS and the code went to her, the child has no phone of their own.
 */
export async function guardianHears(
  { client }: System,
  simulators: Simulators,
  child: SyntheticPerson,
  guardian: Guardian,
): Promise<string> {
  await client.tracking.requestCode({ residentId: child.residentId });
  const sent = await simulators.notifier.messages.find({ to: guardian.phone }).toArray();
  return `${sent.length} SMS to the guardian's phone (${[...new Set(sent.map((m) => m.template))].join(', ')})`;
}

/** The fee's path on the application's timeline: charged, paid through the provider, then the print order. */
export async function feeStory(simulators: Simulators, status: ApplicationStatus): Promise<string> {
  const payment = status.fee?.payment;
  if (!status.fee || !payment) return 'no fee due';
  const charged = status.history.find((h) => !h.action && h.note?.includes(payment.chargeId));
  const paid = status.history.find((h) => h.action === 'fee_paid');
  const ordered = status.history.find((h) => h.stage === 'printing' && !h.action);
  const books = await simulators.payment.lookup(payment.chargeId);
  const wait =
    charged && paid ? ` ${((Date.parse(paid.at) - Date.parse(charged.at)) / 1000).toFixed(1)} s later` : '';
  const order =
    paid && ordered && ordered.seq > paid.seq
      ? 'then the card ordered'
      : 'the card ordered before the payment';
  return (
    `${yuan(status.fee.dueFen)} (${status.fee.reason}, policy ${status.fee.policyId}) charged as ` +
    `${payment.chargeId}, ${payment.status}${wait} (provider's books: ${books?.status ?? 'no charge'}, ` +
    `${books?.payments.length ?? 0} payment), ${order}`
  );
}

/**
 * The holder activates the card's social function at a self-service terminal, sets a PIN and gets it wrong six
 * times: the terminals' network reports each as a signed webhook to the API, as it does on the local stack. The
 * card locks; the operator checks the holder's identity at a counter and unlocks it.
 */
export async function activateLockUnlock(
  { client, stores, config }: System,
  simulators: Simulators,
  cardId: string,
  operator: Actor,
): Promise<string> {
  const secret = (partner: string) => config.SSCARD_PARTNER_SECRETS[partner]?.[0] ?? '';
  simulators.terminals.attach(
    useReportsByWebhook({
      apiUrl: config.SSCARD_API_URL,
      secrets: { terminals: secret('card-terminals'), bank: secret('cooperative-bank') },
    }),
  );
  const chipId = (await stores.cards.get(cardId))?.chipId;
  if (!chipId) return 'no chip on record';
  await simulators.terminals.activate(chipId, 'social', 'terminal');
  await simulators.terminals.setPin(chipId);
  for (let i = 0; i < PIN_TRIES; i++) await simulators.terminals.wrongPin(chipId);
  const locked = await stores.cardUse.get(cardId);
  const unlocked = await client.cards.act(
    unlockCard,
    cardId,
    { note: 'ID card checked at the counter' },
    operator,
  );
  return (
    `activated at a terminal, ${locked?.pinFailures ?? 0} wrong PINs: ${locked ? useState(locked) : '?'}, ` +
    `unlocked by ${operator.id}: ${unlocked.use ? useState(unlocked.use) : '?'}`
  );
}

/** Each case's card: its last valid day, 'no expiry', or how it ended (a replaced card's day no longer counts). */
export async function markValidity({ stores }: System, cases: DemoCase[]): Promise<void> {
  for (const c of cases) {
    const card = c.applicationId && (await stores.cards.get(cardIdFor(c.applicationId)));
    if (!card) continue;
    c.validUntil = ENDED_STATUSES.includes(card.status)
      ? card.status
      : (card.validity?.expiresOn ?? (card.validity ? 'no expiry' : undefined));
  }
}
