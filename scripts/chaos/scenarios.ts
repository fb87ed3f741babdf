// What the units and operators do during the fault run, application by application, through the API: plain
// applications, names the bank finds mistyped (returned, corrected, resubmitted), people holding an old card,
// missing phone numbers (approved, or returned and corrected), withdrawals at any moment, the same person submitted twice,
// urgent cases, people recorded as deceased (an operator rejects them), cards made at a counter while the person
// waits (instant), people applying online for delivery by courier, and fees: paid through the payment provider, or
// paid and then withdrawn (refunded). Each driver ends when its application rests where only a person's later action
// moves it.
import type { SyntheticPerson } from '../../integrations/simulators/people';
import type { Stage } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import type { ChaosApi } from './http';

export const SCENARIOS = [
  'ordinary',
  'ordinary',
  'ordinary',
  'misspelt',
  'old_card',
  'review_approve',
  'review_return',
  'withdraw',
  'duplicate',
  'expedite',
  'deceased',
  'instant',
  'online',
  'fee_paid',
  'fee_withdrawn',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Where an application rests until a person (the unit, an operator, the cardholder) acts again. */
export const RESTING: Stage[] = ['awaiting_collection', 'issued', 'withdrawn', 'expired', 'rejected'];

export interface Actors {
  clerk: ChaosApi;
  operator: ChaosApi;
  supervisor: ChaosApi;
}

/**
 * Where the two newer lanes run: the counter with a printer, and how a person reads the SMS codes sent to them; and
 * the unit whose region charges a fee for a first card (the fee scenarios apply there).
 */
export interface Lanes {
  counterId: string;
  /** The unit whose region charges, and its clerk, who submits and withdraws its applications. */
  feeUnit: { unitId: string; clerk: ChaosApi };
  /** The code of the latest SMS of a template to a phone, as the person reads it (the simulated notifier's box). */
  codeSentTo(phone: string, template: string): Promise<string | undefined>;
}

export interface Outcome {
  applicationId?: string;
  scenario: Scenario;
  /** Answers the driver did not expect: a bug in the system or the driver. */
  surprises: string[];
  /** For `duplicate`: the second submission's answer code. */
  duplicateAnswer?: string;
}

type ErrorBody = { error?: { code?: string; message?: string } };
const codeOf = (body: unknown): string | undefined => (body as ErrorBody | undefined)?.error?.code;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function statusOf(api: ChaosApi, id: string): Promise<ApplicationStatus | undefined> {
  const answer = await api.call<ApplicationStatus>('GET', `/v1/applications/${id}`);
  return answer.status === 200 ? answer.body : undefined;
}

/** Polls slowly (a person looking at a queue), acting on a failed print the way an operator would. */
async function waitFor(
  actors: Actors,
  id: string,
  done: (s: ApplicationStatus) => boolean,
  timeoutMs = 600_000,
): Promise<ApplicationStatus | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await statusOf(actors.operator, id);
    if (status && done(status)) return status;
    if (status?.stage === 'print_failed') {
      await actors.operator.call('POST', `/v1/applications/${id}/reprint`, {
        note: 'order the next attempt',
      });
    }
    await sleep(2000 + Math.random() * 2000);
  }
  return undefined;
}

/**
 * Waits until `wanted` holds of the application, or it comes to rest otherwise, which is a surprise (`otherwise`
 * and the stage it rests at). True when `wanted` holds.
 */
async function reaches(
  actors: Actors,
  id: string,
  wanted: (s: ApplicationStatus) => boolean,
  otherwise: string,
  surprise: (what: string) => void,
): Promise<boolean> {
  const status = await waitFor(actors, id, (s) => wanted(s) || RESTING.includes(s.stage));
  if (status && wanted(status)) return true;
  surprise(`${otherwise} but ${status?.stage}`);
  return false;
}

/**
 * The unit's corrected data, as a clerk sends it. Under a fault the status can show `returned` a moment before
 * the record the API checks does (a task the killed server never completed ran ahead of the committed one); the
 * clerk is told NOT_RETURNED, waits until the application is returned and sends it again, once.
 */
