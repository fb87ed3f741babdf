// The operator queues as tabs: one page of applications at a time, with the size of each queue on its tab.
import { api, attempt } from './api.js';
import { closeApplication, openApplication } from './application.js';
import { $, h, shortDay } from './dom.js';
import { QUEUES } from './domain.js';
import { label, t } from './i18n.js';

/** The tabs' short names; a queue without one is named by its code's word. */
const TITLES = {
  awaiting_review: 'Awaiting review',
  returned: 'Returned',
  at_risk: 'At risk',
  breached: 'Breached',
  awaiting_collection: 'Awaiting collection',
};
const titleOf = (queue) => (TITLES[queue] ? t(TITLES[queue]) : label(queue));
const state = { queue: QUEUES[0], nextPageToken: null };

/** A tab for each of the domain's queues, the first one chosen. */
export function setUpQueueTabs() {
  $('queue-tabs').replaceChildren(
    ...QUEUES.map((queue) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          'data-queue': queue,
          'aria-selected': String(queue === state.queue),
          onclick: () => void loadQueue(queue),
        },
        h('span', {}, titleOf(queue)),
        ' ',
        h('span', { class: 'count' }),
      ),
    ),
  );
}

/** How many applications wait in each queue, and the deadline clock of all of them (GET /v1/queues). */
export async function loadCounts(unit) {
  const params = new URLSearchParams();
  if (unit) params.set('unitId', unit);
  const counts = await attempt(() => api('GET', `/v1/queues?${params}`));
  if (counts && !unit) {
    for (const tab of document.querySelectorAll('[data-queue]')) {
      tab.querySelector('.count').textContent = String(counts.queues[tab.dataset.queue] ?? 0);
    }
  }
  return counts;
}

export async function loadQueue(queue = state.queue, more = false) {
  if (queue !== state.queue) closeApplication();
  state.queue = queue;
  for (const tab of document.querySelectorAll('[data-queue]')) {
    tab.setAttribute('aria-selected', String(tab.dataset.queue === queue));
  }
  $('queue-title').textContent = titleOf(queue);
  const params = new URLSearchParams({ queue, pageSize: '50' });
  if (more && state.nextPageToken) params.set('pageToken', state.nextPageToken);
  const page = await attempt(() => api('GET', `/v1/applications?${params}`));
  if (!page) return;
  if (!more) void loadCounts();
  const body = $('queue-table').tBodies[0];
  if (!more) body.replaceChildren();
  for (const item of page.items) {
    const open = h(
      'button',
      { type: 'button', class: 'link', onclick: () => openApplication(item.applicationId) },
      item.applicationId,
    );
    body.append(
      h(
        'tr',
        { 'data-application': item.applicationId },
        h('td', {}, open),
        h('td', {}, label(item.stage)),
        h('td', {}, item.unitId),
        h('td', {}, h('span', { class: `sla sla-${item.sla}` }, label(item.sla))),
        h('td', {}, shortDay(item.dueAt)),
        h('td', { class: 'num' }, item.returnCount),
      ),
    );
  }
  state.nextPageToken = page.nextPageToken || null;
  $('more').hidden = !state.nextPageToken;
  $('queue-empty').hidden = body.rows.length > 0;
}
