// One application: submit it and read it; a person's cards by resident ID number. The actions people take on an
// application are routes of domain/actions (./actions.ts). Bodies are the domain's schemas, the actor the caller's.
import { sporadicSubmissionSchema } from '../../domain/application';
import type { Actor } from '../../domain/actors';
import { cardLookupSchema } from '../../domain/cards';
import { SscardError } from '../../domain/errors';
import { GUARDIAN_CODES } from '../../domain/errors-minors';
import { RID_CODES } from '../../domain/resident-id';
import type { ApplicationStatus } from '../../domain/status';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { applicationStatusSchema, cardLookupResultSchema } from '../schemas';
import { applicationParams, ok } from './shared';

const READ_ERRORS = [
  'VALIDATION_FAILED',
  'APPLICATION_NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'NOT_YOUR_UNIT',
] as const;

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

  return [
    {
      method: 'POST',
      path: '/v1/applications',
      operationId: 'submitApplication',
      summary:
        'Apply for one person: sporadic issuance (5 working days), or instant at a counter with a printer',
      description:
        'With `instant: { counterId, reason? }` the card is made at that counter while the person waits (lane ' +
        "`instant`, a target in minutes from the region's instant policy); where the counter or the region cannot " +
        "take it, refused with a COUNTER_ or INSTANT_ code before anything is written. A minor's applicant names " +
        "their `guardian` (a minor under the region's guardian age without one, or a guardian for an adult, is " +
        'refused with a GUARDIAN_ code before anything is written). Refused with ' +
        'APPLICATION_IN_FLIGHT while another application for the same person is open.',
      tag: 'applications',
      access: 'bearer',
      roles: ['unit_clerk', 'operator', 'supervisor'],
      idempotency: 'required',
      body: sporadicSubmissionSchema,
      success: { status: 201, description: 'The application, accepted', schema: applicationStatusSchema },
      errors: [
        'VALIDATION_FAILED',
        ...RID_CODES,
        'ROLE_NOT_ALLOWED',
        'NOT_YOUR_UNIT',
        'UNIT_UNKNOWN',
        'UNIT_NOT_ACTIVE',
        'COUNTER_UNKNOWN',
        'COUNTER_CLOSED',
        'COUNTER_HAS_NO_PRINTER',
        'INSTANT_NOT_OFFERED',
        'INSTANT_REASON_REQUIRED',
        ...GUARDIAN_CODES,
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
      errors: ['VALIDATION_FAILED', ...RID_CODES],
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
  ];
}
