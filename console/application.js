// One application: its facts, deadline and timeline, and the actions the signed-in role may take on it, with their
// words and fields as the API describes them (GET /v1/actions). After an action the page follows the application
// for a while, so the operator sees where it goes next.
import { actionsOn } from './actions.js';
import { api, attempt, role } from './api.js';
import { COLLECTION_RELATIONS, PRINTING_STARTED_STAGES, RETURN_REASONS, TERMINAL_STAGES } from './domain.js';
import { $, cancel, fill, h, lastDay, later, localTime, notice, todayInShanghai, uuid } from './dom.js';
import { actorName, inLanguage, label, t } from './i18n.js';
import { noteOf } from './notes.js';

const enc = encodeURIComponent;
let openId = null;

/** Told when an action changed an application, so the queues can refresh. */
const changed = () => document.dispatchEvent(new CustomEvent('sscard:changed'));

/** Shows an application; `rounds` > 0 follows it as it moves on (one just submitted at the counter). */
export async function openApplication(id, rounds = 0) {
  openId = id;
  cancel('detail');
  const status = await attempt(() => api('GET', `/v1/applications/${enc(id)}`));
  if (!status || openId !== id) return;
  await renderDetail(status);
  if (!TERMINAL_STAGES.includes(status.stage)) follow(id, rounds);
}

/** Closes the open application (another queue was chosen): its panel asks for a choice again. */
export function closeApplication() {
  openId = null;
  cancel('detail');
  fill($('detail'), h('p', { class: 'hint' }, t('Choose an application to see its timeline.')));
}

function follow(id, rounds) {
  if (rounds <= 0) return;
  later(
    'detail',
    async () => {
      if (openId !== id) return;
      const status = await attempt(() => api('GET', `/v1/applications/${enc(id)}`));
      if (!status || openId !== id) return;
      await renderDetail(status);
      // Until it waits for a person again, or is closed.
      if (!status.awaiting && !TERMINAL_STAGES.includes(status.stage)) follow(id, rounds - 1);
      else changed();
    },
    1500,
  );
}

const fact = (name, value, attrs) => [h('dt', {}, t(name)), h('dd', attrs || {}, value)];

/**
 * The lane it is in, and for one submitted at a counter with a printer: where and by when its card is made, the
 * blank it was made from, or when and why it was handed over to the sporadic lane (the deadline shown is then
 * that lane's, counted from acceptance).
 */
function laneFacts(s) {
  const lane = s.lane || s.mode;
  const i = s.instant;
  const handed = lane !== s.mode ? t(' (handed over from {mode})', { mode: label(s.mode) }) : '';
  if (!i) return [fact('Lane', label(lane) + handed, { id: 'detail-lane', 'data-lane': lane })];
  return [
    fact('Lane', label(lane) + handed, { id: 'detail-lane', 'data-lane': lane }),
    fact('Counter', i.counterId),
    i.reason && fact('Urgent reason', label(i.reason)),
    fact(
      'Target',
      h(
        'span',
        { class: i.targetExceeded ? 'sla sla-breached' : '' },
        t('within {minutes} minutes, by {time}', { minutes: i.targetMinutes, time: localTime(i.targetAt) }) +
          (i.targetExceeded ? t(' · exceeded') : ''),
      ),
    ),
    i.blankSerial && fact('Blank card', i.blankSerial),
    i.fellBack &&
      fact(
        'Handed over',
        t('{time}: {reason}', {
          time: localTime(i.fellBack.at),
          reason: noteOf({ action: 'instant_fell_back', note: i.fellBack.reason }),
        }),
      ),
  ];
}

/** An online application's parcel, as the courier reported it, and the counter it came back to if it did. */
function deliveryFacts(d) {
  if (!d) return [];
  return [
    fact('Tracking number', d.trackingNumber || '—', { id: 'detail-tracking' }),
    fact('Parcel', label(`parcel_${d.status}`), { id: 'detail-parcel', 'data-parcel': d.status }),
    fact('Failed delivery attempts', String(d.failedAttempts)),
    d.returnedTo && fact('Returned to', d.returnedTo),
  ];
}

