// How the command line prints: tables and short lines for people, JSON for scripts, and errors that say what
// went wrong (the API's code and message) and what to do next.
import { shanghaiDate } from '../domain/calendar/shanghai-time';
import { ApiError, UnreachableError } from './http';
import { ConfigError } from './config';
import { isRecord } from './files';
import { locale, refusalWords, t } from './i18n';
import { UsageError } from './command';
import { renderTable, type Cell } from './ui/table';

export interface Output {
  json: boolean;
  /** Result for scripts; ignored unless --json. */
  data(value: unknown): void;
  /** Text for people; ignored with --json. */
  text(text: string): void;
  table(headers: string[], rows: Cell[][]): void;
}

export function createOutput(json: boolean, stdout: NodeJS.WritableStream = process.stdout): Output {
  return {
    json,
    data(value) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    text(text) {
      if (!json) stdout.write(`${text}\n`);
    },
    table(headers, rows) {
      if (!json) stdout.write(`${rows.length ? renderTable(headers, rows) : t('(none)')}\n`);
    },
  };
}

/** Exit codes: 1 the API refused, 2 wrong usage, 3 the API could not be reached or failed. */
export const EXIT = { refused: 1, usage: 2, unavailable: 3 } as const;

/** Prints an error to stderr (as JSON too with --json, on stdout) and returns the exit code. */
export function reportError(error: unknown, json: boolean, stdout = process.stdout, stderr = process.stderr) {
  const say = (what: string, next?: string) =>
    stderr.write(`${t('error: {what}', { what })}\n${next ? `${t('next: {next}', { next })}\n` : ''}`);
  if (error instanceof ApiError) {
    const exit = error.status >= 500 ? EXIT.unavailable : EXIT.refused;
    // Printed once: as JSON for a program that asked for it, otherwise as lines for a person.
    if (json) {
      stdout.write(
        `${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details } }, null, 2)}\n`,
      );
      return exit;
    }
    // In Chinese the code's words come first and the API's own message (English, with the specifics) follows.
    const words = locale() === 'zh-CN' ? refusalWords(error.code) : undefined;
    stderr.write(
      words
        ? `${t('error {code}: {message}', { code: error.code, message: words.title })}\n  ${error.message}\n`
        : `${t('error {code}: {message}', { code: error.code, message: error.message })}\n`,
    );
    for (const line of detailLines(error.details, error.message)) stderr.write(`  ${line}\n`);
    const next = nextStep(error);
    if (next) stderr.write(`${t('next: {next}', { next })}\n`);
    return exit;
  }
  if (error instanceof UsageError) {
    say(error.message, t("see the command's --help"));
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    say(error.message);
    return EXIT.usage;
  }
  if (error instanceof UnreachableError) {
    say(error.message, t('start the stack (npm start) or set SSCARD_API_URL'));
    return EXIT.unavailable;
  }
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.unavailable;
}

function hint(error: ApiError): string | undefined {
  if (error.status === 401)
    return t('pass a valid token: --token, $SSCARD_TOKEN, or --as <role> on the local stack');
  if (error.status === 429) return t('wait a moment and try again');
  if (error.status >= 500) return t('the server failed; try again, and look at its log if it persists');
  return undefined;
}

/** What the person at the terminal can do: for a refused key, how this command line picks one. */
function nextStep(error: ApiError): string | undefined {
  if (error.code === 'UNAUTHENTICATED')
    return t(
      'this token is not one the API knows (revoked, mistyped or of another stack): give another with --token, ' +
        'pick one of the local stack with --as operator|supervisor|admin|clerk, or set SSCARD_TOKEN',
    );
  if (
    error.code === 'CARD_NOT_IN_USE' &&
    isRecord(error.details) &&
    error.details.status === 'awaiting_collection'
  )
    return t(
      'register the collection first: sscard collect <application> --by NAME --relation REL --place PLACE ' +
        '(sscard card lookup <residentId> shows the application), then try again',
    );
  return refusalWords(error.code)?.action ?? hint(error);
}

/** The issues of a refusal that its message does not already say. */
function detailLines(details: unknown, said: string): string[] {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return (issues as { path?: unknown; message?: unknown }[])
    .filter((issue) => !said.includes(String(issue.message)))
    .map(
      (issue) =>
        `${typeof issue.path === 'string' && issue.path ? issue.path : 'request'}: ${String(issue.message)}`,
    );
}

const shanghaiTime = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as Asia/Shanghai local time, 'YYYY-MM-DD HH:mm'. */
export function localTime(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return shanghaiTime.format(date).replace(',', '');
}

/** Deadlines are exclusive ends of a day (24:00): the last day that counts is the one before. */
export function lastDay(dueAt: string | undefined): string | undefined {
  if (!dueAt) return undefined;
  const date = new Date(dueAt);
  return Number.isNaN(date.getTime()) ? dueAt : shanghaiDate(new Date(date.getTime() - 1));
}
