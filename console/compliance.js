// Deadline compliance: every application, open and closed, by the state of its deadline clock, as an SVG bar
// chart with the same numbers in a table.
import { api, attempt } from './api.js';
import { $, calendarDay, fill, h, shortDate, todayInShanghai } from './dom.js';
import { MODES, SLA_STATES } from './domain.js';
import { label, t } from './i18n.js';
import { loadCounts } from './queues.js';

/** The chart's names for the deadline clock's states, in the order it draws them; a state it does not name comes last. */
const NAMES = {
  met: 'Met',
  met_late: 'Met late',
  on_track: 'On track',
  warning: 'Warning',
  breached: 'Breached',
  paused: 'Paused (with unit)',
};
const BARS = [
  ...Object.keys(NAMES).filter((state) => SLA_STATES.includes(state)),
  ...SLA_STATES.filter((state) => !(state in NAMES)),
].map((state) => [state, NAMES[state] ? t(NAMES[state]) : label(state)]);
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
  await loadReport();
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
      svg('text', { x: labelW - 8, y: y + 19, 'text-anchor': 'end', class: 'chart-label' }, name),
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
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t('Deadline')),
        h('th', { scope: 'col', class: 'num' }, t('Applications')),
      ),
    ),
    h(
      'tbody',
      {},
      BARS.map(([key, name]) =>
        h('tr', { 'data-sla': key }, h('td', {}, name), h('td', { class: 'num' }, counts[key])),
      ),
    ),
  );
  fill($('compliance-chart'), chart, table);
}

// The applications accepted in a period (GET /v1/reports/compliance): how they met their deadline per unit and
// per mode, the working days they took, and week by week; and the same applications as a CSV file.
const TALLY = [
  ['total', 'Accepted'],
  ['met', 'Met'],
  ['late', 'Met late'],
  ['open', 'Open'],
  ['overdue', 'Of which overdue'],
  ['closed', 'Closed without a card'],
];

function reportQuery() {
  const params = new URLSearchParams({ from: $('report-from').value, to: $('report-to').value });
  const unit = $('compliance-unit').value.trim();
  if (unit) params.set('unitId', unit);
  if ($('report-mode').value) params.set('mode', $('report-mode').value);
  return params;
}

const tallyTable = (caption, first, rows) =>
  h(
    'table',
    { class: 'tally' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, t(first)),
        TALLY.map(([, name]) => h('th', { scope: 'col', class: 'num' }, t(name))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([name, tally]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, name),
          TALLY.map(([key]) => h('td', { class: 'num' }, tally[key])),
        ),
      ),
    ),
  );

export async function loadReport() {
  const report = await attempt(() => api('GET', `/v1/reports/compliance?${reportQuery()}`));
  if (!report) return;
  const used = Object.entries(report.workingDaysUsed).sort(([a], [b]) => Number(a) - Number(b));
  const most = Math.max(1, ...used.map(([, n]) => n));
  const [rowH, width, labelW] = [26, 560, 150];
  const histogram = svg('svg', {
    viewBox: `0 0 ${width} ${Math.max(1, used.length) * rowH + 10}`,
    role: 'img',
    'aria-labelledby': 'days-title',
    class: 'chart',
  });
  histogram.append(svg('title', { id: 'days-title' }, t('Working days taken until notified')));
  used.forEach(([days, n], i) => {
    const y = i * rowH + 5;
    const w = Math.round((n / most) * (width - labelW - 60));
    histogram.append(
      svg(
        'text',
        { x: labelW - 8, y: y + 15, 'text-anchor': 'end', class: 'chart-label' },
        t('{n} days', { n: days }),
      ),
      svg('rect', { x: labelW, y, width: Math.max(w, 1), height: rowH - 8, class: 'bar sla-met' }),
      svg('text', { x: labelW + w + 6, y: y + 15, class: 'chart-count' }, n),
    );
  });
  fill(
    $('compliance-report'),
    tallyTable(t('{from} to {to}', { from: calendarDay(report.from), to: calendarDay(report.to) }), 'Scope', [
      [t('All'), report.all],
    ]),
    tallyTable(
      t('By unit'),
      'Unit',
      report.byUnit.map((u) => [u.unitId, u]),
    ),
    tallyTable(
      t('By mode'),
      'Mode',
      report.byMode.map((m) => [label(m.mode), m]),
    ),
    h('h3', {}, t('Working days taken until notified')),
    used.length ? histogram : h('p', { class: 'hint' }, t('None notified yet.')),
    tallyTable(
      t('By week of acceptance'),
      'Week of',
      report.weeks.map((w) => [shortDate(w.week), w]),
    ),
  );
}

async function exportCsv() {
  const text = await attempt(() => api('GET', `/v1/reports/compliance.csv?${reportQuery()}`));
  if (text === undefined) return;
  const link = h('a', {
    // The browser's text decoding drops the BOM the API sends; Excel needs it to read UTF-8.
    href: URL.createObjectURL(new Blob(['\uFEFF', text.replace(/^\uFEFF/, '')], { type: 'text/csv' })),
    download: `sscard-compliance-${$('report-from').value}-${$('report-to').value}.csv`,
  });
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The form starts at this month so far (Beijing time). */
export function setUpReport() {
  const today = todayInShanghai();
  $('report-from').value = `${today.slice(0, 8)}01`;
  $('report-to').value = today;
  $('report-mode').append(...MODES.map((mode) => new Option(label(mode), mode)));
  $('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadReport();
  });
  $('report-csv').addEventListener('click', () => void exportCsv());
}