async function resubmit(
  actors: Actors,
  id: string,
  person: object,
  surprise: (what: string, body?: unknown) => void,
): Promise<void> {
  const send = () => actors.clerk.call('POST', `/v1/applications/${id}/resubmit`, { applicant: person });
  let fixed = await send();
  if (codeOf(fixed.body) === 'NOT_RETURNED') {
    await sleep(5000);
    await waitFor(actors, id, (s) => s.stage === 'returned' || RESTING.includes(s.stage));
    fixed = await send();
  }
  if (fixed.status !== 200) surprise('resubmission refused', fixed.body);
}

/**
 * A person's own call to a public route: all the run's people share one address, which the API holds to the
 * self-service rate, so a 429 is waited out as a person would, and so is a 503 (a party the call needs is away).
 */
async function politely<T>(call: () => Promise<{ status: number; body: T }>) {
  for (;;) {
    const answer = await call();
    if (answer.status !== 429 && answer.status !== 503) return answer;
    await sleep(5000 + Math.random() * 5000);
  }
}

/** The person applies online: asks for a code, reads it from their SMS, sends the application with it. */
async function applyOnline(
  actors: Actors,
  lanes: Lanes,
  person: SyntheticPerson,
): Promise<{ status: number; body: { applicationId?: string } }> {
  const asked = await politely(() =>
    actors.clerk.call('POST', '/v1/online/code', { residentId: person.residentId }),
  );
  if (asked.status !== 202) return { status: asked.status, body: {} };
  let code: string | undefined;
  for (let tries = 0; !code && tries < 30; tries++) {
    await sleep(1000);
    code = await lanes.codeSentTo(person.phone!, 'online_code');
  }
  return politely(() =>
    actors.clerk.call<{ applicationId?: string }>('POST', '/v1/online/applications', {
      residentId: person.residentId,
      code: code ?? '000000',
      address: {
        region: '330106',
        line: '文三路 90 号 3 幢',
        recipientName: person.name,
        recipientPhone: person.phone,
      },
    }),
  );
}

/** The unit's clerk withdraws the application; once printing has started a supervisor confirms it instead. */
async function withdrawByUnit(
  actors: Actors,
  id: string,
  surprise: (what: string, body?: unknown) => void,
): Promise<void> {
  const reason = { reason: 'the employee left the company' };
  let withdrawn = await actors.clerk.call('POST', `/v1/applications/${id}/withdraw`, reason);
  if (codeOf(withdrawn.body) === 'WITHDRAW_NEEDS_SUPERVISOR') {
    withdrawn = await actors.supervisor.call('POST', `/v1/applications/${id}/withdraw`, {
      ...reason,
      supervisorConfirmed: true,
    });
  }
  const code = codeOf(withdrawn.body);
  // 202: taken, and what it undoes goes on (the verification finds it undone wholly, or not).
  if (withdrawn.status !== 200 && withdrawn.status !== 202 && code !== 'ALREADY_CLOSED')
    surprise(`withdrawal answered ${withdrawn.status}`, withdrawn.body);
}

