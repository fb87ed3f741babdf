// The API's Prometheus metrics, at GET /metrics: requests by route and status with their latency, the process's
// own (memory, CPU, event loop), and the business gauges a supervisor watches (applications waiting in each queue,
// all applications by deadline state), read from Temporal visibility at most every 15 s.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { QueueCounts } from '../domain/lists';

const COUNTS_MAX_AGE_MS = 15_000;

export function createMetrics(readCounts: () => Promise<QueueCounts>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'sscard_api_' });
  const requests = new Counter({
    name: 'sscard_api_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'sscard_api_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  let counts: { at: number; value: Promise<QueueCounts> } | undefined;
  const current = (): Promise<QueueCounts> => {
    if (!counts || Date.now() - counts.at > COUNTS_MAX_AGE_MS) {
      const value = readCounts();
      counts = { at: Date.now(), value };
      value.catch(() => (counts = undefined));
    }
    return counts.value;
  };
  new Gauge({
    name: 'sscard_queue_applications',
    help: 'Applications in flight waiting in each operator queue (awaiting review, returned, at risk, ...)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const [queue, n] of Object.entries((await current()).queues)) this.set({ queue }, n);
    },
  });
  new Gauge({
    name: 'sscard_applications_by_sla',
    help: 'All applications, open and closed, by the state of their deadline clock',
    labelNames: ['sla'],
    registers: [registry],
    async collect() {
      for (const [sla, n] of Object.entries((await current()).sla)) this.set({ sla }, n);
    },
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    /** Counts one answered request; `route` is the template (/v1/applications/:id), never the path itself. */
    observe(method: string, route: string, status: number, seconds: number): void {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
    },
  };
}

export type ApiMetrics = ReturnType<typeof createMetrics>;
