// The command line's language: Chinese when the locale says so (LC_ALL, then LC_MESSAGES, then LANG, as every
// POSIX program reads them; LANG=zh_CN.UTF-8 is the usual one), English otherwise. Texts are written in English
// and looked up in cli/zh.ts; codes and refusals take the domain's Chinese words (domain/words.ts), the ones the
// console shows. --json output is for programs and stays as the API sent it.
import { STAGE_LABELS, type Stage } from '../domain/stages';
import { ZH_REFUSALS, ZH_WORDS } from '../domain/words';
import { ERROR_CATALOGUE, type ErrorCode } from '../domain/errors';
import { ZH } from './zh';
import { ALL_ACTIONS, type Words } from '../domain/actions';

export type Locale = 'en' | 'zh-CN';

export function localeOf(env: NodeJS.ProcessEnv): Locale {
  // An empty variable counts as unset; the first one set decides, even when it names another language.
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value) ?? '';
  return /^zh(?:[_.@-]|$)/i.test(tag) ? 'zh-CN' : 'en';
}

let current: Locale | undefined;

export function locale(): Locale {
  return (current ??= localeOf(process.env));
}

/** For tests that print in-process: the language to use whatever the machine's locale is (none: the locale's). */
export function useLocale(next: Locale | undefined): void {
  current = next;
}

/** The actions' own words (domain/actions): their commands' summaries, options and answers. */
const ACTION_ZH: Record<string, string> = Object.fromEntries(
  ALL_ACTIONS.flatMap((a) => [
    a.summary,
    a.label,
    a.done,
    ...(a.help ?? []),
    ...Object.values(a.fields ?? {}).flatMap((field) => [field, ...Object.values(field?.flags ?? {})]),
  ])
    .filter((w): w is Words => w !== undefined)
    .map((w) => [w.en, w.zh]),
);

/** Whether a text of the command line has its Chinese. */
export const hasChinese = (text: string): boolean => text in ZH || text in ACTION_ZH;

/** A text of the command line in its language, with `{name}` filled from `vars`. */
export function t(text: string, vars: Record<string, string | number | undefined> = {}): string {
  const template = locale() === 'zh-CN' ? (ZH[text] ?? ACTION_ZH[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** Keys of the API's answers that read badly spaced out. */
const EN_WORDS: Record<string, string> = {
  total: 'rows in the file',
  staged: 'taken in',
  duplicates: 'duplicates in the file',
  inFlightElsewhere: 'already in progress elsewhere',
  in_flight_elsewhere: 'already in progress elsewhere',
  duplicate_in_batch: 'duplicate in the file',
  waitingToStart: 'waiting to start',
  open: 'in progress',
};

/** A code as people say it: '待人工审核' in Chinese; in English its word, or the code spaced out. */
export function word(code: string): string {
  if (locale() === 'zh-CN') return ZH_WORDS[code] ?? code;
  return EN_WORDS[code] ?? STAGE_LABELS[code as Stage] ?? code.replace(/_/g, ' ').toLowerCase();
}

/** A code in a table cell: its Chinese word, or in English the code itself (what --stage and --queue take). */
export function cell(code: string | undefined): string | undefined {
  return code === undefined || locale() !== 'zh-CN' ? code : (ZH_WORDS[code] ?? code);
}

/** What a refusal means and what to do about it, in the command line's language. */
export function refusalWords(code: string): { title: string; action: string } | undefined {
  if (!(code in ERROR_CATALOGUE)) return undefined;
  const zh = locale() === 'zh-CN' ? ZH_REFUSALS[code as ErrorCode] : undefined;
  return zh ?? ERROR_CATALOGUE[code as ErrorCode];
}
