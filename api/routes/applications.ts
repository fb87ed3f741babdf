// One application: submit it, read it, and every action people take on it. The client library checks who may
// do what; bodies are the domain's schemas, the actor is always the caller's.
import { correctionSchema, sporadicSubmissionSchema } from '../../domain/application';
import type { Actor } from '../../domain/actors';
import { SscardError } from '../../domain/errors';
import {
  collectionBodySchema,
  expediteRequestSchema,
  holdRequestSchema,
  reprintRequestSchema,
  reviewRequestSchema,
  withdrawRequestSchema,
} from '../../domain/messages';
import type { ApplicationStatus } from '../../domain/status';
import type { ActionOptions } from '../../client/applications';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { applicationStatusSchema, cardLookupResultSchema } from '../schemas';
import { applicationParams, ok, withoutActor } from './shared';
import { cardLookupSchema } from '../../domain/cards';

/** The refusals of a mistyped resident ID number, wherever one is taken. */
const RID_ERRORS = [
  'RID_FORMAT',
  'RID_REGION',
  'RID_BIRTH_DATE',
  'RID_BIRTH_IN_FUTURE',
  'RID_CHECKSUM',
] as const;

const READ_ERRORS = [
  'VALIDATION_FAILED',
  'APPLICATION_NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'NOT_YOUR_UNIT',
] as const;
const ACTION_ERRORS = [...READ_ERRORS, 'ALREADY_CLOSED'] as const;

/** How long a submission's answer waits for the new workflow's own status. */
const STATUS_AFTER_START_MS = 4_000;

