// The console's languages: Simplified Chinese by default (the center's staff), English as a choice kept in this
// browser. Texts are written in English in the code and looked up in words.js; codes from the API (stages, SLA
// states, roles, reasons) and its refusals take the domain's words (domain.js). Anything without a translation
// shows as it is written.
import { ZH_REFUSALS, ZH_WORDS } from './domain.js';
import { ZH } from './words.js';

const KEY = 'sscard.locale';
export const LOCALES = { 'zh-CN': '中文', en: 'English' };

export const locale = (() => {
  const saved = localStorage.getItem(KEY);
  return saved && saved in LOCALES ? saved : 'zh-CN';
})();

/** Switches the language and shows the page again in it. */
export function setLocale(next) {
  localStorage.setItem(KEY, next);
  location.reload();
}

/** Refusals by their code: the API's, and the console's own when the API cannot be reached (api.js). */
const ZH_TITLES = { ...ZH_REFUSALS, NETWORK: '无法连接服务器' };

/** A refusal of the API as a person reads it: '未提供有效的访问令牌（UNAUTHENTICATED）'. */
export function refusal(code, message) {
  if (locale === 'zh-CN' && ZH_TITLES[code]) return `${ZH_TITLES[code]}（${code}）：${message}`;
  return `${code}: ${message}`;
}

/** A text of the console in the chosen language, with `{name}` filled from `vars`. */
export function t(text, vars = {}) {
  const template = locale === 'zh-CN' ? (ZH[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/** Words the API gives in both languages (an action's, a field's): those of the chosen one. */
export const inLanguage = (words) => (locale === 'zh-CN' ? words.zh : words.en);

/**
 * A code from the API as people call it: '待人工审核' for awaiting_review, 'awaiting review' in English. A refusal's
 * code (a timeline's note may carry one) by its name.
 */
export function label(code) {
  if (!code) return '';
  const zh = locale === 'zh-CN' && (ZH_WORDS[code] ?? ZH_TITLES[code]);
  return zh || String(code).replace(/_/g, ' ');
}

/** sscard and its partners by name (their accounts, domain/actors.ts); people by role and account. */
const ACTOR_NAMES = {
  'system:sscard': 'sscard (system)',
  'partner:card-manufacturer': 'card manufacturer',
  'partner:cooperative-bank': 'cooperative bank',
  'partner:population-registry': 'population registry',
  'partner:courier': 'courier',
  'partner:payment-provider': 'payment provider',
  'partner:card-terminals': 'card terminals network',
  'system:online-channel': 'online channel',
};

/** Who took a step: '制卡厂' for the manufacturer's account, '经办员 op-01' for a person. */
export function actorName({ role, id }) {
  const name = ACTOR_NAMES[`${role}:${id}`];
  return name ? t(name) : `${label(role)} ${id}`;
}

/** Translates the page's own markup: elements marked data-i18n (text) and data-i18n-placeholder. */
export function translatePage() {
  document.documentElement.lang = locale;
  document.title = t(document.title);
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.textContent.trim());
  for (const el of document.querySelectorAll('[data-i18n-label]'))
    el.setAttribute('aria-label', t(el.getAttribute('aria-label')));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.getAttribute('placeholder')));
}
