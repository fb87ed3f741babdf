// A card's life after issuance through the client library: loss reports, their lift, the card-use partners'
// reports, and where the card stands. Each request reaches the card's process (workflows/card-life), started from
// the registry's record (and the card's use) when none runs.
import { WorkflowIdConflictPolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../domain/actors';
import {
  type CancelCardRequest,
  type CardInUse,
  type CardLifeInput,
  type CardLifeStatus,
  cardLifeWorkflowId,
  IN_USE,
} from '../domain/card-life';
import { type CardUse, UNTRACKED_USE } from '../domain/card-use';
import { useReportSchema } from '../domain/card-use-schemas';
import { SscardError } from '../domain/errors';
import { cancelCard } from '../domain/actions/cards';
import { renewalBodySchema, replacementBodySchema } from '../domain/messages';
import type { Applicant } from '../domain/applicant';
import type { Renewal, Replacement } from '../domain/application';
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import type { FeeExemption } from '../domain/fee-decision';
import { requireDamageWithinAYear } from '../domain/fees';
import { minorRulesFor } from '../domain/deadline-policy';
import { grownUp } from '../domain/minors';
import type { CardDoc } from '../domain/documents/cards';
import { SA } from '../workflows/search-attributes';
import { cardWorkflowId, personKey } from '../crypto/person-key';
import { PARTNER_ACCOUNTS } from '../domain/actors';
import { deathNoticeSchema } from '../domain/cards';
import type { CardsPort } from '../store/ports/client';
import { authorize, type ClientDeps, type createApplicationClient } from './applications';
import { type Act, sendUpdate, updateIdOf } from './updates';
import { fromTemporal, parseOrThrow } from './errors';

/**
 * The card's process as the registry knows it, to start a run from. A card with no use record was issued before
 * sscard tracked its use: it has been in the holder's hands, so it is taken as activated (UNTRACKED_USE).
 */
function inputOf(card: CardDoc, use: CardUse | null): CardLifeInput {
  return {
    cardId: card._id,
    use: use ?? UNTRACKED_USE,
    status: card.status as CardInUse,
    ...(card.loss
      ? {
          loss: {
            kind: card.loss.kind,
            reportedAt: card.loss.reportedAt.toISOString(),
            ...(card.loss.lapsesAt ? { lapsesAt: card.loss.lapsesAt.toISOString() } : {}),
          },
        }
      : {}),
  };
}

type ApplicationClient = ReturnType<typeof createApplicationClient>;

/** Which cards each reason replaces: a lost one once its loss is formal, a damaged or expiring one in use. */
const REPLACEABLE: Record<Replacement['reason'], readonly string[]> = {
  LOST: ['lost'],
  DAMAGED: ['issued'],
  EXPIRED: ['issued'],
};

export interface ReplacementResult extends Replacement {
  applicationId: string;
}

export interface RenewalResult extends Renewal {
  applicationId: string;
}

export interface DeathNoticeResult {
  noticeId: string;
  applicationsWithdrawn: string[];
  cardsCancelled: string[];
}

export function createCardLifeClient(
  { temporal, stores, keyring, taskQueue }: ClientDeps<CardsPort>,
  applications: ApplicationClient,
) {
  async function inUse(cardId: string): Promise<CardDoc> {
    const card = await stores.cards.get(cardId);
    if (!card) throw new SscardError('CARD_NOT_FOUND');
    if (!IN_USE.includes(card.status))
      throw new SscardError(
        'CARD_NOT_IN_USE',
        card.status === 'awaiting_collection'
          ? 'the card is still awaiting collection: register its collection on its application first'
          : `the card is ${card.status}`,
        { status: card.status },
      );
    return card;
  }

  /**
   * Sends a request to the card's process: the run in progress, or a new one started from the registry. A run
   * that ended between the start and the request (nothing was pending on it) is started again.
   */
  async function toCard(
    cardId: string,
    update: string,
    arg: { actor: Actor },
    updateId?: string,
  ): Promise<CardLifeStatus> {
    // A request sent again after its answer was lost: the card's process may have ended since (a lifted loss
    // report leaves nothing pending), and a new run would not know the update, so the last run is asked first.
    if (updateId) {
      const earlier = await temporal.workflow
        .getHandle(cardLifeWorkflowId(cardId))
        .getUpdateHandle<CardLifeStatus>(updateId)
        .result()
        .catch(() => undefined);
      if (earlier) return earlier;
    }
    for (let attempt = 1; ; attempt++) {
      const card = await inUse(cardId);
      try {
        const handle = await temporal.workflow.start('cardLife', {
          workflowId: cardLifeWorkflowId(cardId),
          taskQueue,
          args: [inputOf(card, await stores.cardUse.get(cardId))],
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        });
        return await sendUpdate<CardLifeStatus, typeof arg>(handle, update, arg, updateId);
      } catch (error) {
        if (error instanceof WorkflowNotFoundError && attempt < 3) continue;
        return fromTemporal(error);
      }
    }
  }

  /** Cancels a card in use for good; a card cancelled already is left as it is. */
  async function cancelInUse(cardId: string, request: CancelCardRequest): Promise<boolean> {
    try {
      await toCard(cardId, cancelCard.update, request);
      return true;
    } catch (error) {
      if (error instanceof SscardError && error.code === 'CARD_NOT_IN_USE') return false;
      throw error;
    }
  }

  /**
   * The card's successor: a new application for the unit of the card's own application, with its holder's data as
   * that application last had it and what changed since. Refused (`refused`) for a card issued before sscard.
   */
  async function successor(
    card: CardDoc,
    changes: Partial<Pick<Applicant, 'phone' | 'address' | 'photoId'>> | undefined,
    actor: Actor,
    refused: 'REPLACEMENT_NOT_ALLOWED' | 'RENEWAL_NOT_ALLOWED',
    options: ({ replacement: Replacement } | { renewal: Renewal }) & { feeExemption?: FeeExemption },
  ): Promise<{ applicationId: string }> {
    const earlier = card.applicationId && (await stores.applications.get(card.applicationId));
    if (!earlier)
      throw new SscardError(refused, 'the card was issued before sscard: submit a new application');
    authorize(actor, 'submit', { unitId: earlier.unitId });
    const applicant = (await stores.currentApplicant(earlier._id)) ?? earlier.applicant;
    const today = shanghaiDate(new Date());
    const rules = minorRulesFor(await stores.policies.all(), earlier.region, today);
    return applications.submit(
      { unitId: earlier.unitId, applicant: grownUp({ ...applicant, ...changes }, rules, today) },
      actor,
      options,
    );
  }

  /** An action on a card in use (domain/actions/cards.ts), sent to the card's process as its update. */
  const act: Act<CardLifeStatus> = async (action, cardId, body, actor, options = {}) => {
    authorize(actor, action.permission);
    return toCard(cardId, action.update, { ...body, actor }, updateIdOf(action.permission, options));
  };

  return {
    /**
     * A card-use partner's report (the terminals' network, or the bank for its branches), named by its message: a
     * resend is taken once. Another partner learns no more than that the chip is not theirs to report on.
     */
    async reportUse(
      body: unknown,
      actor: Actor,
      messageId: string,
    ): Promise<{ accepted: true; cardId: string; use: CardUse }> {
      authorize(actor, 'report_partner_result');
      const { chipId, ...report } = parseOrThrow(useReportSchema, body);
      const bank = actor.id === PARTNER_ACCOUNTS.bank.id;
      const card =
        (bank || actor.id === PARTNER_ACCOUNTS.terminals.id) && (await stores.cardUse.withChip(chipId));
      if (!card) throw new SscardError('CHIP_UNKNOWN');
      if (bank !== (report.where === 'bank') || (report.function === 'financial' && !bank))
        throw new SscardError(
          'USE_REPORT_NOT_ALLOWED',
          bank
            ? 'the bank reports what happens at its branches (where: bank)'
            : 'the financial function is activated at the bank, and reported by the bank',
        );
      const request = { report: { reportId: messageId, ...report }, actor };
      const status = await toCard(card._id, 'reportUse', request, `use:${messageId}`);
      return { accepted: true, cardId: card._id, use: status.use ?? UNTRACKED_USE };
    },

    /**
     * A replacement (or renewal) of a card in use: a new application with the holder's data as the card's own
     * application last had it, plus what changed since, for the same unit. It runs the issuance steps again; the
     * bank's comparison is kept by policy when nothing was corrected; the registration supersedes the old card
     * (`replaced`) and the bank moves its account to the new one.
     */
    async replace(cardId: string, body: unknown, actor: Actor): Promise<ReplacementResult> {
      authorize(actor, 'submit');
      const { reason, changes, feeExemption } = parseOrThrow(replacementBodySchema, body);
      const card = await inUse(cardId);
      if (!REPLACEABLE[reason].includes(card.status))
        throw new SscardError(
          'REPLACEMENT_NOT_ALLOWED',
          reason === 'LOST'
            ? `the card is ${card.status}: report the loss formally at a counter first`
            : `the card is ${card.status}: replace it with reason LOST`,
        );
      const replacement = { predecessorCardId: cardId, reason };
      if (feeExemption === 'DAMAGE_NOT_HOLDERS_FAULT')
        requireDamageWithinAYear(card.history.find((h) => h.status === 'issued')?.at, new Date());
      const { applicationId } = await successor(card, changes, actor, 'REPLACEMENT_NOT_ALLOWED', {
        replacement,
        ...(feeExemption ? { feeExemption } : {}),
      });
      return { applicationId, ...replacement };
    },

    /**
     * A renewal of an issued card whose renewal window opened (domain/validity.ts): a new application as for a
     * replacement, but the old card stays valid, paying at the bank, until the new one is issued; then it ends.
     */
    async renew(cardId: string, body: unknown, actor: Actor): Promise<RenewalResult> {
      authorize(actor, 'submit');
      const { changes, feeExemption } = parseOrThrow(renewalBodySchema, body);
      const card = await inUse(cardId);
      if (card.status !== 'issued')
        throw new SscardError(
          'RENEWAL_NOT_ALLOWED',
          card.status === 'lost'
            ? 'the card is lost: replace it with reason LOST'
            : 'the card is under a temporary loss report: lift it first',
        );
      const { expiresOn, renewableFrom } = card.validity ?? {};
      if (!expiresOn || !renewableFrom)
        throw new SscardError(
          'RENEWAL_NOT_ALLOWED',
          card.validity
            ? 'the card does not expire'
            : 'the card has no expiry on record (registered before sscard kept one)',
        );
      if (shanghaiDate(new Date()) < renewableFrom)
        throw new SscardError(
          'RENEWAL_NOT_OPEN',
          `the card is valid until ${expiresOn}: its renewal can be asked from ${renewableFrom}`,
          { expiresOn, renewableFrom },
        );
      const renewal = { predecessorCardId: cardId, expiresOn };
      const { applicationId } = await successor(card, changes, actor, 'RENEWAL_NOT_ALLOWED', {
        renewal,
        ...(feeExemption ? { feeExemption } : {}),
      });
      return { applicationId, ...renewal };
    },

    /**
     * The population registry's death notice: the person's application in flight is withdrawn (its compensation
     * cancels the card it registered and gives an earlier card back), then every card in use is cancelled. A
     * second notice finds nothing left to do.
     */
    async deathNotice(body: unknown, actor: Actor): Promise<DeathNoticeResult> {
      if (actor.id !== PARTNER_ACCOUNTS.population.id)
        throw new SscardError('ROLE_NOT_ALLOWED', 'only the population registry sends death notices');
      const notice = parseOrThrow(deathNoticeSchema, body);
      const key = personKey(notice.residentId, keyring.personKeySecret);
      const why = `holder deceased on ${notice.diedOn} (notice ${notice.noticeId})`;
      const withdrawn: string[] = [];
      const running = await temporal.workflow
        .getHandle(cardWorkflowId(key))
        .describe()
        .catch((error: unknown) =>
          error instanceof WorkflowNotFoundError ? undefined : fromTemporal(error),
        );
      const applicationId =
        running?.status.name === 'RUNNING' ? running.typedSearchAttributes.get(SA.applicationId) : undefined;
      if (applicationId) {
        try {
          // The cards its registration ended stay ended: the loop below ends every card of the person.
          await applications.withdrawForDeath(applicationId, why);
          withdrawn.push(applicationId);
        } catch (error) {
          if (!(error instanceof SscardError && error.code === 'ALREADY_CLOSED')) throw error;
        }
      }
      const cancelled: string[] = [];
      for (const card of await stores.cards.cardsOf(key)) {
        if (!IN_USE.includes(card.status)) continue;
        if (await cancelInUse(card._id, { reason: 'HOLDER_DECEASED', note: why, actor }))
          cancelled.push(card._id);
      }
      return { noticeId: notice.noticeId, applicationsWithdrawn: withdrawn, cardsCancelled: cancelled };
    },

    act,
  };
}
