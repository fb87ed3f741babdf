// The console's words and lists, read without a browser: the domain's come from the API (/console/domain.js,
// made from domain/), the console's own from its files, and no copy of the domain's is written into them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { type CONSOLE_DOMAIN, consoleDomainModule } from '../../api/console-domain';
import { ALL_ACTIONS } from '../../domain/actions';
import { PARTNER_ACCOUNTS, SYSTEM } from '../../domain/actors';
import { issuanceModeSchema, RETURN_REASONS } from '../../domain/application';
import { INSTANT_REASONS } from '../../domain/counters';
import { ERROR_CATALOGUE } from '../../domain/errors';
import { COURIER_EVENTS } from '../../integrations/ports';
import { QUEUES } from '../../domain/lists';
import { COLLECTION_RELATIONS } from '../../domain/messages';
import { OUTCOMES, PRINTING_STARTED_STAGES, SLA_STATES, STAGES, TERMINAL_STAGES } from '../../domain/stages';
import { ZH_REFUSALS, ZH_WORDS } from '../../domain/words';

const CONSOLE = path.resolve(__dirname, '../../console');

/** domain.js as the browser runs it: the module the API serves, imported. */
async function servedDomain(): Promise<typeof CONSOLE_DOMAIN> {
  const source = Buffer.from(consoleDomainModule()).toString('base64');
  return (await import(`data:text/javascript;base64,${source}`)) as typeof CONSOLE_DOMAIN;
}

/** The console's own files that run or show: its scripts and pages. */
const consoleFiles = (): [string, string][] =>
  fs
    .readdirSync(CONSOLE)
    .filter((file) => /\.(js|html)$/.test(file))
    .map((file) => [file, fs.readFileSync(path.join(CONSOLE, file), 'utf8')]);

describe('the operator console’s words and lists', () => {
  it('takes the domain’s lists from the API, which makes them from domain/', async () => {
    const served = await servedDomain();
    assert.deepEqual(served.RETURN_REASONS, [...RETURN_REASONS]);
    assert.deepEqual(served.COLLECTION_RELATIONS, [...COLLECTION_RELATIONS]);
    assert.deepEqual(served.TERMINAL_STAGES, [...TERMINAL_STAGES]);
    assert.deepEqual(served.PRINTING_STARTED_STAGES, [...PRINTING_STARTED_STAGES]);
    assert.deepEqual(served.QUEUES, [...QUEUES]);
    assert.deepEqual(served.SLA_STATES, [...SLA_STATES]);
    assert.deepEqual(served.MODES, issuanceModeSchema.options);
    assert.deepEqual(served.INSTANT_REASONS, [...INSTANT_REASONS]);
  });

  it('names every code and every refusal of the API in the domain’s Chinese words', async () => {
    const served = await servedDomain();
    assert.deepEqual(served.ZH_WORDS, ZH_WORDS);
    assert.deepEqual(
      Object.keys(ERROR_CATALOGUE).filter(
        (code) => served.ZH_REFUSALS[code] !== ZH_REFUSALS[code as keyof typeof ZH_REFUSALS]?.title,
      ),
      [],
    );
  });

  it('names in Chinese every action a timeline carries, sscard and every partner that takes a step', async () => {
    const { ZH_WORDS: words } = await servedDomain();
    const workflow = path.resolve(__dirname, '../../workflows/card-application');
    const actions = new Set<string>();
    for (const file of fs.readdirSync(workflow, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = fs.readFileSync(path.join(workflow, file), 'utf8');
      for (const [, action] of source.matchAll(/recordAction\(\s*state,\s*'(\w+)'/g)) actions.add(action!);
    }
    assert.ok(actions.has('bank_activated'), 'the actions are found');
    assert.deepEqual(
      [...actions].filter((action) => !words[action]),
      [],
    );
    const i18n = fs.readFileSync(path.join(CONSOLE, 'i18n.js'), 'utf8');
    for (const { role, id } of [SYSTEM, ...Object.values(PARTNER_ACCOUNTS)])
      assert.ok(i18n.includes(`'${role}:${id}': '`), `${role}:${id} has a name`);
  });

  it('names in Chinese each state of an online application’s parcel, and what it waits for then', async () => {
    const { ZH_WORDS: words } = await servedDomain();
    // The console reads a parcel's state as parcel_<state> (application.js): 'returned' is also a stage's code.
    assert.deepEqual(
      ['booked', ...COURIER_EVENTS].filter((state) => !words[`parcel_${state}`]),
      [],
    );
    assert.equal(words.delivery, '快递投递');
  });

  it('holds no copy of an action’s words: its label, its buttons’, its fields’ are its description’s', () => {
    const words = ALL_ACTIONS.flatMap((action) => [
      action.label,
      action.done,
      ...(action.presets ?? []).flatMap((preset) => [preset.words, preset.done]),
      ...Object.values(action.fields ?? {}),
    ]);
    const source = fs.readFileSync(path.join(CONSOLE, 'words.js'), 'utf8');
    // A text is a key of words.js, quoted or not: `Approve: '审核通过',`.
    const written = (en: string) =>
      new RegExp(`^\\s*(['"]?)${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1:`, 'm').test(source);
    assert.deepEqual(
      [...new Set(words.filter((w) => w && written(w.en)).map((w) => w!.en))],
      [],
      'the console takes them from the API (GET /v1/actions, console/actions.js)',
    );
  });

  it('holds no copy of the domain’s lists, nor of its words for codes and refusals', () => {
    assert.ok(
      !fs.existsSync(path.join(CONSOLE, 'domain.js')),
      'console/domain.js is made by the API (api/console-domain.ts): a file there would be a stale copy',
    );
    const lists: Record<string, readonly string[]> = {
      STAGES,
      TERMINAL_STAGES,
      PRINTING_STARTED_STAGES,
      OUTCOMES,
      SLA_STATES,
      QUEUES,
      RETURN_REASONS,
      COLLECTION_RELATIONS,
      MODES: issuanceModeSchema.options,
      INSTANT_REASONS,
    };
    const titles = Object.entries(ZH_REFUSALS).map(([code, words]) => [code, words.title] as const);
    const copies: string[] = [];
    for (const [file, source] of consoleFiles()) {
      // A list is copied when more than half of it is written as one array of strings, or as a page's attribute
      // values (the options of a select, a tab each); the few codes a rule of the console names are not a copy.
      const arrays = [...source.matchAll(/\[((?:\s*'[\w-]+'\s*,)*\s*'[\w-]+'\s*,?\s*)\]/g)].map((m) =>
        [...m[1]!.matchAll(/'([\w-]+)'/g)].map((code) => code[1]!),
      );
      const attributes = [...source.matchAll(/="([\w-]+)"/g)].map((m) => m[1]!);
      for (const [name, list] of Object.entries(lists)) {
        const copied = [
          ...arrays.filter((codes) => codes.every((code) => list.includes(code))),
          file.endsWith('.html') ? [...new Set(attributes.filter((code) => list.includes(code)))] : [],
        ].find((codes) => codes.length > list.length / 2);
        if (copied)
          copies.push(`${file} writes ${copied.length} of the ${list.length} ${name}: ${copied.join(', ')}`);
      }
      for (const [code, word] of [...Object.entries(ZH_WORDS), ...titles])
        if (new RegExp(`\\b${code}'?: '${word}'`).test(source)) copies.push(`${file} writes ${code}'s word`);
    }
    assert.deepEqual(copies, [], 'import them from ./domain.js instead');
  });
});
