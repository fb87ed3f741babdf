// The notes sscard itself writes on an application's timeline (workflows/card-application/steps.ts), read back
// into the console's language by the step's action or stage. A note in none of these forms is a person's own words
// (a reason, a note to a decision) and shows as written.
import { label, t } from './i18n.js';

const list = (codes) => codes.split(', ').map(label).join(t(', '));

/** A print order's ID is its application's and its attempt: A…-P2 is the second. */
function order(id) {
  const attempt = /-P(\d+)$/.exec(id);
  return attempt ? t('print order no. {n}', { n: attempt[1] }) : t('print order {id}', { id });
}

const CODES = [/^[A-Z][A-Z_]*(, [A-Z][A-Z_]*)*$/, ([codes]) => list(codes)];
const ORDER = [/^order (\S+)$/, ([, id]) => order(id)];
const ATTEMPT = [/^attempt (\d+)$/, ([, n]) => t('attempt {n}', { n })];
/** A fee's amount and its charge (steps/fee.ts). */
const CHARGE = [
  /^(¥[\d.]+), (\S+)$/,
  ([, amount, charge]) => t('{amount}, charge {charge}', { amount, charge }),
];
/** What a withdrawal undoes (steps.ts compensate), named for a person. */
const UNDONE = {
  bank: 'the bank account',
  print_order: 'the print order',
  registry: 'the card registration',
  notification: 'the notices',
  restored_card_notice: 'the notice of the restored card',
  refund: 'the refund of the fee',
};

/** For each action or stage, the forms of note sscard writes there: a pattern and the words it becomes. */
const FORMS = {
  awaiting_review: [CODES],
  returned: [CODES],
  resubmission_refused: [CODES],
  rejected: [
    CODES,
    [
      /^([A-Z][A-Z_]*): (.*)$/s,
      ([, code, message]) => t('{code}: {message}', { code: label(code), message }),
    ],
  ],
  comparing: [
    [/^findings overridden: (.+)$/, ([, codes]) => t('findings overridden: {codes}', { codes: list(codes) })],
  ],
  printing: [ORDER, [/^at counter (\S+)$/, ([, counter]) => t('at counter {counter}', { counter })]],
  printed_at_counter: [
    [
      /^counter (\S+), blank (\S+)$/,
      ([, counter, serial]) => t('counter {counter}, blank card {serial}', { counter, serial }),
    ],
  ],
  // Why an instant application was handed over to the sporadic lane (steps/instant.ts, steps/comparison.ts).
  instant_fell_back: [
    [
      /^([A-Z][A-Z_]*): (.*)$/s,
      ([, code, message]) => t('{code}: {message}', { code: label(code), message }),
    ],
    [
      /^the printer did not answer within (\d+) s$/,
      ([, n]) => t('the printer did not answer within {n} s', { n }),
    ],
    [
      /^the identity comparison did not answer within (\d+) s$/,
      ([, n]) => t('the identity comparison did not answer within {n} s', { n }),
    ],
  ],
  // The fee (steps/fee.ts): its charge, its payment or refund, an operator's waiver with the evidence seen.
  registering: [
    [
      /^fee (¥[\d.]+) \((\w+)\) charged as (\S+)$/,
      ([, amount, reason, charge]) =>
        t('fee {amount} ({reason}) charged as {charge}', { amount, reason: label(reason), charge }),
    ],
  ],
  fee_paid: [CHARGE],
  fee_refunded: [CHARGE],
  fee_waived: [
    [
      /^([A-Z][A-Z_]*): (.*)$/s,
      ([, exemption, evidence]) => t('{exemption}: {evidence}', { exemption: label(exemption), evidence }),
    ],
  ],
  printed: [ORDER],
  print_order_cancelled: [ORDER],
  print_failed: [
    [
      /^order (\S+) failed at (\w+)$/,
      ([, id, stage]) => t('{order} failed at {stage}', { order: order(id), stage: label(stage) }),
    ],
    [/^(\d+) attempts failed$/, ([, n]) => t('{n} attempts failed', { n })],
  ],
  print_reported_late: [
    [
      /^order (\S+): (\w+)$/,
      ([, id, outcome]) =>
        t('{order}: {outcome}', {
          order: order(id),
          outcome: label(outcome === 'printed' ? 'printed' : 'print_failed'),
        }),
    ],
  ],
  bank_activated: [
    [/^account opened$/, () => t('account opened')],
    [/^existing account linked$/, () => t('existing account linked')],
  ],
  bank_account_closed: [
    [/^account and wallet closed$/, () => t('account and wallet closed')],
    [/^wallet revoked, account kept$/, () => t('wallet revoked, account kept')],
  ],
  // The online lane's parcel (steps/delivery.ts): its tracking, each attempt at the door, and its return.
  dispatched: [[/^tracking (\S+)$/, ([, number]) => t('tracking {number}', { number })]],
  delivery_failed: [ATTEMPT],
  delivery_refused: [ATTEMPT],
  delivered: [ATTEMPT],
  awaiting_collection: [
    [/^parcel back at (\S+)$/, ([, counter]) => t('parcel back at {counter}', { counter })],
  ],
  issued: [
    [
      /^collected \(self\) at delivered by courier, (\S+)$/,
      ([, number]) => t('signed for with the SMS code, parcel {number}', { number }),
    ],
    [
      /^collected \((\w+)\) at (.*)$/s,
      ([, relation, place]) => t('collected by {relation} at {place}', { relation: label(relation), place }),
    ],
  ],
  previous_card_restored: [
    [
      /^(\S+) back to (\w+)$/,
      ([, card, status]) => t('{card} back to {status}', { card, status: label(status) }),
    ],
  ],
  previous_card_frozen: [
    [/^(\S+): financial function ended$/, ([, card]) => t('{card}: financial function ended', { card })],
  ],
  previous_card_unfrozen: [
    [
      /^(\S+): financial function active again$/,
      ([, card]) => t('{card}: financial function active again', { card }),
    ],
  ],
  previous_card_cancelled: [
    [
      /^(\S+) \((\w+)\): (\w+)$/,
      ([, card, status, reason]) =>
        t('{card} ({status}) cancelled: {reason}', { card, status: label(status), reason: label(reason) }),
    ],
  ],
  comparison_kept: [
    [
      /^replacement of (\S+) \((\w+)\): identity data unchanged$/,
      ([, card, reason]) =>
        t('replaces {card} ({reason}), identity data unchanged', { card, reason: label(reason) }),
    ],
  ],
  compensation_failed: [
    [
      /^(\w+): (\w+)$/,
      ([, what, cause]) =>
        t('{what}: {cause}', {
          what: UNDONE[what] ? t(UNDONE[what]) : label(what),
          cause: cause === 'failed' ? t('failed') : label(cause),
        }),
    ],
  ],
};

/** A step's note as people read it. */
export function noteOf(step) {
  const note = step.note || '';
  for (const [pattern, read] of FORMS[step.action || step.stage] || []) {
    const match = pattern.exec(note);
    if (match) return read(match);
  }
  return note;
}
