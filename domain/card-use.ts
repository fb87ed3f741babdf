// A card's use after issuance, as the card-use partners report it: its social security function and its financial
// (bank) function are each sealed (封存) until activated (启用), the holder sets a PIN, wrong PINs at a terminal
// are counted and the sixth locks the card until a counter unlocks it. sscard never sees a PIN: it records that one
// was set, counts the failures reported and holds the lock. Plain data, no schema: the card's workflow imports it.
//
// The use is a record beside the card's status, not more statuses: a loss report, its lift and a cancellation read
// and move the status alone, and work the same on a sealed, an active or a locked card.

/** Wrong PINs that lock a card (the terminals' rule; a terminal may also report the lock itself). */
export const PIN_TRIES = 6;

export const CARD_FUNCTIONS = ['social', 'financial'] as const;
export type CardFunction = (typeof CARD_FUNCTIONS)[number];

/** Where a card is used: a counter's card reader, a self-service terminal, a bank branch. */
export const USE_PLACES = ['counter', 'terminal', 'bank'] as const;
export type UsePlace = (typeof USE_PLACES)[number];

export const USE_EVENTS = ['activated', 'pin_set', 'pin_failed', 'locked'] as const;
export type UseEvent = (typeof USE_EVENTS)[number];

/** A partner's report on a card's use, named by the webhook's own ID (a resend carries the same one). */
export interface UseReport {
  reportId: string;
  event: UseEvent;
  /** Which function was activated (activated only). */
  function?: CardFunction;
  where: UsePlace;
  at: string;
}

export interface FunctionUse {
  state: 'sealed' | 'active';
  activatedAt?: string;
  where?: UsePlace;
}

export interface CardUse {
  /**
   * False for a card issued before sscard tracked its use (release 0.8.0): it has been in the holder's hands, so it
   * is taken as activated with a PIN set, and its failures and lock are counted from the first report on.
   */
  tracked: boolean;
  social: FunctionUse;
  financial: FunctionUse;
  pinSetAt?: string;
  /** Wrong PINs reported since the PIN was set or the card last unlocked. */
  pinFailures: number;
  lockedAt?: string;
  unlockedAt?: string;
  /** The reports taken, newest last (the last REPORTS_KEPT): a resent one changes nothing. */
  reports: string[];
}

const REPORTS_KEPT = 50;

/** A card sscard issued: sealed until activated, no PIN. */
export const SEALED_USE: CardUse = {
  tracked: true,
  social: { state: 'sealed' },
  financial: { state: 'sealed' },
  pinFailures: 0,
  reports: [],
};

/** A card with no use record: issued before sscard tracked its use (see `tracked`). */
export const UNTRACKED_USE: CardUse = {
  tracked: false,
  social: { state: 'active' },
  financial: { state: 'active' },
  pinFailures: 0,
  reports: [],
};

/** The use in one word: locked over active over sealed (the social function decides). */
export type UseState = 'sealed' | 'active' | 'locked';
export const useState = (use: Pick<CardUse, 'lockedAt' | 'social'>): UseState =>
  use.lockedAt ? 'locked' : use.social.state;

/** The use as people see it (the person's cards at a counter): its state in one word, no report IDs. */
export type CardUseView = Omit<CardUse, 'reports'> & { state: UseState };
export function useView({ reports: _, ...use }: CardUse): CardUseView {
  return { state: useState(use), ...use };
}

/** The use after a report; the very same object when the report was taken before. */
export function afterReport(use: CardUse, report: UseReport): CardUse {
  if (use.reports.includes(report.reportId)) return use;
  const next: CardUse = { ...use, reports: [...use.reports, report.reportId].slice(-REPORTS_KEPT) };
  // A wrong PIN or a lock from before the last unlock, resent late by its partner: the counter lifted it already.
  const beforeUnlock = use.unlockedAt !== undefined && Date.parse(report.at) < Date.parse(use.unlockedAt);
  if (beforeUnlock && (report.event === 'pin_failed' || report.event === 'locked')) return next;
  switch (report.event) {
    case 'activated': {
      const fn = report.function ?? 'social';
      if (next[fn].state === 'sealed')
        next[fn] = { state: 'active', activatedAt: report.at, where: report.where };
      break;
    }
    case 'pin_set':
      next.pinSetAt = report.at;
      break;
    case 'pin_failed':
      next.pinFailures = use.pinFailures + 1;
      if (next.pinFailures >= PIN_TRIES && !use.lockedAt) next.lockedAt = report.at;
      break;
    case 'locked':
      if (!use.lockedAt) next.lockedAt = report.at;
      break;
  }
  return next;
}

/** Unlocked at a counter: the failures start again from none. */
export function afterUnlock(use: CardUse, at: string): CardUse {
  const { lockedAt: _, ...rest } = use;
  return { ...rest, pinFailures: 0, unlockedAt: at };
}
