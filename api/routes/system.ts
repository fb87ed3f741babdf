// Who am I, is the service healthy, and what does the API look like.
import type { ApiDeps } from '../deps';
import type { ApiMetrics } from '../metrics';
import type { Route } from '../router';
import { healthSchema, meSchema } from '../schemas';
import { ok } from './shared';

const HEALTH_TIMEOUT_MS = 2000;

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'unavailable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return 'ok';
  } catch {
    return 'unavailable';
  } finally {
    clearTimeout(timer);
  }
}

export function systemRoutes(
  { stores, temporal }: ApiDeps,
  openApi: () => unknown,
  metrics: ApiMetrics,
): Route[] {
  return [
    {
      method: 'GET',
      path: '/metrics',
      operationId: 'metrics',
      summary:
        'Prometheus metrics: requests, latency, the process, and applications by queue and deadline state',
      description:
        'Text exposition format. Scrape with a supervisor or administrator key (Authorization: Bearer).',
      tag: 'system',
      access: 'bearer',
      roles: ['supervisor', 'admin'],
      success: { status: 200, description: 'text/plain; version=0.0.4' },
      errors: ['ROLE_NOT_ALLOWED'],
      handle: async () => ({
        status: 200,
        text: await metrics.render(),
        headers: { 'Content-Type': metrics.contentType },
      }),
    },
    {
      method: 'GET',
      path: '/v1/me',
      operationId: 'whoAmI',
      summary: 'The caller, as the API key names them',
      tag: 'system',
      access: 'bearer',
      success: { status: 200, description: 'The caller', schema: meSchema },
      errors: [],
      handle: ({ actor, key }) => Promise.resolve(ok({ actor, key })),
    },
    {
      method: 'GET',
      path: '/healthz',
      operationId: 'health',
      summary: 'Whether the API reaches its database and Temporal',
      tag: 'system',
      access: 'public',
      success: {
        status: 200,
        description: 'Healthy (503 with the same shape when not)',
        schema: healthSchema,
      },
      errors: [],
      handle: async () => {
        const [mongo, temporalCheck] = await Promise.all([
          check(() => stores.ping()),
          check(() => temporal.workflowService.getSystemInfo({})),
        ]);
        const healthy = mongo === 'ok' && temporalCheck === 'ok';
        return ok(
          { status: healthy ? 'ok' : 'unavailable', checks: { mongo, temporal: temporalCheck } },
          healthy ? 200 : 503,
        );
      },
    },
    {
      method: 'GET',
      path: '/openapi.json',
      operationId: 'openApi',
      summary: 'This description of the API (OpenAPI 3.1)',
      tag: 'system',
      access: 'public',
      success: { status: 200, description: 'The OpenAPI document' },
      errors: [],
      handle: () => Promise.resolve(ok(openApi())),
    },
  ];
}
