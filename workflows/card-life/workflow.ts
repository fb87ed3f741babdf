// One card's life after issuance, for as long as something is pending on it: a loss report taken, made formal or
// lifted, and a temporary report's lapse. The client starts it with the card as the registry has it (or reaches the
// run in progress) and sends the request as an Update. Requests are worked one at a time by the main loop; a
// request that arrives while one is worked is refused as busy and sent again by the client. When nothing is
// pending (no temporary report waiting to lapse) the run ends: the registry holds the card, the next request
// starts a new run from it. Since 0.8.0 it also takes the card-use partners' reports (activation, PINs, the lock)
// and the unlock at a counter, new updates no earlier history holds, so it needs no patch; a run started before
// (no use in its input) takes them as for a card with no use record, which its card is.
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  defineUpdate,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Actor } from '../../domain/actors';
import type {
  CardInUse,
  CardLifeEvent,
  CardLifeInput,
  CardLifeStatus,
  CancelCardRequest,
  LiftRequest,
  LossReportRequest,
  UnlockRequest,
} from '../../domain/card-life';
import { afterReport, afterUnlock, UNTRACKED_USE, type UseReport } from '../../domain/card-use';
import { SYSTEM } from '../../domain/actors';
import { isNotEncrypted } from '../../domain/payloads';
import { denial } from '../../domain/permissions';
import { database as registry, partners } from '../proxies';
import { parseOrRefuse, refuse } from '../refuse';
import { actionOf } from '../validation';
import { cardLifeQuery } from './messages';

type Job =
  | { id: number; report: LossReportRequest }
  | { id: number; lift: LiftRequest }
  | { id: number; cancel: CancelCardRequest }
  | { id: number; use: UseReportRequest }
  | { id: number; unlock: UnlockRequest };

/** A card-use partner's report, as the client sends it once it checked the partner may report it. */
export interface UseReportRequest {
  report: UseReport;
  actor: Actor;
}

/**
 * How the process takes one kind of request: the job it becomes, and what refuses it in the card's state. The
 * request is the one its validator admitted (checked against its action's schema), hence the cast.
 */
interface Taking {
  job: (request: unknown) => Omit<Job, 'id'>;
  refuses?: (request: unknown) => void;
}
function taking<Request>(
  job: (request: Request) => Omit<Job, 'id'>,
  refuses?: (request: Request) => void,
): Taking {
  return {
    job: (request) => job(request as Request),
    ...(refuses ? { refuses: (request: unknown) => refuses(request as Request) } : {}),
  };
}

