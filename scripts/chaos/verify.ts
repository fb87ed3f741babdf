// What the fault run counts once everything has come to rest: applications lost or stuck, side effects applied
// twice (by sscard's records and by the partners' own), and records or trail entries that disagree with what the
// workflow itself says (its status query, which replays its history).
import type { Db } from 'mongodb';
import type { OpenSscard } from '../../client/connect';
import type { Actor } from '../../domain/actors';
import type { ApplicationStatus } from '../../domain/status';
import { cardIdFor, ENDED_STATUSES } from '../../domain/documents/cards';
import { PaymentSimulator } from '../../integrations/simulators/payment';
import { RESTING } from './scenarios';

const OPERATOR: Actor = { role: 'operator', id: 'chaos-operator' };

export interface Findings {
  checked: number;
  lost: string[];
  stuck: string[];
  twice: string[];
  diverging: string[];
  /** Withdrawn applications whose undoing is incomplete: a live card, an open order or account, a person untold. */
  halfUndone: string[];
  /** Steps whose time differs between the record and a replay of the workflow (and by how much, in ms). */
  timeSkews: { step: string; ms: number }[];
  /** The payment provider's books: charges, those paid twice, withdrawn applications' payments not refunded. */
  fees: Awaited<ReturnType<PaymentSimulator['books']>>;
}

function compare(
  skews: Findings['timeSkews'],
  id: string,
  status: ApplicationStatus,
  record: Awaited<ReturnType<OpenSscard['stores']['records']['get']>>,
  trail: Awaited<ReturnType<OpenSscard['stores']['records']['trail']>>,
): string[] {
  const problems: string[] = [];
  const expect = (what: string, recorded: unknown, actual: unknown) => {
    if (JSON.stringify(recorded) !== JSON.stringify(actual)) {
      problems.push(`${id} ${what}: record ${JSON.stringify(recorded)}, workflow ${JSON.stringify(actual)}`);
    }
  };
  expect('stage', record?.stage, status.stage);
  expect('outcome', record?.outcome ?? null, status.outcome ?? null);
  expect('returns', record?.returnCount, status.returnCount);
  expect('expedited', record?.expedited, status.expedited);
  expect('sla', record?.sla ?? null, status.deadline?.sla ?? null);
  // What happened, who did it and why must agree exactly. When it happened is compared apart: a step done in a
  // workflow task that ran a local activity or was retried after a worker died can carry another time when the
  // workflow replays than when it first ran (see docs/records.md, "What the store relies on").
  const recorded = trail.map((e) => [e.seq, e.to, e.action ?? null, e.actor.id, e.note ?? null]);
  const actual = status.history.map((h) => [h.seq, h.stage, h.action ?? null, h.actor.id, h.note ?? null]);
  if (recorded.length !== actual.length) expect('steps', recorded.length, actual.length);
  for (let i = 0; i < Math.min(recorded.length, actual.length); i++) {
    expect(`step ${i + 1}`, recorded[i], actual[i]);
    const skew = Math.abs(trail[i]!.at.getTime() - Date.parse(status.history[i]!.at));
    if (skew > 0) skews.push({ step: `${id} step ${i + 1}`, ms: skew });
  }
  return problems;
}

/** What a withdrawal left behind that it should have undone (an empty list when it undid everything). */
async function undoneWholly(system: OpenSscard, partners: Db, id: string): Promise<string[]> {
  const left: string[] = [];
  const card = await system.stores.cards.get(cardIdFor(id));
  if (card && card.status !== 'cancelled') left.push(`${id} withdrawn: its card is ${card.status}`);
  for (const order of card ? await system.stores.printOrders.forCard(card._id) : []) {
    if (order.status === 'placed') left.push(`${id} withdrawn: order ${order._id} still placed`);
  }
  const account = await partners
    .collection('bank_customers')
    .countDocuments({ 'account.openedBy': `${id}:bank-account` });
  if (account > 0) left.push(`${id} withdrawn: the bank account opened for it is open`);
  const told = (await system.stores.notifications.forApplication(id)).map((n) => `${n.kind}:${n.audience}`);
  if (!told.includes('withdrawn:unit')) left.push(`${id} withdrawn: the unit was not told`);
  if (told.includes('issuance_ready:person') && !told.includes('withdrawn:person'))
    left.push(`${id} withdrawn: the person was told the card is ready, not that it was withdrawn`);
  const charge = await system.stores.charges.get(`${id}-F1`);
  if (charge?.status === 'paid' || charge?.status === 'open')
    left.push(`${id} withdrawn: its fee's charge is ${charge.status}, not refunded or closed`);
  return left;
}

