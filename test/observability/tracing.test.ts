// OpenTelemetry tracing, on: one trace from the API request through the workflow start to the workflow and its
// activities, and no personal data in any span. Spans are collected in memory instead of exported.
import assert from 'node:assert/strict';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing, type Tracing } from '../../observability/tracing';
import { type ApiWorld, startApiWorld } from '../api/support';
import { waitForStage } from '../support/flow';
import { UNIT } from '../support/world';

/** Everything a span shows a tracing backend, as text. */
const shown = (span: ReadableSpan): string =>
  JSON.stringify([span.name, span.attributes, span.events, span.status, span.links]);

describe('OpenTelemetry tracing (SSCARD_TRACING)', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing;
  let t: ApiWorld;
  before(async function () {
    this.timeout(180_000);
    tracing = startTracing('test', 'off', new SimpleSpanProcessor(exporter))!;
    t = await startApiWorld({ tracing });
  });
  after(async () => {
    await t?.close();
    await tracing?.shutdown();
  });

  it('is off unless asked for', () => {
    assert.equal(startTracing('test', 'off'), undefined);
  });

  it('joins the API request, the workflow and its activities in one trace, without personal data', async () => {
    const person = t.world.people[0]!;
    const answer = await t.call<{ applicationId: string }>('clerk', 'POST', '/v1/applications', {
      body: { unitId: UNIT._id, applicant: person },
      idempotencyKey: 'trace-1',
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    await waitForStage(t.world, answer.body.applicationId, 'awaiting_collection');

    const spans = exporter.getFinishedSpans();
    const request = spans.find((s) => s.name === 'POST /v1/applications');
    assert.ok(request, `spans: ${spans.map((s) => s.name).join(', ')}`);
    const trace = spans.filter((s) => s.spanContext().traceId === request.spanContext().traceId);
    const names = new Set(trace.map((s) => s.name));
    for (const name of [
      // The workflow's own span (RunWorkflow) ends when it does: it waits for the collection still.
      'StartWorkflow:cardApplication',
      'StartActivity:compareIdentity',
      'RunActivity:compareIdentity',
      'RunActivity:placePrintOrder',
      'RunActivity:notifyIssuance',
    ])
      assert.ok(names.has(name), `${name} not in the request's trace: ${[...names].join(', ')}`);
    assert.equal(request.attributes['http.response.status_code'], 201);

    for (const span of spans)
      for (const secret of [person.residentId, person.name, person.phone!])
        assert.ok(!shown(span).includes(secret), `personal data in span ${span.name}`);
  });
});
