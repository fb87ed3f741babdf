// One application: its facts, deadline and timeline, and the actions the signed-in role may take on it. After
// an action the page follows the application for a while, so the operator sees where it goes next.
import { api, attempt, isStaff, role } from './api.js';
import { COLLECTION_RELATIONS, PRINTING_STARTED_STAGES, RETURN_REASONS, TERMINAL_STAGES } from './domain.js';
import { $, cancel, fill, h, lastDay, later, localTime, notice, todayInShanghai, uuid } from './dom.js';
import { actorName, label, t } from './i18n.js';
import { noteOf } from './notes.js';

const enc = encodeURIComponent;
let openId = null;

/** Told when an action changed an application, so the queues can refresh. */
const changed = () => document.dispatchEvent(new CustomEvent('sscard:changed'));

export async function openApplication(id) {
  openId = id;
  cancel('detail');
  const status = await attempt(() => api('GET', `/v1/applications/${enc(id)}`));
  if (status && openId === id) renderDetail(status);
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
      renderDetail(status);
      // Until it waits for a person again, or is closed.
      if (!status.awaiting && !TERMINAL_STAGES.includes(status.stage)) follow(id, rounds - 1);
      else changed();
    },
    1500,
  );
}

const fact = (name, value, attrs) => [h('dt', {}, t(name)), h('dd', attrs || {}, value)];

function renderDetail(s) {
  const d = s.deadline;
  const facts = [
    fact('Stage', label(s.stage), { id: 'detail-stage', 'data-stage': s.stage }),
    s.awaiting && fact('Waiting for', label(s.awaiting)),
    fact('Mode', label(s.mode)),
    fact('Unit', s.unitId),
    s.batchId && fact('Batch', s.batchId),
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
    actionsFor(s),
    h('div', { class: 'timeline-box' }, timeline),
  );
}

/** A small form posting to one action endpoint; shows where the application went. */
function actionForm(s, { title, path, fields = [], button, body }) {
  const submit = h('button', { type: 'submit' }, t(button));
  const form = h('form', { class: 'action', 'aria-label': t(title) }, h('h3', {}, t(title)), fields, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const status = await attempt(() =>
      api('POST', `/v1/applications/${enc(s.applicationId)}/${path}`, body(new FormData(form))),
    );
    submit.disabled = false;
    if (!status) return;
    notice(
      t('{action}: {id} is now {stage}.', {
        action: t(button),
        id: status.applicationId,
        stage: label(status.stage),
      }),
    );
    renderDetail(status);
    follow(status.applicationId, 20);
    changed();
  });
  return form;
}

function field(name, input) {
  input.id = `f-${uuid().slice(0, 8)}`;
  return h('p', { class: 'field' }, h('label', { for: input.id }, t(name)), input);
}

const text = (name, required, maxlength = 500) =>
  h('input', { name, required, maxlength, autocomplete: 'off' });
const select = (name, values, chosen) =>
  h(
    'select',
    { name, required: true },
    values.map((v) => h('option', { value: v, selected: v === chosen }, label(v))),
  );

