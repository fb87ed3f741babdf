// The OpenAPI 3.1 document, generated from the routes and their zod schemas (zod's own JSON Schema output).
import type { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../domain/errors';
import { jsonSchema, type JsonSchema } from '../domain/json-schema';
import type { Route } from './router';
import { errorSchema } from './schemas';

/** Refusals any route of an access kind may answer with, besides its own. */
const COMMON_ERRORS: Record<Route['access'], readonly ErrorCode[]> = {
  bearer: ['UNAUTHENTICATED', 'SERVICE_UNAVAILABLE', 'INTERNAL_ERROR'],
  partner: [
    'SIGNATURE_INVALID',
    'SIGNATURE_STALE',
    'SIGNATURE_REPLAYED',
    'SERVICE_UNAVAILABLE',
    'INTERNAL_ERROR',
  ],
  public: ['INTERNAL_ERROR'],
};
const BODY_ERRORS: readonly ErrorCode[] = ['INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'PAYLOAD_TOO_LARGE'];

function requestBody(schema: z.ZodType, example: unknown) {
  const body = jsonSchema(schema, 'input');
  // A body whose fields are all optional may be left out (an empty POST).
  const required = !(body.type === 'object' && ((body.required as unknown[] | undefined) ?? []).length === 0);
  return {
    required,
    content: { 'application/json': { schema: body, ...(example !== undefined ? { example } : {}) } },
  };
}

function operation(route: Route) {
  const parameters: JsonSchema[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const object = jsonSchema(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      parameters.push({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        schema: property,
        ...(typeof property.description === 'string' ? { description: property.description } : {}),
      });
    }
  }
  if (route.idempotency) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: route.idempotency === 'required',
      description:
        'Retry with the same key and body to receive the same answer; another body with a used key is refused (422).',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    });
  }
  const codes = new Set<ErrorCode>([
    ...COMMON_ERRORS[route.access],
    ...(route.body || route.access === 'partner' ? BODY_ERRORS : []),
    ...(route.idempotency ? (['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_FLIGHT'] as const) : []),
    ...(route.idempotency === 'required' ? (['IDEMPOTENCY_KEY_MISSING'] as const) : []),
    ...route.errors,
  ]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_CATALOGUE[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const content = route.success.schema
    ? { content: { 'application/json': { schema: jsonSchema(route.success.schema, 'output') } } }
    : {};
  const responses: Record<string, JsonSchema> = {
    [route.success.status]: { description: route.success.description, ...content },
    ...(route.success.accepted ? { 202: { description: route.success.accepted, ...content } } : {}),
  };
  for (const [status, list] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: list.map((code) => `\`${code}\`: ${ERROR_CATALOGUE[code].title}`).join('; '),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  const roles = route.roles ? `\n\nRoles: ${route.roles.join(', ')}.` : '';
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description || roles ? { description: `${route.description ?? ''}${roles}`.trim() } : {}),
    tags: [route.tag],
    // The roles that may call, for programs (the security tests walk every operation with every role).
    ...(route.roles ? { 'x-sscard-roles': [...route.roles] } : {}),
    security:
      route.access === 'bearer'
        ? [{ bearer: [] }]
        : route.access === 'partner'
          ? [{ partnerSignature: [] }]
          : [],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body ? { requestBody: requestBody(route.body, route.example) } : {}),
    responses,
  };
}

export function openApiDocument(routes: readonly Route[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'sscard API',
      version,
      description:
        'Social security card issuance: applications, batches, operator queues, partner callbacks and administration. ' +
        'Every error is `{ "error": { "code", "message", "details"? } }` with a stable code.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API key issued by an administrator.' },
        partnerSignature: {
          type: 'apiKey',
          in: 'header',
          name: 'webhook-signature',
          description:
            'Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp (unix seconds, at most 5 minutes ' +
            'off) and webhook-signature "v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>" under one of the ' +
            "partner's active secrets.",
        },
      },
      schemas: { Error: jsonSchema(errorSchema, 'output') },
    },
  };
}
