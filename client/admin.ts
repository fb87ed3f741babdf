// Administration through the client library: API keys, calendar years (publishing one re-derives the deadlines of
// every application in flight) and deadline policies.
import { WorkflowNotFoundError } from '@temporalio/client';
import { z } from 'zod';
import type { Actor } from '../domain/actors';
import { apiKeyRequestSchema, type ApiKeyView } from '../domain/api-keys';
import type { CalendarYear } from '../domain/calendar/calendar-year';
import type { DeadlinePolicy } from '../domain/deadline-policy';
import { type CounterDoc, counterIdSchema, counterSchema } from '../domain/counters';
import { SscardError } from '../domain/errors';
import { calendarChangedSignal } from '../workflows/card-application/messages';
import type { AdministrationPort } from '../store/ports/client';
import { authorize, type ClientDeps } from './applications';
import { parseOrThrow } from './errors';

export const calendarYearNumberSchema = z.coerce.number().int().min(2000).max(2100);
const policyIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . or -, at most 64');

/** Signals sent at once while telling running applications about a new calendar. */
const SIGNAL_CONCURRENCY = 16;

export interface CalendarPublication {
  year: CalendarYear;
  /** Applications and batches in flight told to derive their deadline again. */
  applicationsSignalled: number;
  /** Applications that closed between the listing and the signal. */
  applicationsClosedMeanwhile: number;
}

export function createAdminClient({ temporal, stores }: ClientDeps<AdministrationPort>) {
  async function signalRunningApplications(revision: number) {
    const result = { applicationsSignalled: 0, applicationsClosedMeanwhile: 0 };
    const pending = new Set<Promise<void>>();
    // Batches too: a batch's deadline follows the same calendar as its applications'.
    const query = `SscardKind IN ('application', 'batch') AND ExecutionStatus = 'Running'`;
    for await (const execution of temporal.workflow.list({ query })) {
      const sent = temporal.workflow
        .getHandle(execution.workflowId, execution.runId)
        .signal(calendarChangedSignal, { revision })
        .then(
          () => void (result.applicationsSignalled += 1),
          (error: unknown) => {
            if (!(error instanceof WorkflowNotFoundError)) throw error;
            result.applicationsClosedMeanwhile += 1;
          },
        )
        .finally(() => pending.delete(sent));
      pending.add(sent);
      if (pending.size >= SIGNAL_CONCURRENCY) await Promise.race(pending);
    }
    await Promise.all(pending);
    return result;
  }

  return {
    /** Issues a key for a person or system: the token is in this answer and never again. */
    async issueKey(request: unknown, actor: Actor): Promise<{ token: string; key: ApiKeyView }> {
      authorize(actor, 'administer');
      const wanted = parseOrThrow(apiKeyRequestSchema, request);
      if (wanted.actor.unitId && !(await stores.units.get(wanted.actor.unitId)))
        throw new SscardError('UNIT_UNKNOWN');
      return stores.apiKeys.issue({ ...wanted, createdBy: actor.id });
    },

    /** Every key, revoked ones included (never their tokens). */
    async keys(actor: Actor): Promise<ApiKeyView[]> {
      authorize(actor, 'administer');
      return stores.apiKeys.list();
    },

    /** Revokes a key at once; revoking it again answers the key as it is. */
    async revokeKey(keyId: string, actor: Actor): Promise<ApiKeyView> {
      authorize(actor, 'administer');
      const revoked = await stores.apiKeys.revoke(keyId, actor.id);
      if (!revoked) throw new SscardError('KEY_NOT_FOUND');
      return revoked;
    },

    async calendarYears(actor: Actor): Promise<CalendarYear[]> {
      authorize(actor, 'administer');
      return stores.calendar.listYears();
    },

    async calendarYear(year: unknown, actor: Actor): Promise<CalendarYear> {
      authorize(actor, 'administer');
      const wanted = parseOrThrow(calendarYearNumberSchema, year);
      const found = (await stores.calendar.listYears()).find((y) => y.year === wanted);
      if (!found) throw new SscardError('CALENDAR_YEAR_NOT_FOUND');
      return found;
    },

    /**
     * Publishes or corrects a year (holidays and make-up working days, replaced whole), then tells every
     * application in flight, which derives its deadline again from the new calendar.
     */
    async publishCalendarYear(year: unknown, input: unknown, actor: Actor): Promise<CalendarPublication> {
      authorize(actor, 'administer');
      const wanted = parseOrThrow(calendarYearNumberSchema, year);
      const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
      if ('year' in body && body.year !== wanted)
        throw new SscardError(
          'CALENDAR_INVALID',
          `year: the body is for ${String(body.year)}, not ${wanted}`,
        );
      const published = await stores.calendar.publishYear({ ...body, year: wanted }, actor.id);
      return { year: published, ...(await signalRunningApplications(published.revision)) };
    },

    async policies(actor: Actor): Promise<DeadlinePolicy[]> {
      authorize(actor, 'administer');
      return stores.policies.all();
    },

    /** Adds a deadline policy or replaces the one with this id; applications accepted from then on use it. */
    /** Registers a counter, or changes one (closes it, a printer comes or goes): submissions see it at once. */
    async putCounter(id: unknown, input: unknown, actor: Actor): Promise<CounterDoc> {
      authorize(actor, 'administer');
      const counterId = parseOrThrow(counterIdSchema, id);
      const counter = { _id: counterId, ...parseOrThrow(counterSchema, input) };
      if (!counterId.startsWith(`${counter.region}-`))
        throw new SscardError('VALIDATION_FAILED', `region: the counter ${counterId} names another region`);
      await stores.counters.upsert(counter);
      return counter;
    },

    async putPolicy(id: unknown, input: unknown, actor: Actor): Promise<DeadlinePolicy> {
      authorize(actor, 'administer');
      const policyId = parseOrThrow(policyIdSchema, id);
      const body = input !== null && typeof input === 'object' && !Array.isArray(input) ? input : {};
      if ('id' in body && body.id !== policyId)
        throw new SscardError('POLICY_INVALID', `id: the body is for ${String(body.id)}, not ${policyId}`);
      return stores.policies.upsert({ ...body, id: policyId });
    },
  };
}
export type AdminClient = ReturnType<typeof createAdminClient>;