// Mirrors domain/permissions.ts and the stages each update accepts; the API refuses anything else with a reason.
function actionsFor(s) {
  const box = h('section', { class: 'actions', 'aria-label': t('Actions') });
  if (TERMINAL_STAGES.includes(s.stage)) return box;
  const printing = PRINTING_STARTED_STAGES.includes(s.stage);
  if (isStaff() && s.stage === 'awaiting_review') {
    // Audit flags are approved, unless one blocks approval (the API names those); comparison findings the unit
    // cannot fix are overridden with a note, which a second person, a supervisor, confirms with the same form.
    const blockers = s.approvalBlockedBy || [];
    if (s.awaiting === 'review' && blockers.length > 0) {
      box.append(
        h(
          'p',
          { class: 'action blocked', role: 'note' },
          t('Cannot be approved ({flags}): return it to the unit for a usable photo.', {
            flags: blockers.map(label).join(t(', ')),
          }),
        ),
      );
    } else if (s.awaiting === 'review') {
      box.append(
        actionForm(s, {
          title: 'Approve',
          path: 'review',
          button: 'Approve',
          body: () => ({ decision: 'approve' }),
        }),
      );
    } else {
      box.append(
        actionForm(s, {
          title:
            s.awaiting === 'confirmation' ? 'Confirm the override (supervisor)' : 'Override the findings',
          path: 'review',
          fields: [field('Note', text('note', true))],
          button: s.awaiting === 'confirmation' ? 'Confirm' : 'Override',
          body: (f) => ({ decision: 'override', note: f.get('note') }),
        }),
      );
    }
    box.append(
      actionForm(s, {
        title: 'Reject',
        path: 'review',
        fields: [field('Reason', text('note', true))],
        button: 'Reject',
        body: (f) => ({ decision: 'reject', note: f.get('note') }),
      }),
      actionForm(s, {
        title: 'Return to unit',
        path: 'review',
        fields: [
          // What the audit flagged is what the unit is asked to fix: a blocking flag first.
          field('Reason', select('reason', RETURN_REASONS, [...blockers, ...s.auditFlags][0])),
          field('Note', text('note', false)),
        ],
        button: 'Return',
        body: (f) => ({
          decision: 'return',
          reasons: [f.get('reason')],
          ...(f.get('note') ? { note: f.get('note') } : {}),
        }),
      }),
    );
  }
  if (isStaff() && s.stage === 'awaiting_collection') {
    box.append(
      actionForm(s, {
        title: 'Register collection',
        path: 'collection',
        fields: [
          field('Collected by', text('collectedBy', true, 40)),
          field('Relation', select('relation', COLLECTION_RELATIONS)),
          field("Agent's resident ID number (unless self)", text('agentResidentId', false, 18)),
          field(
            'Received on',
            h('input', { name: 'receivedOn', type: 'date', required: true, value: todayInShanghai() }),
          ),
          field('Place', text('place', true, 100)),
        ],
        button: 'Register collection',
        body: (f) =>
          Object.fromEntries(
            ['collectedBy', 'relation', 'agentResidentId', 'receivedOn', 'place']
              .map((k) => [k, f.get(k)])
              .filter(([, value]) => value),
          ),
      }),
    );
  }
  if (isStaff() && s.stage === 'print_failed') {
    box.append(
      actionForm(s, { title: 'Order reprint', path: 'reprint', button: 'Order reprint', body: () => ({}) }),
    );
  }
  if (isStaff() && ['accepted', 'auditing', 'comparing', 'returned'].includes(s.stage)) {
    box.append(
      actionForm(s, {
        title: 'Hold for review',
        path: 'hold',
        fields: [field('Why', text('note', true))],
        button: 'Hold',
        body: (f) => ({ note: f.get('note') }),
      }),
    );
  }
  if (isStaff() && !s.expedited && !['notifying', 'awaiting_collection'].includes(s.stage)) {
    box.append(
      actionForm(s, {
        title: 'Expedite',
        path: 'expedite',
        fields: [field('Reason', text('reason', true))],
        button: 'Expedite',
        body: (f) => ({ reason: f.get('reason') }),
      }),
    );
  }
  if ((isStaff() || role() === 'unit_clerk') && (!printing || role() === 'supervisor')) {
    const confirm = h('input', { name: 'confirm', type: 'checkbox', required: true });
    box.append(
      actionForm(s, {
        title: 'Withdraw',
        path: 'withdraw',
        fields: [
          field('Reason', text('reason', true)),
          printing && field('Confirm: printing has started', confirm),
        ],
        button: 'Withdraw',
        body: (f) => ({ reason: f.get('reason'), supervisorConfirmed: f.get('confirm') === 'on' }),
      }),
    );
  }
  return box;
}