export async function drive(
  scenario: Scenario,
  person: SyntheticPerson,
  unitId: string,
  actors: Actors,
  lanes: Lanes,
): Promise<Outcome> {
  const outcome: Outcome = { scenario, surprises: [] };
  const charged = scenario === 'fee_paid' || scenario === 'fee_withdrawn';
  if (charged) actors = { ...actors, clerk: lanes.feeUnit.clerk };
  const surprise = (what: string, body?: unknown) =>
    outcome.surprises.push(`${scenario}: ${what}${body ? ` (${JSON.stringify(body).slice(0, 200)})` : ''}`);
  const { phone: _phone, ...withoutPhone } = person;
  const applicant =
    scenario === 'misspelt'
      ? { ...person, name: `${person.name}子` }
      : scenario.startsWith('review')
        ? withoutPhone
        : person;

  const instant = scenario === 'instant' ? { instant: { counterId: lanes.counterId } } : {};
  const submit = (key?: string) =>
    actors.clerk.call<{ applicationId?: string }>(
      'POST',
      '/v1/applications',
      { unitId: charged ? lanes.feeUnit.unitId : unitId, applicant, ...instant },
      key,
    );
  let answer;
  if (scenario === 'duplicate') {
    // The same person twice at once (two keys), and the first request retried (its key again).
    const key = `dup-${person.residentId.slice(-6)}-${Date.now()}`;
    const [first, second] = await Promise.all([submit(key), submit()]);
    const retried = await submit(key);
    const winner = first.status === 201 ? first : second;
    const loser = first.status === 201 ? second : first;
    if (winner.status !== 201) surprise('neither submission was accepted', winner.body);
    outcome.duplicateAnswer = codeOf(loser.body) ?? String(loser.status);
    if (loser.status === 201 && loser.body.applicationId !== winner.body.applicationId)
      surprise('two applications for one person in flight', loser.body);
    if (first.status === 201 && retried.body.applicationId !== first.body.applicationId)
      surprise('a retried submission was not answered with its first answer', retried.body);
    answer = winner;
  } else if (scenario === 'online') {
    answer = await applyOnline(actors, lanes, person);
  } else {
    answer = await submit();
  }
  if (answer.status !== 201 || !answer.body.applicationId) {
    surprise(`submission answered ${answer.status}`, answer.body);
    return outcome;
  }
  const id = answer.body.applicationId;
  outcome.applicationId = id;

  switch (scenario) {
    case 'misspelt': {
      if (!(await reaches(actors, id, (s) => s.stage === 'returned', 'not returned', surprise)))
        return outcome;
      await resubmit(actors, id, person, surprise);
      break;
    }
    case 'review_approve':
    case 'review_return': {
      if (!(await reaches(actors, id, (s) => s.stage === 'awaiting_review', 'not flagged', surprise)))
        return outcome;
      const decision =
        scenario === 'review_approve'
          ? { decision: 'approve', note: 'the unit passes the notice on' }
          : { decision: 'return', reasons: ['PHONE_MISSING'], note: 'phone number needed' };
      const reviewed = await actors.operator.call('POST', `/v1/applications/${id}/review`, decision);
      if (reviewed.status !== 200) surprise('review refused', reviewed.body);
      if (scenario === 'review_return') {
        await waitFor(actors, id, (s) => s.stage === 'returned');
        await resubmit(actors, id, person, surprise);
      }
      break;
    }
    case 'deceased': {
      if (!(await reaches(actors, id, (s) => s.awaiting === 'decision', 'no decision asked', surprise)))
        return outcome;
      const rejected = await actors.operator.call('POST', `/v1/applications/${id}/review`, {
        decision: 'reject',
        note: 'recorded as deceased',
      });
      // ALREADY_CLOSED: the call was retried after a kill and its first attempt had rejected it.
      if (rejected.status !== 200 && codeOf(rejected.body) !== 'ALREADY_CLOSED')
        surprise('rejection refused', rejected.body);
      break;
    }
    case 'withdraw': {
      await sleep(Math.random() * 8000);
      await withdrawByUnit(actors, id, surprise);
      break;
    }
    case 'fee_withdrawn': {
      // Paid, then withdrawn at any moment after: the withdrawal refunds the fee (the verification counts it).
      const paid = (s: ApplicationStatus) => s.fee?.payment?.status === 'paid';
      if (!(await reaches(actors, id, paid, 'the fee was not paid', surprise))) return outcome;
      await sleep(Math.random() * 8000);
      await withdrawByUnit(actors, id, surprise);
      break;
    }
    case 'expedite': {
      const expedited = await actors.operator.call('POST', `/v1/applications/${id}/expedite`, {
        reason: 'urgent medical need',
      });
      const code = codeOf(expedited.body);
      if (expedited.status !== 200 && code !== 'TOO_LATE_TO_EXPEDITE' && code !== 'ALREADY_CLOSED')
        surprise(`expedite answered ${expedited.status}`, expedited.body);
      break;
    }
    default:
      break;
  }
  const rest = await waitFor(actors, id, (s) => RESTING.includes(s.stage));
  if (!rest) surprise('never came to rest');
  else if (scenario === 'fee_paid' && rest.fee?.payment?.status !== 'paid')
    surprise(`came to rest with its fee ${rest.fee?.payment?.status ?? 'not charged'}`);
  return outcome;
}
