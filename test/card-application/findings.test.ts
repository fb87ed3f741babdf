// The comparison's findings go to whoever can act on them: data the unit mistyped back to the unit, the rest to
// an operator, who rejects, returns, or overrides with a supervisor's confirmation. One test per finding.
import { holdForReview, review } from '../../domain/actions/applications';
import assert from 'node:assert/strict';
import { sampledForAudit } from '../../activities/acceptance';
import type { Actor } from '../../domain/actors';
import { DEFAULT_POLICIES } from '../../domain/deadline-policy';
import { syntheticPeople } from '../../integrations/simulators/people';
import { cardIdFor } from '../../domain/documents/cards';
import { eventually, refusalsOf, submitApplication, waitForStage } from '../support/flow';
import { oneServerPerSuite, OPERATOR, SUPERVISOR } from '../support/world';

const OTHER_SUPERVISOR: Actor = { role: 'supervisor', id: 'sup-02' };

describe('comparison findings', () => {
  const world = oneServerPerSuite();

  const kindsTold = async (applicationId: string) =>
    (await world.stores.notifications.forApplication(applicationId)).map((n) => `${n.kind}:${n.audience}`);

  /** Waits for the application to wait on a person's decision, for the finding its last step's note names. */
  async function waitsForDecision(applicationId: string, finding: RegExp): Promise<void> {
    const waiting = await waitForStage(world, applicationId, 'awaiting_review');
    assert.equal(waiting.awaiting, 'decision');
    assert.match(waiting.history.at(-1)!.note ?? '', finding);
  }

  it('a birth date the population database has otherwise returns to the unit, which corrects it', async () => {
    const person = world.people[0]!;
    await world.sims.registerPeople([{ ...person, birthDate: '1970-01-01', status: 'alive' }]);
    const applicationId = await submitApplication(world, person);
    const returned = await waitForStage(world, applicationId, 'returned');
    assert.deepEqual(returned.returns[0]?.reasons, ['BIRTH_DATE_MISMATCH']);
    assert.equal(returned.awaiting, 'resubmission');
  });

  it('a deceased person goes to an operator, who rejects the application with a reason', async () => {
    const person = world.people[1]!;
    await world.sims.registerPeople([{ ...person, status: 'deceased' }]);
    const applicationId = await submitApplication(world, person);
    const refuses = refusalsOf(world, applicationId);
    const waiting = await waitForStage(world, applicationId, 'awaiting_review');
    assert.equal(waiting.awaiting, 'decision');
    assert.equal(waiting.returnCount, 0, 'not returned to the unit');
    await refuses(review, { decision: 'approve' }, OPERATOR, 'DECISION_NOT_ALLOWED');
    await refuses(review, { decision: 'reject' }, OPERATOR, 'VALIDATION_FAILED');

    const closed = await world.client.applications.act(
      review,
      applicationId,
      { decision: 'reject', note: 'death certificate on file since 2025' },
      OPERATOR,
    );
    const rejected =
      closed.stage === 'rejected' ? closed : await waitForStage(world, applicationId, 'rejected');
    assert.equal(rejected.outcome, 'rejected');
    const last = rejected.history.at(-1)!;
    assert.equal(last.actor.id, OPERATOR.id);
    assert.equal(last.note, 'death certificate on file since 2025');
    await eventually(
      () => kindsTold(applicationId),
      (told) => told.length > 0,
      'the unit to be told',
    );
    assert.deepEqual(await kindsTold(applicationId), ['rejected:unit']);
  });

  it('a person the population database does not know goes to an operator, who can return it to the unit', async () => {
    const [stranger] = syntheticPeople(1, 4242);
    const applicationId = await submitApplication(world, stranger!);
    await waitsForDecision(applicationId, /UNKNOWN_PERSON/);

    await world.client.applications.act(
      review,
      applicationId,
      { decision: 'return', reasons: ['OTHER'], note: 'check the ID number against the card' },
      OPERATOR,
    );
    const returned = await waitForStage(world, applicationId, 'returned');
    assert.deepEqual(returned.returns[0]?.reasons, ['OTHER']);
    assert.equal(returned.returns[0]?.by.id, OPERATOR.id);
  });

  it('a bank customer on file under another name: an override goes on only once a second supervisor confirms', async () => {
    const person = world.people[2]!;
    await world.sims.bank.addCustomers([{ residentId: person.residentId, name: `${person.name}明` }]);
    const applicationId = await submitApplication(world, person);
    const refuses = refusalsOf(world, applicationId);
    await waitsForDecision(applicationId, /BANK_RECORD_CONFLICT/);

    await world.client.applications.act(
      review,
      applicationId,
      { decision: 'override', note: 'the bank corrected its record by phone' },
      SUPERVISOR,
    );
    const proposed = await world.client.applications.status(applicationId, OPERATOR);
    assert.equal(proposed.awaiting, 'confirmation');
    await refuses(review, { decision: 'override', note: 'ok' }, OPERATOR, 'ROLE_NOT_ALLOWED');
    await refuses(review, { decision: 'override', note: 'ok' }, SUPERVISOR, 'FOUR_EYES_REQUIRED');

    await world.client.applications.act(
      review,
      applicationId,
      { decision: 'override', note: 'confirmed with the branch' },
      OTHER_SUPERVISOR,
    );
    const done = await waitForStage(world, applicationId, 'awaiting_collection');
    const actions = done.history.filter((h) => h.action).map((h) => `${h.action}:${h.actor.id}`);
    assert.ok(actions.includes(`override_proposed:${SUPERVISOR.id}`), actions.join(', '));
    assert.ok(actions.includes(`override_confirmed:${OTHER_SUPERVISOR.id}`), actions.join(', '));
  });

  it('a bank customer on file with another birth date is a conflict too', async () => {
    const person = world.people[4]!;
    await world.sims.bank.addCustomers([
      { residentId: person.residentId, name: person.name, birthDate: '1960-06-06' },
    ]);
    const applicationId = await submitApplication(world, person);
    await waitsForDecision(applicationId, /^BANK_RECORD_CONFLICT$/);
  });

  it('a bank customer whose record agrees passes the bank’s own check', async () => {
    const person = world.people[5]!;
    await world.sims.bank.addCustomers([
      { residentId: person.residentId, name: person.name, birthDate: person.birthDate },
    ]);
    const applicationId = await submitApplication(world, person);
    await waitForStage(world, applicationId, 'awaiting_collection');
  });

  it('a missing photo cannot be approved, only returned: no card is printed without one', async () => {
    const { photoId: _photo, ...withoutPhoto } = world.people[6]!;
    const applicationId = await submitApplication(world, withoutPhoto);
    const refuses = refusalsOf(world, applicationId);
    await waitForStage(world, applicationId, 'awaiting_review');
    await refuses(review, { decision: 'approve', note: 'fine' }, SUPERVISOR, 'FLAG_BLOCKS_APPROVAL');
    await world.client.applications.act(
      review,
      applicationId,
      { decision: 'return', reasons: ['PHOTO_MISSING'] },
      OPERATOR,
    );
    await waitForStage(world, applicationId, 'returned');
    assert.equal(await world.sims.db.collection('mfr_orders').countDocuments({}), 0);
  });

  it('an operator holds an application while it is compared: it waits for review before its card is registered', async () => {
    world.sims.bank.behaviour.settings = { latencyMs: [800, 800], failureRate: 0 };
    const applicationId = await submitApplication(world, world.people[7]!);
    const refuses = refusalsOf(world, applicationId);
    await waitForStage(world, applicationId, 'comparing');
    await world.client.applications.act(
      holdForReview,
      applicationId,
      { note: 'tip-off from the unit' },
      OPERATOR,
    );
    await refuses(holdForReview, { note: 'again' }, OPERATOR, 'ALREADY_IN_REVIEW');
    const held = await waitForStage(world, applicationId, 'awaiting_review');
    assert.deepEqual(held.auditFlags, ['HELD_FOR_REVIEW']);
    assert.equal(await world.stores.cards.get(cardIdFor(applicationId)), null, 'no card registered yet');

    await world.client.applications.act(
      review,
      applicationId,
      { decision: 'approve', note: 'checked' },
      OPERATOR,
    );
    await waitForStage(world, applicationId, 'awaiting_collection');
    await refuses(holdForReview, { note: 'late' }, OPERATOR, 'TOO_LATE_TO_HOLD');
  });

  it("the policy's sampling rate sends applications to an operator at random", async () => {
    const national = DEFAULT_POLICIES.find((p) => p.id === 'national-sporadic-2019')!;
    await world.stores.policies.upsert({ ...national, reviewSamplingRate: 1 });
    const applicationId = await submitApplication(world, world.people[8]!);
    const sampled = await waitForStage(world, applicationId, 'awaiting_review');
    assert.deepEqual(sampled.auditFlags, ['SELECTED_FOR_AUDIT']);
  });
});

describe('random audits', () => {
  it('select about the policy rate of applications, the same ones every time', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `A${String(i).padStart(12, '0')}`);
    const chosen = ids.filter((id) => sampledForAudit(id, 0.1));
    assert.ok(chosen.length > 1_800 && chosen.length < 2_200, `${chosen.length} of 20000 at 10%`);
    assert.deepEqual(
      ids.filter((id) => sampledForAudit(id, 0.1)),
      chosen,
    );
    assert.equal(ids.filter((id) => sampledForAudit(id, 0)).length, 0);
  });
});
