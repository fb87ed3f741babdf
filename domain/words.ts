// The Chinese words of sscard's codes (stages, deadline states, reasons, roles...) and of its refusals with what to
// do next, as the center's staff say them: one vocabulary for every place that speaks Chinese to people. The words
// are data (words.zh-CN.json), so that a page without a build step can read the same file as the code.
import words from './words.zh-CN.json';
import type { ErrorCode } from './errors';

export interface ZhRefusal {
  /** What went wrong. */
  title: string;
  /** What to do about it. */
  action: string;
}

/** Every code's word, whatever kind of code it is: the kinds share one word where they share a code. */
export const ZH_WORDS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.values(words.codes).flatMap((kind) => Object.entries(kind)),
);

export const ZH_REFUSALS: Readonly<Partial<Record<ErrorCode, ZhRefusal>>> = words.refusals;
