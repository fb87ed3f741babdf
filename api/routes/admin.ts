// Administration: API keys, calendar years (publishing one re-derives every running deadline) and policies.
import { z } from 'zod';
import { counterIdSchema, counterSchema } from '../../domain/counters';
import { calendarYearInputSchema, calendarYearSchema } from '../../domain/calendar/calendar-year';
import { deadlinePolicySchema } from '../../domain/deadline-policy';
import { apiKeyRequestSchema, type ApiKeyView } from '../../domain/api-keys';
import { calendarYearNumberSchema } from '../../client/admin';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import {
  apiKeyListSchema,
  apiKeySchema,
  calendarPublicationSchema,
  calendarYearsSchema,
  counterViewSchema,
  issuedKeySchema,
  policiesSchema,
} from '../schemas';
import { ok } from './shared';

const keyParams = z.object({ id: z.string().regex(/^key_[0-9a-f]{16}$/, 'a key ID key_<16 hex>') });
const yearParams = z.object({ year: calendarYearNumberSchema });
const policyParams = z.object({ id: deadlinePolicySchema.shape.id });

// The year and the id come from the path; a body may repeat them.
const calendarBody = z.object({
  ...calendarYearInputSchema.shape,
  year: calendarYearInputSchema.shape.year.optional(),
});
const policyBody = z.object({ ...deadlinePolicySchema.shape, id: deadlinePolicySchema.shape.id.optional() });

const keyView = (key: ApiKeyView) => ({
  ...key,
  createdAt: key.createdAt.toISOString(),
  ...(key.revokedAt ? { revokedAt: key.revokedAt.toISOString() } : {}),
});

export function adminRoutes({ client }: ApiDeps): Route[] {
  const admin = { tag: 'administration', access: 'bearer', roles: ['admin'] } as const;
  return [
    {
      ...admin,
      method: 'POST',
      path: '/v1/admin/keys',
      operationId: 'issueApiKey',
      summary: 'Issue an API key for a person or system; the token is shown once',
      idempotency: 'required',
      body: apiKeyRequestSchema,
      success: { status: 201, description: 'The key and its token', schema: issuedKeySchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'UNIT_UNKNOWN', 'ACCOUNT_IN_OTHER_UNIT'],
      handle: async ({ body, actor }) => {
        const issued = await client.admin.issueKey(body, actor);
        return ok({ token: issued.token, key: keyView(issued.key) }, 201);
      },
    },
    {
      ...admin,
      method: 'GET',
      path: '/v1/admin/keys',
      operationId: 'listApiKeys',
      summary: 'Every API key, revoked ones included (never their tokens)',
      success: { status: 200, description: 'Keys', schema: apiKeyListSchema },
      errors: ['ROLE_NOT_ALLOWED'],
      handle: async ({ actor }) => ok({ items: (await client.admin.keys(actor)).map(keyView) }),
    },
    {
      ...admin,
      method: 'DELETE',
      path: '/v1/admin/keys/:id',
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key at once',
      params: keyParams,
      success: { status: 200, description: 'The revoked key', schema: apiKeySchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'KEY_NOT_FOUND'],
      handle: async ({ params, actor }) => ok(keyView(await client.admin.revokeKey(params.id!, actor))),
    },
    {
      ...admin,
      method: 'GET',
      path: '/v1/admin/calendar',
      operationId: 'listCalendarYears',
      summary: 'The working-day calendar: every published year',
      success: { status: 200, description: 'Years', schema: calendarYearsSchema },
      errors: ['ROLE_NOT_ALLOWED'],
      handle: async ({ actor }) => ok({ items: await client.admin.calendarYears(actor) }),
    },
    {
      ...admin,
      method: 'GET',
      path: '/v1/admin/calendar/:year',
      operationId: 'getCalendarYear',
      summary: 'One year of the calendar: holidays and make-up working days',
      params: yearParams,
      success: { status: 200, description: 'The year', schema: calendarYearSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'CALENDAR_YEAR_NOT_FOUND'],
      handle: async ({ params, actor }) => ok(await client.admin.calendarYear(params.year, actor)),
    },
    {
      ...admin,
      method: 'PUT',
      path: '/v1/admin/calendar/:year',
      operationId: 'publishCalendarYear',
      summary: 'Publish or correct a year; every application in flight derives its deadline again',
      description:
        'The whole year is replaced: holidays (days off, weekend days included) and workdays (weekend days ' +
        'declared working days). Answers how many running applications were told.',
      params: yearParams,
      body: calendarBody,
      success: { status: 200, description: 'The year as stored', schema: calendarPublicationSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'CALENDAR_INVALID'],
      handle: async ({ params, body, actor }) =>
        ok(await client.admin.publishCalendarYear(params.year, body, actor)),
    },
    {
      ...admin,
      method: 'GET',
      path: '/v1/admin/policies',
      operationId: 'listPolicies',
      summary: 'Deadline policies: working days by region, issuance mode and effective date',
      success: { status: 200, description: 'Policies', schema: policiesSchema },
      errors: ['ROLE_NOT_ALLOWED'],
      handle: async ({ actor }) => ok({ items: await client.admin.policies(actor) }),
    },
    {
      ...admin,
      method: 'PUT',
      path: '/v1/admin/policies/:id',
      operationId: 'putPolicy',
      summary: 'Add or replace a deadline policy; applications accepted from then on use it',
      params: policyParams,
      body: policyBody,
      invalid: 'POLICY_INVALID',
      success: { status: 200, description: 'The policy as stored', schema: deadlinePolicySchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED', 'POLICY_INVALID'],
      handle: async ({ params, body, actor }) => ok(await client.admin.putPolicy(params.id, body, actor)),
    },
    {
      ...admin,
      method: 'PUT',
      path: '/v1/admin/counters/:id',
      operationId: 'putCounter',
      summary: 'Register a counter or change it: its name, region, kind, card printer, open or closed',
      description:
        'Counters with a card printer take instant applications where the region has an instant policy; a closed ' +
        'counter or one without a printer refuses them. The ID is the region code, a dash and the counter’s name.',
      params: z.object({ id: counterIdSchema }),
      body: counterSchema,
      success: { status: 200, description: 'The counter as stored', schema: counterViewSchema },
      errors: ['VALIDATION_FAILED', 'ROLE_NOT_ALLOWED'],
      handle: async ({ params, body, actor }) => ok(await client.admin.putCounter(params.id, body, actor)),
    },
  ];
}