export async function cardLife(input: CardLifeInput): Promise<CardLifeStatus> {
  if (isNotEncrypted(input)) refuse('PAYLOAD_NOT_ENCRYPTED');
  const state: CardLifeStatus = {
    cardId: input.cardId,
    status: input.status,
    ...(input.loss ? { loss: input.loss } : {}),
    events: [],
    ...(input.use ? { use: input.use } : {}),
  };
  const queue: Job[] = [];
  let working = false;
  /** Set when the card left use (cancelled here, or by the registry meanwhile): the process ends. */
  let gone: 'CARD_NOT_IN_USE' | 'CARD_NOT_FOUND' | undefined;
  /** Requests refused because the card left use, by job. */
  const refused = new Map<number, 'CARD_NOT_IN_USE' | 'CARD_NOT_FOUND'>();
  let jobs = 0;
  const done = new Set<number>();
  const cardId = input.cardId;
  // Partner request keys: unique across runs, the same on every retry of this one.
  const key = (id: number, what: string) => `${cardId}:${workflowInfo().runId}:${id}:${what}`;
  const now = () => new Date().toISOString();

  /**
   * The first checks of every request: sent through sscard, well formed as its action says (domain/actions), by a
   * role that may, not while busy.
   */
  function admit(update: string, request: unknown): void {
    if (isNotEncrypted(request)) refuse('PAYLOAD_NOT_ENCRYPTED');
    const action = actionOf(update);
    const parsed = parseOrRefuse(action.request, request) as { actor: Actor };
    const denied = denial(parsed.actor, action.permission);
    if (denied) refuse(denied);
    if (working || queue.length > 0) refuse('APPLICATION_BUSY');
  }

  async function enqueue(job: Omit<Job, 'id'>): Promise<CardLifeStatus> {
    const id = ++jobs;
    queue.push({ id, ...job } as Job);
    await condition(() => done.has(id));
    const refusal = refused.get(id);
    if (refusal) refuse(refusal);
    return state;
  }

  // The requests this process takes, by the update that carries each: what refuses it at once, beyond the checks
  // every one gets, and the job it becomes. The handler trusts what its validator admitted.
  const requests: Record<string, Taking> = {
    reportLoss: taking(
      (request: LossReportRequest) => ({ report: request }),
      (request) => {
        if (state.loss?.kind === 'formal' || (state.loss && request.kind === 'temporary'))
          refuse(
            'LOSS_ALREADY_REPORTED',
            `the card is ${state.status} under a ${state.loss.kind} loss report`,
          );
      },
    ),
    liftLoss: taking(
      (request: LiftRequest) => ({ lift: request }),
      () => {
        if (!state.loss) refuse('NO_LOSS_REPORTED');
      },
    ),
    cancelCard: taking((request: CancelCardRequest) => ({ cancel: request })),
    unlockCard: taking(
      (request: UnlockRequest) => ({ unlock: request }),
      () => {
        if (!state.use?.lockedAt) refuse('CARD_NOT_LOCKED');
      },
    ),
  };
  for (const [update, { job, refuses }] of Object.entries(requests)) {
    setHandler(defineUpdate<CardLifeStatus, [unknown]>(update), (request) => enqueue(job(request)), {
      validator: (request) => {
        admit(update, request);
        refuses?.(request);
      },
    });
  }
  // A partner's report is no person's action: the client checked it and the partner; here only who sends it.
  setHandler(
    defineUpdate<CardLifeStatus, [UseReportRequest]>('reportUse'),
    (request) => enqueue({ use: request }),
    {
      validator: (request: Partial<UseReportRequest> | undefined) => {
        if (isNotEncrypted(request)) refuse('PAYLOAD_NOT_ENCRYPTED');
        if (request?.actor?.role !== 'partner' || !request.report) refuse('ROLE_NOT_ALLOWED');
        if (working || queue.length > 0) refuse('APPLICATION_BUSY');
      },
    },
  );
  setHandler(cardLifeQuery, () => state);

  async function move(
    from: CardInUse[],
    to: CardInUse,
    event: CardLifeEvent['event'],
    actor: Actor,
    extra: Pick<CardLifeEvent, 'channel' | 'note'>,
    loss?: CardLifeStatus['loss'],
  ): Promise<void> {
    const at = now();
    await registry.recordCardLoss({ cardId, from, to, ...(loss ? { loss } : {}), at });
    state.status = to;
    if (loss) state.loss = loss;
    else delete state.loss;
    state.events.push({ at, event, actor, ...extra });
  }

  async function bank(id: number, frozen: boolean): Promise<void> {
    await partners.setFinancialFunction({
      cardId,
      state: frozen ? 'frozen' : 'active',
      requestKey: key(id, frozen ? 'freeze' : 'unfreeze'),
    });
  }

  const tell = (id: number, event: CardLifeEvent['event']) =>
    partners.notifyCardHolder({ cardId, event, key: key(id, event), at: now() });

  async function report(id: number, request: LossReportRequest): Promise<void> {
    const extra = { channel: request.channel, ...(request.note ? { note: request.note } : {}) };
    if (request.kind === 'formal' && state.loss?.kind === 'temporary') {
      // Made formal at a counter: the card stays frozen, and no longer lapses.
      const loss = { kind: 'formal' as const, reportedAt: now() };
      await move(['suspended'], 'lost', 'loss_made_formal', request.actor, extra, loss);
      await tell(id, 'loss_made_formal');
      return;
    }
    const reportedAt = now();
    const loss =
      request.kind === 'temporary'
        ? {
            kind: 'temporary' as const,
            reportedAt,
            lapsesAt: await registry.temporaryLossLapse({ cardId, reportedAt }),
          }
        : { kind: 'formal' as const, reportedAt };
    // The bank first: a card reported lost must not pay meanwhile, even if the registry write waits for a retry.
    await bank(id, true);
    await move(
      ['issued'],
      request.kind === 'temporary' ? 'suspended' : 'lost',
      'loss_reported',
      request.actor,
      extra,
      loss,
    );
    await tell(id, 'loss_reported');
  }

  async function lift(id: number, actor: Actor, event: 'loss_lifted' | 'loss_lapsed', note?: string) {
    await move(['suspended', 'lost'], 'issued', event, actor, note ? { note } : {});
    await bank(id, false);
    await tell(id, event);
  }

  /**
   * Cancelled for good (a death, an emigration, the holder's request): the bank freezes the card's financial
   * function first, then the registry cancels the card, and the process ends. Nobody is told by SMS: on a death
   * there is nobody to tell, otherwise the holder asked at the counter.
   */
  async function cancel(id: number, request: CancelCardRequest): Promise<void> {
    await bank(id, true);
    const at = now();
    await registry.cancelCardInUse({ cardId, reason: request.reason, actor: request.actor, at });
    state.status = 'cancelled';
    delete state.loss;
    state.events.push({
      at,
      event: 'cancelled',
      actor: request.actor,
      ...(request.note ? { note: request.note } : {}),
    });
    gone = 'CARD_NOT_IN_USE';
  }

  /**
   * A card-use report: the use as it leaves it is written whole (this process is its one writer), once. A card with
   * no use record was issued before sscard tracked its use (UNTRACKED_USE says how it is taken).
   */
  async function use({ report, actor }: UseReportRequest): Promise<void> {
    const before = state.use ?? UNTRACKED_USE;
    const after = afterReport(before, report);
    if (after === before) return;
    await registry.recordCardUse({ cardId, use: after });
    state.use = after;
    const { at, event, where } = report;
    state.events.push({
      at,
      event,
      actor,
      where,
      ...(event === 'activated' ? { function: report.function ?? 'social' } : {}),
    });
    if (after.lockedAt && !before.lockedAt && event !== 'locked')
      state.events.push({ at, event: 'locked', actor, where });
  }

  /** Unlocked at a counter: the terminals' network resets the chip's PIN counter, then sscard lifts its lock. */
  async function unlock(id: number, request: UnlockRequest): Promise<void> {
    await partners.resetPinCounter({ cardId, requestKey: key(id, 'pin-reset') });
    const at = now();
    const after = afterUnlock(state.use ?? UNTRACKED_USE, at);
    await registry.recordCardUse({ cardId, use: after });
    state.use = after;
    state.events.push({
      at,
      event: 'unlocked',
      actor: request.actor,
      ...(request.note ? { note: request.note } : {}),
    });
  }

  /**
   * Works one request. A card the registry no longer has in use (a new application's registration cancelled it
   * meanwhile) ends the process: this request and any waiting are refused with the registry's code.
   */
  async function work(job: Job, liftEvent: 'loss_lifted' | 'loss_lapsed' = 'loss_lifted'): Promise<void> {
    working = true;
    try {
      if ('report' in job) await report(job.id, job.report);
      else if ('cancel' in job) await cancel(job.id, job.cancel);
      else if ('use' in job) await use(job.use);
      else if ('unlock' in job) await unlock(job.id, job.unlock);
      else await lift(job.id, job.lift.actor, liftEvent, job.lift.note);
    } catch (error) {
      const code =
        error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause.type : '';
      if (code !== 'CARD_NOT_IN_USE' && code !== 'CARD_NOT_FOUND') throw error;
      gone = code;
      refused.set(job.id, code);
    } finally {
      working = false;
      done.add(job.id);
    }
  }

  // A run is started for a request, sent right after the start: wait for it (a caller gone meanwhile ends it).
  await condition(() => queue.length > 0, '1 minute');
  while (!gone) {
    const job = queue.shift();
    if (job) {
      await work(job);
      continue;
    }
    const lapsesAt = state.loss?.kind === 'temporary' ? state.loss.lapsesAt : undefined;
    if (lapsesAt) {
      const wait = Date.parse(lapsesAt) - Date.now();
      if (wait > 0 && (await condition(() => queue.length > 0, wait))) continue;
      await work({ id: ++jobs, lift: { actor: SYSTEM } }, 'loss_lapsed');
      continue;
    }
    // Nothing pending: the run ends, unless a request came in meanwhile (its handler waits for this loop).
    await condition(() => queue.length > 0 || allHandlersFinished());
    if (queue.length === 0) break;
  }
  // Requests that came in after the card left use meet the same refusal.
  for (const job of queue.splice(0)) {
    refused.set(job.id, gone ?? 'CARD_NOT_IN_USE');
    done.add(job.id);
  }
  await condition(allHandlersFinished);
  return state;
}
