// The OpenAPI 3.1 document of one partner's side of the contract: what a province hands its bank, manufacturer,
// registry or messaging gateway to build against. Generated from ./contract.ts, so it cannot drift from the
// adapters; the simulator server serves it at /<partner>/openapi.json and docs/partners/ keeps a copy.
import { jsonSchema, type JsonSchema } from '../../domain/json-schema';
import { CONTRACT, CONTRACT_VERSION, operationsOf, partnerErrorSchema, type PartnerName } from './contract';

/** The 409 answer of an operation whose partner refuses for the state of its own machine. */
const refusalsOf = (refusals: Record<string, string>): string =>
  `The partner cannot do it now, for a reason a person has to see to: ${Object.entries(refusals)
    .map(([code, meaning]) => `${code}, ${meaning}`)
    .join('; ')}. sscard does not retry it, and goes on another way (an instant card: the sporadic lane)`;

export function partnerOpenApi(partner: PartnerName): JsonSchema {
  const { title } = CONTRACT[partner];
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/PartnerError' } } },
  });
  const paths: Record<string, unknown> = {};
  for (const [operationId, spec] of Object.entries(operationsOf(partner))) {
    paths[spec.path] = {
      post: {
        operationId,
        summary: spec.summary,
        ...(spec.description ? { description: spec.description } : {}),
        security: [{ bearer: [] }],
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description:
              'The same key always gets the same answer, however often the request is retried; sscard retries ' +
              'after timeouts and outages with the same key.',
            schema: { type: 'string', minLength: 1, maxLength: 200 },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(spec.request, 'input') } },
        },
        responses: {
          200: {
            description: 'Done (or done before under this key: the same answer)',
            content: { 'application/json': { schema: jsonSchema(spec.response, 'output') } },
          },
          400: error('The request breaks the contract: sscard does not retry it quickly (hourly)'),
          401: error('The bearer token is missing or wrong: sscard does not retry it quickly (hourly)'),
          ...(spec.refusals ? { 409: error(refusalsOf(spec.refusals)) } : {}),
          429: error('Over the quota: sscard retries with backoff'),
          503: error('The service is away: sscard retries with backoff (5 s, doubling, up to 10 min)'),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: `sscard → ${title}`,
      version: CONTRACT_VERSION,
      description:
        'What sscard sends this partner. Every call is a POST of JSON with an Idempotency-Key; one attempt waits ' +
        'at most SSCARD_PARTNER_TIMEOUT_MS (default 10 s). Personal data travels only in bodies, over TLS.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Issued by the partner.' } },
      schemas: { PartnerError: jsonSchema(partnerErrorSchema, 'output') },
    },
  };
}
