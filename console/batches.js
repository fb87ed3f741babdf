// Batches: the list, and one batch's progress as a bar per stage, refreshed until all are notified.
import { api, attempt } from './api.js';
import { $, fill, h, lastDay, later, words } from './dom.js';

const enc = encodeURIComponent;

export async function listBatches() {
  const list = await attempt(() => api('GET', '/v1/batches'));
  if (!list) return;
  const box = $('batch-list');
  box.hidden = false;
  fill(
    box,
    h('h2', {}, 'Batches'),
    list.items.length === 0
      ? h('p', { class: 'hint' }, 'No batches.')
      : h(
          'ul',
          { class: 'plain' },
          list.items.map((b) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'link', onclick: () => showBatch(b.batchId) }, b.batchId),
              ` · unit ${b.unitId} · ${words(b.status)} · ${b.rows.total} applicants`,
            ),
          ),
        ),
  );
}

const bar = (label, value, max) =>
  h(
    'div',
    { class: 'bar-row' },
    h('span', {}, label),
    h('progress', { value, max, 'aria-label': label }),
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
    h('h2', {}, `Batch ${p.batchId}`),
    h(
      'p',
      {},
      `unit ${p.unitId} · ${words(p.phase)}`,
      p.deadline ? ` · due end of ${lastDay(p.deadline.dueAt)} · ${words(p.deadline.sla)}` : '',
    ),
    h(
      'p',
      { class: 'hint' },
      `${rows.total} rows: ${rows.started} started, ${rows.invalid} invalid, ${rows.duplicates} duplicates, ` +
        `${rows.inFlightElsewhere} already in progress elsewhere`,
    ),
    bar('Started', rows.started, Math.max(rows.total - rows.invalid - rows.duplicates, 1)),
    Object.entries(p.counts.byStage)
      .filter(([, n]) => n > 0)
      .map(([stage, n]) => bar(words(stage), n, total)),
    bar('Notified or closed', p.counts.done, total),
    p.counts.breached > 0 && h('p', { class: 'sla sla-breached' }, `${p.counts.breached} breached`),
  );
  $('batch-progress').hidden = false;
  if (p.phase !== 'notified' && !$('view-batches').hidden) later('batch', () => void showBatch(id), 3000);
}