export async function verify(system: OpenSscard, partners: Db, applicationIds: string[]): Promise<Findings> {
  const findings: Findings = {
    checked: applicationIds.length,
    lost: [],
    stuck: [],
    twice: [],
    diverging: [],
    halfUndone: [],
    timeSkews: [],
    fees: { charges: 0, paid: 0, refunded: 0, chargedTwice: 0, refundsMissing: 0 },
  };
  const withdrawn: string[] = [];
  const personKeys = new Set<string>();
  for (const id of applicationIds) {
    const submission = await system.stores.applications.get(id);
    const record = await system.stores.records.get(id);
    let status: ApplicationStatus | undefined;
    try {
      status = await system.client.applications.status(id, OPERATOR);
    } catch (error) {
      findings.lost.push(
        `${id}: no workflow answers (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    if (!submission || !record) findings.lost.push(`${id}: ${submission ? 'no record' : 'no submission'}`);
    if (!status || !record) continue;
    personKeys.add(submission!.personKey);
    if (!RESTING.includes(status.stage)) findings.stuck.push(`${id}: at ${status.stage}`);
    findings.diverging.push(
      ...compare(findings.timeSkews, id, status, record, await system.stores.records.trail(id)).map(
        (p) => `${p} [record fence ${record.fence}, ${record.trailLength} steps]`,
      ),
    );
    // Each step happened once: a partner's report, a notification of a kind, a transition replayed.
    const printed = status.history.filter((h) => h.action === 'printed').length;
    if (printed > 1) findings.twice.push(`${id}: ${printed} print reports applied`);
    // A card made at the counter and by the manufacturer too would be two cards; so would two made at the counter.
    const counterPrints = await partners
      .collection<{ _id: string }>('printer_prints')
      .countDocuments({ _id: { $regex: `^${id}-K` }, cardNumber: { $exists: true } });
    if (counterPrints + printed > 1)
      findings.twice.push(`${id}: ${counterPrints} counter prints and ${printed} print reports`);
    const delivered = status.history.filter((h) => h.action === 'delivered').length;
    if (delivered > 1) findings.twice.push(`${id}: delivered ${delivered} times`);
    if (status.stage === 'withdrawn') {
      withdrawn.push(id);
      findings.halfUndone.push(...(await undoneWholly(system, partners, id)));
    }
  }

  // The card registry: one live card per person, each printed once.
  for (const key of personKeys) {
    const cards = await system.stores.cards.cardsOf(key);
    const live = cards.filter((c) => !ENDED_STATUSES.includes(c.status));
    if (live.length > 1) findings.twice.push(`person ${key.slice(0, 8)}…: ${live.length} live cards`);
    for (const card of cards) {
      const printed = card.history.filter((h) => h.status === 'printed').length;
      if (printed > 1) findings.twice.push(`${card._id}: printed ${printed} times in the registry`);
      const orders = await system.stores.printOrders.forCard(card._id);
      if (orders.filter((o) => o.status === 'printed').length > 1)
        findings.twice.push(`${card._id}: ${orders.length} orders settled as printed`);
    }
  }

  // The partners' own books: the bank opened at most one account per person and request, the manufacturer
  // printed each application at most once, and no message went out twice under different keys.
  const accounts = await partners
    .collection('bank_customers')
    .aggregate<{ _id: string; n: number }>([
      { $match: { account: { $exists: true } } },
      { $group: { _id: '$account.openedBy', n: { $sum: 1 } } },
    ])
    .toArray();
  for (const a of accounts) if (a.n > 1) findings.twice.push(`bank request ${a._id}: ${a.n} accounts`);
  const printedOrders = await partners
    .collection('mfr_orders')
    .find({ 'report.outcome': 'printed', status: 'reported' }, { projection: { _id: 1 } })
    .toArray();
  const perApplication = new Map<string, number>();
  for (const order of printedOrders) {
    const application = String(order._id).replace(/-P\d+$/, '');
    perApplication.set(application, (perApplication.get(application) ?? 0) + 1);
  }
  for (const [application, n] of perApplication) {
    if (n > 1) findings.twice.push(`${application}: printed ${n} times by the manufacturer`);
  }
  const messages = await partners
    .collection('notifier_messages')
    .aggregate<{ _id: unknown; n: number }>([
      { $match: { template: 'issuance_ready' } },
      { $group: { _id: { app: '$params.applicationId', channel: '$channel' }, n: { $sum: 1 } } },
    ])
    .toArray();
  for (const m of messages)
    if (m.n > 1) findings.twice.push(`issuance notice ${JSON.stringify(m._id)}: sent ${m.n} times`);
  // The payment provider's books: no charge paid twice, every withdrawn application's payment refunded.
  findings.fees = await new PaymentSimulator(partners).books(withdrawn);
  if (findings.fees.chargedTwice > 0) findings.twice.push(`${findings.fees.chargedTwice} charges paid twice`);
  if (findings.fees.refundsMissing > 0)
    findings.halfUndone.push(`${findings.fees.refundsMissing} withdrawn applications' payments not refunded`);
  return findings;
}
