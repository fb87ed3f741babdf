// Batches: the list, and one batch's progress as a bar per stage, refreshed until all are notified.
import { api, attempt } from './api.js';
import { $, fill, h, lastDay, later } from './dom.js';
import { label, t } from './i18n.js';

const enc = encodeURIComponent;

export async function listBatches() {
  const list = await attempt(() => api('GET', '/v1/batches'));
  if (!list) return;
  const box = $('batch-list');
  box.hidden = false;
  fill(
    box,
    h('h2', {}, t('Batches')),
    list.items.length === 0
      ? h('p', { class: 'hint' }, t('No batches.'))
      : h(
          'ul',
          { class: 'plain' },
          list.items.map((b) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'link', onclick: () => showBatch(b.batchId) }, b.batchId),
              ` · ${t('unit {unit}', { unit: b.unitId })} · ${label(b.status)} · ${t('{n} applicants', { n: b.rows.total })}`,
            ),
          ),
        ),
  );
}

const bar = (name, value, max) =>
  h(
    'div',
    { class: 'bar-row' },
    h('span', {}, name),
    h('progress', { value, max, 'aria-label': name }),
    h('span', { class: 'num' }, `${value} / ${max}`),
  );

export async function showBatch(id) {
  $('batch-id').value = id;
  const p = await attempt(() => api('GET', `/v1/batches/${enc(id)}`));
  if (!p) return;
  const total = Math.max(p.counts.total, 1);
  const { rows } = p;
  fill(
    $('batch-progress'),
    h('h2', {}, t('Batch {id}', { id: p.batchId })),
    h(
      'p',
      {},
      `${t('unit {unit}', { unit: p.unitId })} · ${label(p.phase)}`,
      p.deadline
        ? ` · ${t('due end of {day}', { day: lastDay(p.deadline.dueAt) })} · ${label(p.deadline.sla)}`
        : '',
    ),
    h(
      'p',
      { class: 'hint' },
      t(
        '{total} rows: {started} started, {invalid} invalid, {duplicates} duplicates, {elsewhere} already in progress elsewhere',
        {
          total: rows.total,
          started: rows.started,
          invalid: rows.invalid,
          duplicates: rows.duplicates,
          elsewhere: rows.inFlightElsewhere,
        },
      ),
    ),
    bar(t('Started'), rows.started, Math.max(rows.total - rows.invalid - rows.duplicates, 1)),
    Object.entries(p.counts.byStage)
      .filter(([, n]) => n > 0)
      .map(([stage, n]) => bar(label(stage), n, total)),
    bar(t('Notified or closed'), p.counts.done, total),
    p.counts.breached > 0 &&
      h('p', { class: 'sla sla-breached' }, t('{n} breached', { n: p.counts.breached })),
  );
  $('batch-progress').hidden = false;
  // Each refresh counts the batch's records on the server, which FerretDB does by reading every one of them: a
  // large batch is refreshed less often (20 s at 20,000 started).
  const every = Math.max(3000, p.rows.started);
  if (p.phase !== 'notified' && !$('view-batches').hidden) later('batch', () => void showBatch(id), every);
}
