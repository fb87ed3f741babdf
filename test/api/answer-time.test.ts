import assert from 'node:assert/strict';
import { ANSWER_WITHIN_MS } from '../../api/server';
import type { ApplicationStatus } from '../../domain/status';
import { eventually, waitFor, waitForStage } from '../support/flow';
import { UNIT } from '../support/world';
import { type Answer, apiWorldForSuite, flaggedApplication, uniqueKey } from './support';

/** What a clerk at a counter can wait for, at most. */
const PROMISED_MS = 15_000;

async function timed<T>(call: Promise<Answer<T>>): Promise<Answer<T> & { ms: number }> {
  const started = Date.now();
  const answer = await call;
  return { ...answer, ms: Date.now() - started };
}

describe('an answer within seconds, with no worker running', () => {
  const t = apiWorldForSuite();

  /** An application of the i-th person approved and at the factory, which takes an hour to print. */
  async function printing(index: number): Promise<string> {
    t.world.sims.manufacturer.settings.printMs = 3_600_000;
    const id = await flaggedApplication(t, index);
    await waitForStage(t.world, id, 'awaiting_review');
    await t.call('operator', 'POST', `/v1/applications/${id}/review`, {
      body: { decision: 'approve', note: 'phone confirmed by call' },
    });
    await waitForStage(t.world, id, 'printing');
    return id;
  }

  it('every action is answered within 15 s, and sent again with its key once a worker is back gets its first outcome', async function () {
    this.timeout(180_000);
    assert.ok(ANSWER_WITHIN_MS < PROMISED_MS);
    const reviewed = await flaggedApplication(t, 0);
    const withdrawn = await flaggedApplication(t, 1);
    await waitForStage(t.world, reviewed, 'awaiting_review');
    await waitForStage(t.world, withdrawn, 'awaiting_review');
    await t.world.stopWorker();

    const review = { decision: 'approve', note: 'phone confirmed by call' };
    const reviewKey = uniqueKey();
    const withdrawKey = uniqueKey();
    const answers = await Promise.all([
      timed(
        t.call<ApplicationStatus>('operator', 'POST', `/v1/applications/${reviewed}/review`, {
          body: review,
          idempotencyKey: reviewKey,
        }),
      ),
      timed(
        t.call<ApplicationStatus>('clerk', 'POST', `/v1/applications/${withdrawn}/withdraw`, {
          body: { reason: 'the employee left the company' },
          idempotencyKey: withdrawKey,
        }),
      ),
      timed(t.call<ApplicationStatus>('operator', 'GET', `/v1/applications/${reviewed}`)),
      timed(
        t.call<ApplicationStatus>('clerk', 'POST', '/v1/applications', {
          body: { unitId: UNIT._id, applicant: t.world.people[2] },
          idempotencyKey: uniqueKey(),
        }),
      ),
    ]);
    const [reviewAnswer, withdrawAnswer, statusAnswer, submitAnswer] = answers;
    for (const answer of answers) assert.ok(answer.ms < PROMISED_MS, `answered after ${answer.ms} ms`);
    for (const answer of [reviewAnswer, withdrawAnswer, statusAnswer]) {
      assert.equal(answer.status, 503, JSON.stringify(answer.body));
      assert.equal(answer.body.error?.code, 'SERVICE_UNAVAILABLE');
      assert.ok(Number(answer.headers.get('retry-after')) > 0, 'Retry-After says when to try again');
    }
    assert.match(reviewAnswer.body.error?.message ?? '', /same Idempotency-Key/);
    // A submission is taken when Temporal is: its status is then the one it was submitted with.
    assert.equal(submitAnswer.status, 201, JSON.stringify(submitAnswer.body));
    assert.equal(submitAnswer.body.stage, 'accepted');

    await t.world.startWorker();
    const again = await t.call<ApplicationStatus>('operator', 'POST', `/v1/applications/${reviewed}/review`, {
      body: review,
      idempotencyKey: reviewKey,
    });
    assert.equal(again.status, 200, JSON.stringify(again.body));
    const approvals = again.body.history.filter((entry) => entry.action === 'approved');
    assert.equal(approvals.length, 1, 'the review was taken once');
    const withdrawal = await t.call<ApplicationStatus>(
      'clerk',
      'POST',
      `/v1/applications/${withdrawn}/withdraw`,
      { body: { reason: 'the employee left the company' }, idempotencyKey: withdrawKey },
    );
    assert.ok([200, 202].includes(withdrawal.status), JSON.stringify(withdrawal.body));
    await waitFor(t.world, withdrawn, (s) => s.outcome === 'withdrawn', 'the withdrawal');
  });

  it('a withdrawal whose undoing outlasts a few seconds is answered 202, pointing at the status that follows it', async function () {
    this.timeout(120_000);
    const id = await printing(3);
    // The factory is down for a moment: cancelling its order (retried 5 s later) outlasts the withdrawal's answer.
    t.world.sims.manufacturer.behaviour.failNext(1, 'cancelOrder');
    const started = Date.now();
    const answer = await t.call<ApplicationStatus>('supervisor', 'POST', `/v1/applications/${id}/withdraw`, {
      body: { reason: 'the employee left the company', supervisorConfirmed: true },
      idempotencyKey: uniqueKey(),
    });
    assert.ok(Date.now() - started < PROMISED_MS);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal(answer.headers.get('location'), `/v1/applications/${id}`);
    assert.equal(answer.body.outcome, undefined);
    await waitFor(t.world, id, (s) => s.outcome === 'withdrawn', 'the withdrawal', 60_000);
  });

  it('a withdrawal taken before its worker stops is answered 202, not an error from asking its status', async function () {
    this.timeout(120_000);
    const id = await printing(4);
    const cancels = t.world.sims.manufacturer.behaviour.requests('cancelOrder');
    t.world.sims.manufacturer.behaviour.failNext(1, 'cancelOrder');
    const answer = timed(
      t.call<ApplicationStatus>('supervisor', 'POST', `/v1/applications/${id}/withdraw`, {
        body: { reason: 'the employee left the company', supervisorConfirmed: true },
        idempotencyKey: uniqueKey(),
      }),
    );
    // Taken: what it undoes has begun (the factory's first cancellation failed). Then the worker goes.
    await eventually(
      () => Promise.resolve(t.world.sims.manufacturer.behaviour.requests('cancelOrder')),
      (n) => n > cancels,
      'the first cancellation',
    );
    await t.world.stopWorker();
    const answered = await answer;
    await t.world.startWorker();
    assert.ok(answered.ms < PROMISED_MS, `answered after ${answered.ms} ms`);
    assert.equal(answered.status, 202, JSON.stringify(answered.body));
    await waitFor(t.world, id, (s) => s.outcome === 'withdrawn', 'the withdrawal', 60_000);
  });
});