/** The fee decided at acceptance: what is due and why, and whether it was paid, waived (on what evidence) or refunded. */
function feeFacts(f) {
  if (!f || (f.dueFen === 0 && !f.exemption)) return [];
  const yuan = (fen) => `¥${(fen / 100).toFixed(2)}`;
  const w = f.payment?.waiver;
  return [
    fact('Fee', `${yuan(f.dueFen)} · ${label(f.reason)}`, { id: 'detail-fee', 'data-fee': f.dueFen }),
    f.exemption && fact('Exemption', `${label(f.exemption)} (${yuan(f.amountFen)} ${t('waived')})`),
    f.payment &&
      fact('Payment', label(f.payment.status), { id: 'detail-payment', 'data-payment': f.payment.status }),
    w && fact('Waiver', `${label(w.exemption)}: ${w.note} (${actorName(w.by)})`, { id: 'detail-waiver' }),
  ];
}

async function renderDetail(s) {
  const actions = await actionsOn('application');
  // Another application, or none, was chosen meanwhile.
  if (openId !== s.applicationId) return;
  const d = s.deadline;
  const facts = [
    fact('Stage', label(s.stage), { id: 'detail-stage', 'data-stage': s.stage }),
    s.awaiting && fact('Waiting for', label(s.awaiting)),
    ...laneFacts(s),
    ...deliveryFacts(s.delivery),
    ...feeFacts(s.fee),
    fact('Unit', s.unitId),
    s.batchId && fact('Batch', s.batchId),
    // A minor's guardian: who they are to the holder, never who they are, until the card is handed over.
    s.guardian &&
      fact(
        'Guardian',
        label(s.guardian.relation) +
          (s.guardian.handedOverAt
            ? t(', handed over at {at}', { at: localTime(s.guardian.handedOverAt) })
            : ''),
      ),
    d &&
      fact(
        'Deadline',
        `${t('end of {day}', { day: lastDay(d.dueAt) })}${d.provisional ? t(' (provisional)') : ''}`,
      ),
    d && fact('SLA', h('span', { class: `sla sla-${d.sla}` }, label(d.sla))),
    d &&
      fact(
        'Working days',
        t('{used} used · {left} left of {total}', {
          used: d.workingDaysUsed,
          left: d.workingDaysLeft,
          total: d.workingDaysTotal,
        }) + (d.paused ? t(' · clock paused') : ''),
      ),
    fact('Returns', String(s.returnCount)),
    s.expedited && fact('Expedited', t('yes')),
    s.auditFlags.length > 0 && fact('Audit flags', s.auditFlags.map(label).join(t(', '))),
    s.outcome && fact('Outcome', label(s.outcome)),
  ];
  const timeline = h(
    'table',
    { class: 'timeline' },
    h('caption', {}, t('Timeline (UTC+8)')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['When', 'Stage', 'Action', 'By', 'Note'].map((c) => h('th', { scope: 'col' }, t(c))),
      ),
    ),
    h(
      'tbody',
      {},
      s.history.map((step) =>
        h(
          'tr',
          {},
          h('td', {}, localTime(step.at)),
          h('td', {}, label(step.stage)),
          h('td', {}, label(step.action)),
          h('td', {}, actorName(step.actor)),
          h('td', {}, noteOf(step)),
        ),
      ),
    ),
  );
  fill(
    $('detail'),
    h('h2', {}, t('Application {id}', { id: s.applicationId })),
    h('dl', { class: 'facts' }, facts.filter(Boolean)),
    actionsFor(s, actions),
    h('div', { class: 'timeline-box' }, timeline),
  );
}

/**
 * A form posting one action, or one of its buttons (a review's decision): its words, the fields a person fills in
 * and what it sends, all as the API describes them; shows where the application went.
 */
function actionForm(s, action, { words, body = {}, fields, required, done }) {
  const inputs = fields.map((name) => [name, inputFor(s, name, required.includes(name))]);
  // A field this page cannot take (an applicant's corrected data): the action is not offered here.
  if (inputs.some(([, input]) => !input)) return undefined;
  const fieldWords = Object.fromEntries(action.fields.map((f) => [f.name, f]));
  const title = inLanguage(words);
  const submit = h('button', { type: 'submit' }, title);
  const form = h(
    'form',
    { class: 'action', 'aria-label': title },
    h('h3', {}, title),
    inputs.map(([name, { element }]) => element && field(inLanguage(fieldWords[name]), element)),
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const given = new FormData(form);
    const filled = inputs.map(([name, input]) => [name, input.value(given.get(name))]);
    const status = await attempt(() =>
      api('POST', `/v1/applications/${enc(s.applicationId)}/${action.path}`, {
        ...body,
        ...Object.fromEntries(filled.filter(([, value]) => value !== undefined)),
      }),
    );
    submit.disabled = false;
    if (!status) return;
    notice(
      t('{action}: {id} is now {stage}.', {
        action: inLanguage(done).replace('{id}', status.applicationId),
        id: status.applicationId,
        stage: label(status.stage),
      }),
    );
    await renderDetail(status);
    follow(status.applicationId, 20);
    changed();
  });
  return form;
}