export function applicationRoutes({ client }: ApiDeps): Route[] {
  const applications = client.applications;

  /**
   * A just-started workflow answers its status query once its first task ran: moments later. When no worker
   * answers in time (a restart), the application is started all the same: the answer is then its status as
   * submitted, never an error, which would have the caller submit again and meet APPLICATION_IN_FLIGHT. The wait
   * is short, so that the whole answer comes within the API's 15 s whatever the start itself took.
   */
  async function statusAfterStart(applicationId: string, actor: Actor): Promise<ApplicationStatus> {
    const deadline = Date.now() + STATUS_AFTER_START_MS;
    const asked = async (): Promise<ApplicationStatus | undefined> => {
      for (;;) {
        try {
          return await applications.status(applicationId, actor);
        } catch (error) {
          const unavailable = error instanceof SscardError && error.code === 'SERVICE_UNAVAILABLE';
          if (unavailable || Date.now() > deadline) return undefined;
          if (error instanceof SscardError) throw error;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>(
      (resolve) => (timer = setTimeout(() => resolve(undefined), STATUS_AFTER_START_MS)),
    );
    const status = await Promise.race([asked(), late]).finally(() => clearTimeout(timer));
    return status ?? applications.asSubmitted(applicationId);
  }

  const action = (
    [name, operationId]: [string, string],
    summary: string,
    roles: Route['roles'],
    body: Route['body'],
    errors: Route['errors'],
    run: (id: string, body: unknown, actor: Actor, options: ActionOptions) => Promise<ApplicationStatus>,
    /** An action whose effects go on after it is taken answers 202 until its outcome, pointing at the status. */
    accepted?: string,
  ): Route => ({
    method: 'POST',
    path: `/v1/applications/:id/${name}`,
    operationId,
    summary,
    tag: 'applications',
    access: 'bearer',
    roles,
    idempotency: 'optional',
    params: applicationParams,
    body,
    success: {
      status: 200,
      description: 'The application after the action',
      schema: applicationStatusSchema,
      ...(accepted ? { accepted } : {}),
    },
    errors: [...ACTION_ERRORS, ...errors],
    handle: async ({ params, body: payload, actor, requestId }) => {
      const status = await run(params.id!, payload, actor, requestId ? { requestId } : {});
      if (!accepted || status.outcome) return ok(status);
      return { ...ok(status, 202), headers: { Location: `/v1/applications/${params.id!}` } };
    },
  });

  return [
    {
      method: 'POST',
      path: '/v1/applications',
      operationId: 'submitApplication',
      summary: 'Apply for one person (sporadic issuance, 5 working days)',
      description:
        'Refused with APPLICATION_IN_FLIGHT while another application for the same person is open.',
      tag: 'applications',
      access: 'bearer',
      roles: ['unit_clerk', 'operator', 'supervisor'],
      idempotency: 'required',
      body: sporadicSubmissionSchema,
      success: { status: 201, description: 'The application, accepted', schema: applicationStatusSchema },
      errors: [
        'VALIDATION_FAILED',
        ...RID_ERRORS,
        'ROLE_NOT_ALLOWED',
        'NOT_YOUR_UNIT',
        'UNIT_UNKNOWN',
        'UNIT_NOT_ACTIVE',
        'APPLICATION_IN_FLIGHT',
      ],
      handle: async ({ body, actor }) => {
        const { applicationId } = await applications.submit(body, actor);
        return {
          ...ok(await statusAfterStart(applicationId, actor), 201),
          headers: { Location: `/v1/applications/${applicationId}` },
        };
      },
    },
    {
      method: 'POST',
      path: '/v1/cards/lookup',
      operationId: 'lookUpCards',
      summary: "A person's cards by resident ID number: the card in force and every earlier one",
      description:
        'POST, so that the number stays out of URLs and their logs. A unit clerk sees the cards their own unit ' +
        'applied for.',
      tag: 'applications',
      access: 'bearer',
      roles: ['unit_clerk', 'operator', 'supervisor', 'admin'],
      body: cardLookupSchema,
      success: { status: 200, description: "The person's cards", schema: cardLookupResultSchema },
      errors: ['VALIDATION_FAILED', ...RID_ERRORS],
      handle: async ({ body, actor }) => ok(await applications.lookUpCards(body, actor)),
    },
    {
      method: 'GET',
      path: '/v1/applications/:id',
      operationId: 'getApplication',
      summary: 'Where an application stands: stage, steps, deadline and working days',
      tag: 'applications',
      access: 'bearer',
      roles: ['unit_clerk', 'operator', 'supervisor', 'admin'],
      params: applicationParams,
      success: { status: 200, description: 'The application', schema: applicationStatusSchema },
      errors: READ_ERRORS,
      handle: async ({ params, actor }) => ok(await applications.status(params.id!, actor)),
    },
    action(
      ['review', 'reviewApplication'],
      'Approve a flagged application, or return it to its unit with reasons',
      ['operator', 'supervisor'],
      withoutActor(reviewRequestSchema),
      ['NOT_AWAITING_REVIEW'],
      (id, body, actor, options) => applications.review(id, body, actor, options),
    ),
    action(
      ['resubmit', 'resubmitApplication'],
      "Resubmit a returned application with the applicant's corrected data",
      ['unit_clerk', 'operator', 'supervisor'],
      correctionSchema,
      ['NOT_RETURNED', 'RESUBMIT_CHANGES_PERSON', 'REVISION_NOT_FOUND', ...RID_ERRORS],
      (id, body, actor, options) => applications.resubmit(id, body, actor, options),
    ),
    action(
      ['collection', 'registerCollection'],
      'Register that the card was collected: by whom (an agent with their resident ID number), when and where',
      ['unit_clerk', 'operator', 'supervisor'],
      collectionBodySchema,
      ['NOT_AWAITING_COLLECTION', 'COLLECTION_DATE_INVALID'],
      (id, body, actor, options) => applications.registerCollection(id, body, actor, options),
    ),
    action(
      ['withdraw', 'withdrawApplication'],
      'Withdraw an application; once printing started, only a supervisor with supervisorConfirmed',
      ['unit_clerk', 'operator', 'supervisor'],
      withoutActor(withdrawRequestSchema).omit({ holderDeceased: true }),
      ['WITHDRAW_NEEDS_SUPERVISOR'],
      (id, body, actor, options) => applications.withdraw(id, body, actor, options),
      'Taken: what the application did is being undone (the bank, the factory, the registry); its status ' +
        '(Location) shows it withdrawn when that is done',
    ),
    action(
      ['expedite', 'expediteApplication'],
      'Mark an application express for the manufacturer',
      ['operator', 'supervisor'],
      withoutActor(expediteRequestSchema),
      ['ALREADY_EXPEDITED', 'TOO_LATE_TO_EXPEDITE'],
      (id, body, actor, options) => applications.expedite(id, body, actor, options),
    ),
    action(
      ['hold', 'holdForReview'],
      "Pull an application into an operator's review before its card is registered (a random or targeted audit)",
      ['operator', 'supervisor'],
      withoutActor(holdRequestSchema),
      ['ALREADY_IN_REVIEW', 'TOO_LATE_TO_HOLD'],
      (id, body, actor, options) => applications.holdForReview(id, body, actor, options),
    ),
    action(
      ['reprint', 'orderReprint'],
      'Order the next print attempt after repeated print failures',
      ['operator', 'supervisor'],
      withoutActor(reprintRequestSchema),
      ['NOT_AWAITING_REPRINT'],
      (id, body, actor, options) => applications.orderReprint(id, body, actor, options),
    ),
  ];
}
