// Deadline compliance: every application, open and closed, by the state of its deadline clock, as an SVG bar
// chart with the same numbers in a table.
import { $, fill, h } from './dom.js';
import { t } from './i18n.js';
import { loadCounts } from './queues.js';

const BARS = [
  ['met', 'Met'],
  ['met_late', 'Met late'],
  ['on_track', 'On track'],
  ['warning', 'Warning'],
  ['breached', 'Breached'],
  ['paused', 'Paused (with unit)'],
];
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

export async function loadCompliance() {
  const unit = $('compliance-unit').value.trim();
  const counts = await loadCounts(unit);
  if (counts) renderChart(Object.fromEntries(BARS.map(([key]) => [key, counts.sla[key] ?? 0])), unit);
}

function renderChart(counts, unit) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...Object.values(counts));
  const scope = unit ? t('unit {unit}', { unit }) : t('all units');
  const [rowH, width, labelW] = [34, 560, 150];
  const barW = width - labelW - 60;
  const chart = svg('svg', {
    viewBox: `0 0 ${width} ${BARS.length * rowH + 10}`,
    role: 'img',
    'aria-labelledby': 'chart-title',
    class: 'chart',
  });
  chart.append(
    svg(
      'title',
      { id: 'chart-title' },
      t('Deadline compliance of {total} applications, {scope}', { total, scope }),
    ),
  );
  BARS.forEach(([key, name], i) => {
    const y = i * rowH + 5;
    const w = Math.round((counts[key] / max) * barW);
    chart.append(
      svg('text', { x: labelW - 8, y: y + 19, 'text-anchor': 'end', class: 'chart-label' }, t(name)),
      svg('rect', { x: labelW, y, width: Math.max(w, 1), height: rowH - 10, class: `bar sla-${key}` }),
      svg('text', { x: labelW + w + 6, y: y + 19, class: 'chart-count' }, counts[key]),
    );
  });
  const table = h(
    'table',
    { class: 'compact' },
    h('caption', {}, t('{total} applications, {scope}', { total, scope })),
    h(
      'thead',
      {},
      h('tr', {}, h('th', { scope: 'col' }, t('Deadline')), h('th', { scope: 'col' }, t('Applications'))),
    ),
    h(
      'tbody',
      {},
      BARS.map(([key, name]) =>
        h('tr', { 'data-sla': key }, h('td', {}, t(name)), h('td', { class: 'num' }, counts[key])),
      ),
    ),
  );
  fill($('compliance-chart'), chart, table);
}
