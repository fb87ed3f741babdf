// A card's life after issuance, for what the holder reports: a temporary loss report (by phone or online) that
// lapses after the policy's working days unless it is made formal, a formal loss report at a counter, and lifting
// either when the card turns up. The card registry and the bank follow at once: the financial function is frozen
// with the report and unfrozen with its lift or lapse. Plain data, no schema: the card's workflow imports it (the
// request schemas are in messages.ts).
import type { Actor } from './actors';
import type { CardFunction, CardUse, UsePlace } from './card-use';

/** A card's status in use: `suspended` under a temporary loss report, `lost` under a formal one. */
export type CardInUse = 'issued' | 'suspended' | 'lost';
export const IN_USE: readonly string[] = ['issued', 'suspended', 'lost'] satisfies CardInUse[];

/** Why a card in use is cancelled for good: a death notice from the population registry, or the holder's. */
export const CARD_CANCELLATION_REASONS = ['HOLDER_DECEASED', 'EMIGRATED', 'HOLDER_REQUEST'] as const;
export type CardCancellationReason = (typeof CARD_CANCELLATION_REASONS)[number];

export interface CancelCardRequest {
  reason: CardCancellationReason;
  note?: string;
  actor: Actor;
}

export const LOSS_KINDS = ['temporary', 'formal'] as const;
export type LossKind = (typeof LOSS_KINDS)[number];
export const LOSS_CHANNELS = ['phone', 'online', 'counter'] as const;

/** Working days a temporary loss report holds unless made formal, where a policy sets none. */
export const DEFAULT_TEMPORARY_LOSS_WORKING_DAYS = 5;

export interface LossReportRequest {
  kind: LossKind;
  /** How the holder reported it: a formal report is made at a counter. */
  channel: (typeof LOSS_CHANNELS)[number];
  note?: string;
  actor: Actor;
}

export interface LiftRequest {
  note?: string;
  actor: Actor;
}

export const CARD_LIFE_EVENTS = [
  'loss_reported',
  'loss_made_formal',
  'loss_lifted',
  'loss_lapsed',
  'cancelled',
  // The card's use (./card-use.ts): reported by the card-use partners, and the unlock at a counter.
  'activated',
  'pin_set',
  'pin_failed',
  'locked',
  'unlocked',
] as const;

export interface CardLifeEvent {
  at: string;
  event: (typeof CARD_LIFE_EVENTS)[number];
  actor: Actor;
  channel?: string;
  /** Where the card was used (a use report), and which function an activation was of. */
  where?: UsePlace;
  function?: CardFunction;
  note?: string;
}

export interface UnlockRequest {
  note?: string;
  actor: Actor;
}

export interface CardLifeStatus {
  cardId: string;
  status: CardInUse | 'cancelled';
  /** The loss report in force. */
  loss?: { kind: LossKind; reportedAt: string; lapsesAt?: string };
  /** What this run of the card's process did, oldest first (the card record keeps the whole history). */
  events: CardLifeEvent[];
  /** The card's use: absent in runs started before release 0.8.0, which knew none. */
  use?: CardUse;
}

/** Where a card's life process starts: the card as the registry has it. */
export interface CardLifeInput {
  cardId: string;
  status: CardInUse;
  loss?: CardLifeStatus['loss'];
  /** New in 0.8.0: a run started before knows no use, and takes no use report or unlock. */
  use?: CardUse;
}

export const cardLifeWorkflowId = (cardId: string): string => `card-life-${cardId}`;
