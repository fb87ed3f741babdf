// Small DOM and formatting helpers of the console. Text always goes in as text, never parsed as HTML.

export const $ = (id) => document.getElementById(id);

/** Builds an element; children are nodes or text, nested arrays allowed; `on<event>` attributes listen. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Replaces an element's content. */
export function fill(el, ...children) {
  el.replaceChildren(...h('div', {}, children).childNodes);
}

export const words = (code) => (code ? String(code).replace(/_/g, ' ') : '');

const timeFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
});

/** An instant as Asia/Shanghai local time, 'YYYY-MM-DD HH:mm'. */
export function localTime(iso) {
  return iso ? timeFormat.format(new Date(iso)).replace(',', '') : '';
}

/** Deadlines are the exclusive end of a day (24:00, Shanghai): this is the last day that counts. */
export function lastDay(iso) {
  return iso ? dateFormat.format(new Date(new Date(iso).getTime() - 1)).replace(',', '') : '';
}

export function todayInShanghai() {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** A random UUID, also outside secure contexts (plain http on another host). */
export function uuid() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function showError(error) {
  const el = $('error');
  el.textContent = error.code ? `${error.code}: ${error.message}` : String(error.message || error);
  el.hidden = false;
}

export function notice(text) {
  $('error').hidden = true;
  $('notice').textContent = text;
}

const timers = {};

/** Runs `fn` after `ms`, replacing whatever was planned under the same name. */
export function later(name, fn, ms) {
  clearTimeout(timers[name]);
  timers[name] = setTimeout(fn, ms);
}

export function cancel(name) {
  clearTimeout(timers[name]);
}

export function cancelAll() {
  Object.values(timers).forEach(clearTimeout);
}
