// Optional OpenTelemetry tracing (SSCARD_TRACING, off by default): the API's requests, the client's workflow
// starts, signals, queries and updates, the workflows and their activities, joined in one trace by the headers
// Temporal's interceptors carry. `otlp` exports to the collector the standard OTEL_EXPORTER_OTLP_* variables name
// (http://localhost:4318 unless set); `console` prints spans, for a look on one machine. Spans carry IDs, never
// personal data: span names are route templates and workflow and activity types.
import * as otel from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  OpenTelemetryPlugin,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';

export const TRACING_SETTINGS = ['off', 'otlp', 'console'] as const;
export type TracingSetting = (typeof TRACING_SETTINGS)[number];

export interface Tracing {
  /** For Worker.create's plugins: workflow and activity spans. */
  plugin: OpenTelemetryPlugin;
  /** For a Client's interceptors: workflow starts, signals, queries and updates carry the trace on. */
  clientInterceptors: { workflow: OpenTelemetryWorkflowClientInterceptor[] };
  tracer: otel.Tracer;
  shutdown(): Promise<void>;
}

/**
 * Starts tracing for one process, or gives undefined when it is off. `processor` replaces the exporter the
 * setting names (tests collect spans in memory).
 */
export function startTracing(
  service: string,
  setting: TracingSetting,
  processor?: SpanProcessor,
): Tracing | undefined {
  if (setting === 'off' && !processor) return undefined;
  const spanProcessor =
    processor ??
    (setting === 'otlp'
      ? new BatchSpanProcessor(new OTLPTraceExporter())
      : new SimpleSpanProcessor(new ConsoleSpanExporter()));
  const resource = new Resource({ 'service.name': `sscard-${service}` });
  const provider = new NodeTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // Global, with Node's async context: an API request's span is the parent of the workflow start it makes.
  provider.register();
  const tracer = otel.trace.getTracer('sscard');
  return {
    plugin: new OpenTelemetryPlugin({ resource, spanProcessor, tracer }),
    clientInterceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor({ tracer })] },
    tracer,
    shutdown: async () => {
      await provider.shutdown();
      otel.trace.disable();
      otel.context.disable();
      otel.propagation.disable();
    },
  };
}
