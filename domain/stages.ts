// Where an application stands, and what its deadline clock says. Stages name the seven steps of the process
// plus the waits between them.
export const STAGES = [
  'accepted',
  'auditing',
  'awaiting_review',
  'comparing',
  'returned',
  'registering',
  'printing',
  'print_failed',
  'bank_account',
  'notifying',
  'awaiting_collection',
  /** Online lane: the card is with the courier. */
  'in_delivery',
  'issued',
  'withdrawn',
  'expired',
  'rejected',
] as const;
export type Stage = (typeof STAGES)[number];

/** The stages an application passes through on the happy path, from acceptance to the notice. */
export const HAPPY_PATH: readonly Stage[] = [
  'accepted',
  'auditing',
  'comparing',
  'registering',
  'printing',
  'bank_account',
  'notifying',
  'awaiting_collection',
];

/** Which of the seven steps of the process a stage belongs to (none for a closed application). */
export const STEP_OF: Partial<Record<Stage, number>> = {
  accepted: 1,
  auditing: 2,
  awaiting_review: 2,
  comparing: 3,
  returned: 3,
  registering: 4,
  printing: 5,
  print_failed: 5,
  bank_account: 6,
  notifying: 7,
  awaiting_collection: 7,
  in_delivery: 7,
  issued: 7,
};

export const TERMINAL_STAGES: readonly Stage[] = ['issued', 'withdrawn', 'expired', 'rejected'];

/** Once a print order may exist (printing up to issuance), withdrawing needs a supervisor's confirmation. */
export const PRINTING_STARTED_STAGES: readonly Stage[] = STAGES.slice(
  STAGES.indexOf('printing'),
  STAGES.indexOf('issued'),
);

/**
 * The steps after printing that are not upserted on their own (from 0.9.0; workflows/card-application/recorder.ts):
 * visibility shows them as printing until the next change, seconds later on the happy path, days when the card is
 * slow to reach the bank. The record shows each of them, and the API's lists read it (client/lists.ts).
 */
export const PASSING_STAGES: readonly Stage[] = ['bank_account', 'notifying'];

/** The stages visibility may show an application in `stage` under: a passing stage may still show as printing. */
export const shownUnder = (stage: Stage): Stage[] =>
  stage === 'printing' || PASSING_STAGES.includes(stage) ? ['printing', ...PASSING_STAGES] : [stage];

export const isTerminal = (stage: Stage): boolean => TERMINAL_STAGES.includes(stage);
export const printingStarted = (stage: Stage): boolean => PRINTING_STARTED_STAGES.includes(stage);

/**
 * The deadline clock: on_track → warning → breached while it runs; paused while returned to the unit;
 * met / met_late once the notification stopped it.
 */
export const SLA_STATES = ['on_track', 'warning', 'breached', 'paused', 'met', 'met_late'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export const OUTCOMES = ['issued', 'withdrawn', 'expired', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  accepted: 'Accepted',
  auditing: 'Audit',
  awaiting_review: 'Awaiting operator review',
  comparing: 'Identity comparison (bank)',
  returned: 'Returned to unit',
  registering: 'Card registry pre-judgment',
  printing: 'Printing (manufacturer)',
  print_failed: 'Printing failed: awaiting reprint order',
  bank_account: 'Bank account and wallet',
  notifying: 'Issuance notification',
  awaiting_collection: 'Awaiting collection',
  in_delivery: 'With the courier (online application)',
  issued: 'Issued',
  withdrawn: 'Withdrawn',
  expired: 'Expired (return unanswered)',
  rejected: 'Rejected',
};
