// Small DOM and formatting helpers of the console. Text always goes in as text, never parsed as HTML.
import { locale, refusal } from './i18n.js';

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

// Dates as people at the center write them: 2026年12月14日（周一） 10:00 in Chinese, 2026-12-14 Mon 10:00 in
// English; always Beijing time, whatever the browser's zone.
const zone = { timeZone: 'Asia/Shanghai' };
const parts = (iso, options) =>
  Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { ...zone, ...options, hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
const WEEKDAYS_ZH = {
  Mon: '周一',
  Tue: '周二',
  Wed: '周三',
  Thu: '周四',
  Fri: '周五',
  Sat: '周六',
  Sun: '周日',
};

function day(iso, withWeekday) {
  const p = parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' });
  if (locale === 'zh-CN')
    return `${p.year}年${Number(p.month)}月${Number(p.day)}日${withWeekday ? `（${WEEKDAYS_ZH[p.weekday]}）` : ''}`;
  return `${withWeekday ? `${p.weekday} ` : ''}${p.year}-${p.month}-${p.day}`;
}

/** Deadlines are the exclusive end of a day (24:00, Beijing): this is the last day that counts, with its weekday. */
export function lastDay(iso) {
  return iso ? day(new Date(new Date(iso).getTime() - 1).toISOString(), true) : '';
}

// A table's dates leave out the year when it is this one: '12月14日', but '2027年1月5日' (always '2026-12-14' in
// English). Dates anywhere else always carry it.
function tableDay(iso) {
  const p = parts(iso, { year: 'numeric', month: '2-digit', day: '2-digit' });
  if (locale !== 'zh-CN') return `${p.year}-${p.month}-${p.day}`;
  const monthDay = `${Number(p.month)}月${Number(p.day)}日`;
  return p.year === todayInShanghai().slice(0, 4) ? monthDay : `${p.year}年${monthDay}`;
}

/** An instant as Beijing local time, for tables: '12月2日 10:00', '2025年12月2日 10:00' ('2026-12-02 10:00'). */
export function localTime(iso) {
  if (!iso) return '';
  const p = parts(iso, { hour: '2-digit', minute: '2-digit' });
  return `${tableDay(iso)} ${p.hour}:${p.minute}`;
}

/** The same last day, short, for tables: '12月14日', '2027年1月5日' ('2026-12-14'). */
export function shortDay(iso) {
  return iso ? tableDay(new Date(new Date(iso).getTime() - 1).toISOString()) : '';
}

// A calendar date (2026-11-30) is a day in Beijing.
const noonOf = (date) => `${date}T12:00:00+08:00`;

/** A calendar date: '2026年11月30日' ('2026-11-30'). */
export function calendarDay(date) {
  return date ? day(noonOf(date), false) : '';
}

/** A calendar date, short, for tables: '11月30日', '2025年12月29日' ('2026-11-30'). */
export function shortDate(date) {
  return date ? tableDay(noonOf(date)) : '';
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
  el.textContent = error.code ? refusal(error.code, error.message) : String(error.message || error);
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
