// Operational waits of the card workflow. Legal deadlines are policy data (deadline-policy.ts); these are the
// center's own rhythms. Changing one changes running workflows' timers: guard it with patched().
export const TIMING = {
  /** A manufacturer silent this long after an order is escalated, and again each period after. */
  printOverdue: '3 days',
  /** Print attempts before a supervisor must order the next one. */
  maxPrintAttempts: 3,
  /** Operators are reminded of an application waiting for their review this often. */
  reviewReminder: '1 day',
  /** A card lying uncollected is reminded this often... */
  collectionReminder: '7 days',
  /** ...and after this many reminders, operators are told to follow it up. */
  collectionRemindersBeforeEscalation: 4,
  /** Returned applications: after this many returns, the unit is asked to start a new application. */
  maxReturns: 10,
  /** A failed print waiting for a reprint order is escalated again this often. */
  reprintReminder: '3 days',
  /** A parcel not delivered (nor back at its counter) this long after dispatch is escalated, and again each period. */
  deliveryOverdue: '7 days',
  /** A fee charged and neither paid nor waived this long is escalated, and again each period. */
  paymentOverdue: '7 days',
  /** A withdrawal that finds the order already finished waits this long for its report, then closes without. */
  lateReportWait: '10 minutes',
} as const;

/**
 * Waits of a step's activity on another party (activities/waiting.ts): the manufacturer's shipment reaching the
 * bank, another province cancelling its card. Checked by retry, not by a workflow timer, so these change without a
 * patch: checks start a minute apart and grow to an hour; a wait this long after the step began is escalated, and
 * again each period.
 */
export const PARTY_WAITS = {
  firstCheckMs: 60_000,
  longestCheckMs: 3_600_000,
  overdueMs: 3 * 86_400_000,
} as const;