function field(words, input) {
  input.id = `f-${uuid().slice(0, 8)}`;
  return h('p', { class: 'field' }, h('label', { for: input.id }, words), input);
}

const text = (name, required, maxlength = 500) =>
  h('input', { name, required, maxlength, autocomplete: 'off' });
const select = (name, values, chosen) =>
  h(
    'select',
    { name, required: true },
    values.map((v) => h('option', { value: v, selected: v === chosen }, label(v))),
  );
/** A field's value as sent: left out when empty. */
const unlessEmpty = (value) => value || undefined;

/**
 * How a form takes a field: its input, and its value in the body (undefined: left out). A line of text unless the
 * field's name says otherwise; null where the console has no input for it.
 */
function inputFor(s, name, required) {
  switch (name) {
    // What the audit flagged is what the unit is asked to fix: a blocking flag first.
    case 'reasons': {
      const flagged = [...(s.approvalBlockedBy || []), ...s.auditFlags][0];
      return { element: select(name, RETURN_REASONS, flagged), value: (v) => [v] };
    }
    case 'relation':
      return { element: select(name, COLLECTION_RELATIONS), value: unlessEmpty };
    // A waiver names an exemption the application's fee policy grants, and no other.
    case 'exemption':
      return { element: select(name, s.fee?.exemptions ?? []), value: unlessEmpty };
    case 'receivedOn':
      return {
        element: h('input', { name, type: 'date', required, value: todayInShanghai() }),
        value: unlessEmpty,
      };
    // Asked for once printing has started, when only a supervisor's confirmed withdrawal stops it.
    case 'supervisorConfirmed':
      return PRINTING_STARTED_STAGES.includes(s.stage)
        ? { element: h('input', { name, type: 'checkbox', required: true }), value: (v) => v === 'on' }
        : { value: () => undefined };
    // An applicant's corrected data is a document of its own (sscard resubmit takes it as a file).
    case 'applicant':
      return null;
    default:
      return { element: text(name, required, MAX_LENGTHS[name]), value: unlessEmpty };
  }
}

/** The schema's lengths of the short fields, so the browser stops a person at them (the API checks again). */
const MAX_LENGTHS = { collectedBy: 40, agentResidentId: 18, place: 100 };

/**
 * Where an action is offered, by its path: the stages its request is taken in (workflows/card-application's table
 * of requests; the API refuses anything else with a reason). An action not named here: while the application is
 * open. A review's decisions are offered by what the application waits for (their buttons' `when`).
 */
const OFFERED = {
  collection: (s) => s.stage === 'awaiting_collection',
  'fee-waiver': (s) => s.awaiting === 'payment',
  reprint: (s) => s.stage === 'print_failed',
  hold: (s) => ['accepted', 'auditing', 'comparing', 'returned'].includes(s.stage),
  expedite: (s) => !s.expedited && !['notifying', 'awaiting_collection'].includes(s.stage),
  // Once printing has started, only a supervisor withdraws (domain/permissions.ts: withdraw_after_print).
  withdraw: (s) => !PRINTING_STARTED_STAGES.includes(s.stage) || role() === 'supervisor',
};

/** The actions the signed-in role may take on the application (GET /v1/actions), a form each or a button each. */
function actionsFor(s, actions) {
  const box = h('section', { class: 'actions', 'aria-label': t('Actions') });
  if (TERMINAL_STAGES.includes(s.stage)) return box;
  const blockers = s.approvalBlockedBy || [];
  for (const action of actions) {
    if (!(OFFERED[action.path]?.(s) ?? true)) continue;
    const forms =
      action.presets.length > 0
        ? action.presets.filter((preset) => preset.when.includes(s.awaiting))
        : [{ ...action, words: action.label, fields: action.fields.map((f) => f.name) }];
    for (const form of forms) {
      // An approval no one may give (the API names the flags that block it): why, in its place.
      if (form.body?.decision === 'approve' && blockers.length > 0)
        box.append(
          h(
            'p',
            { class: 'action blocked', role: 'note' },
            t('Cannot be approved ({flags}): return it to the unit for a usable photo.', {
              flags: blockers.map(label).join(t(', ')),
            }),
          ),
        );
      else box.append(...[actionForm(s, action, form)].filter(Boolean));
    }
  }
  return box;
}
