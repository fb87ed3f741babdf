// What anyone may read about an application: stage, steps, deadline. No personal data.
import type { Actor } from './actors';
import type { GuardianRelation } from './applicant';
import type { IssuanceMode, Renewal, Replacement, ReturnReason } from './application';
import type { InstantReason } from './counters';
import type { CourierEvent } from '../integrations/ports';
import type { Outcome, SlaState, Stage } from './stages';
import type { FeeView } from './fee-decision';

export interface StepRecord {
  seq: number;
  stage: Stage;
  /** Set for actions that do not move the stage (expedited, reprint ordered, deadline moved...). */
  action?: string;
  at: string;
  actor: Actor;
  note?: string;
}

export interface DeadlineView {
  dueAt: string;
  warnAt: string;
  sla: SlaState;
  /** True when the deadline counts days of a year whose holidays are not published yet (weekends only). */
  provisional: boolean;
  workingDaysTotal: number;
  workingDaysUsed: number;
  workingDaysLeft: number;
  paused: boolean;
}

/**
 * What an application waits for: `review` of audit flags, an operator's `decision` on comparison findings the
 * unit cannot fix, a supervisor's `confirmation` of an override, and the rest.
 */
export type Awaiting =
  | 'review'
  | 'decision'
  | 'confirmation'
  | 'resubmission'
  | 'print_report'
  | 'reprint_order'
  | 'collection'
  | 'delivery'
  | 'payment';

/** An instant application: where and by when its card is made, and why it handed over if it did. */
export interface InstantView {
  counterId: string;
  /** The urgent reason given at acceptance, where the region asks for one. */
  reason?: InstantReason;
  targetMinutes: number;
  /** Acceptance plus the target: past it, a supervisor is told. */
  targetAt: string;
  targetExceeded?: boolean;
  /** The blank card the counter's printer made the card from. */
  blankSerial?: string;
  /** Handed over to the sporadic lane: its deadline counts from acceptance. */
  fellBack?: { at: string; reason: string };
}

/** An online application's parcel, as the courier reported it. */
export interface DeliveryView {
  parcelId: string;
  trackingNumber?: string;
  status: 'booked' | CourierEvent;
  failedAttempts: number;
  /** Back at this counter after three failed attempts or a refusal: collected there. */
  returnedTo?: string;
}

/** A minor's application made by their guardian: who the guardian is to them, never who they are. */
export interface GuardianView {
  relation: GuardianRelation;
  /** When the holder came of age and the card was handed over to them: the guardian acts no more. */
  handedOverAt?: string;
}

export interface ApplicationStatus {
  applicationId: string;
  unitId: string;
  /** How it was submitted. */
  mode: IssuanceMode;
  /** The lane it is in now: `sporadic` for an instant application that handed over (absent before 0.7.0). */
  lane?: IssuanceMode;
  instant?: InstantView;
  delivery?: DeliveryView;
  batchId?: string;
  /** The card in use this application replaces. */
  replacement?: Replacement;
  /** The card in use this application renews (valid until the new one is issued). */
  renewal?: Renewal;
  /** The fee decided at acceptance, and its payment (0.8.0 on). */
  fee?: FeeView;
  /** Made by the applicant's guardian (from the application's record: the workflow never knows the guardian). */
  guardian?: GuardianView;
  stage: Stage;
  awaiting?: Awaiting;
  history: StepRecord[];
  deadline?: DeadlineView;
  returnCount: number;
  returns: { at: string; reasons: ReturnReason[]; by: Actor; resubmittedAt?: string }[];
  expedited: boolean;
  escalations: { kind: string; at: string }[];
  printAttempts: number;
  auditFlags: ReturnReason[];
  /**
   * The audit flags no one may approve (domain/findings.ts BLOCKING_FLAGS): the application can only be returned
   * or rejected. Derived by the client library, which adds it to every status it answers with.
   */
  approvalBlockedBy?: ReturnReason[];
  outcome?: Outcome;
}
