// What the console knows of the domain, made from domain/ and served as /console/domain.js (static.ts): the lists
// it offers and checks against, and the Chinese words of codes and refusals. The console holds no copy of them, so
// a new stage, reason or queue reaches it untouched (test/console fails if one is copied into it again).
import { GUARDIAN_RELATIONS } from '../domain/applicant';
import { issuanceModeSchema, RETURN_REASONS } from '../domain/application';
import { INSTANT_REASONS } from '../domain/counters';
import { QUEUES } from '../domain/lists';
import { COLLECTION_RELATIONS } from '../domain/messages';
import { PRINTING_STARTED_STAGES, SLA_STATES, TERMINAL_STAGES } from '../domain/stages';
import { ZH_REFUSALS, ZH_WORDS } from '../domain/words';

export const CONSOLE_DOMAIN = {
  RETURN_REASONS,
  COLLECTION_RELATIONS,
  TERMINAL_STAGES,
  PRINTING_STARTED_STAGES,
  QUEUES,
  SLA_STATES,
  MODES: issuanceModeSchema.options,
  /** Why a person needs the card now, chosen at an instant submission where the region asks. */
  INSTANT_REASONS,
  /** Who a minor's guardian is to them, chosen on the application form. */
  GUARDIAN_RELATIONS,
  /** Every code's Chinese word: stages, deadline states, reasons, relations, roles… */
  ZH_WORDS,
  /** What each refusal of the API means, in Chinese, by its code. */
  ZH_REFUSALS: Object.fromEntries(Object.entries(ZH_REFUSALS).map(([code, words]) => [code, words.title])),
};

/** The console's domain as a browser module: one `export const` a name, its value written as JSON. */
export function consoleDomainModule(): string {
  return [
    '// Made by the API from domain/ (api/console-domain.ts): change the domain, not this.',
    ...Object.entries(CONSOLE_DOMAIN).map(
      ([name, value]) => `export const ${name} = ${JSON.stringify(value)};`,
    ),
    '',
  ].join('\n');
}
