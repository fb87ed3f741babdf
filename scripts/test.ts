// `npm test`: the whole suite as CI runs it. Provisions the servers, type-checks, lints, checks formatting,
// runs every mocha test against the real servers, then the dev-server suites again on a self-hosted Temporal
// cluster (`npm run test:cluster`), and ends with one line counting what passed and failed.
import { spawnSync } from 'node:child_process';
import { ALL_TOOLS } from './tools/catalog';
import { describeChromium, ensureChromium } from './tools/chromium';
import { describe, ensureTool } from './tools/ensure';
import { measureCoverage } from './test-coverage';

/** Start instants (Asia/Shanghai) that show the suite does not depend on the day it runs: see --help. */
const START_DAYS = [
  '2026-12-07T10:00:00+08:00', // Monday
  '2026-12-08T23:55:00+08:00', // Tuesday, just before midnight
  '2026-12-09T00:05:00+08:00', // Wednesday, just after midnight
  '2026-12-10T12:00:00+08:00', // Thursday
  '2026-12-11T18:00:00+08:00', // Friday evening
  '2026-12-12T10:00:00+08:00', // Saturday
  '2026-12-13T12:00:00+08:00', // Sunday
  '2026-09-30T23:55:00+08:00', // the eve of the National Day holidays
  '2026-02-13T12:00:00+08:00', // the Friday before the Spring Festival holidays
];

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`usage: npm test [-- [--only-mocha] [--start-days] [mocha args...]]

Runs, in order: server and Chromium provisioning, tsc (typecheck), eslint, prettier --check, all mocha tests
(test/**/*.test.ts) against real Temporal servers and FerretDB with the line coverage of workflows/,
activities/, client/, domain/ and store/ (c8), and then the tests that run on a dev server once
more on a self-hosted Temporal cluster (npm run test:cluster; about 75 s once its server is built). Extra
arguments go to mocha and leave the cluster run out, e.g.
  npm test -- --only-mocha --grep "withdraw"

--start-days runs the mocha tests once from each of ${START_DAYS.length} start instants (every weekday, a weekend, the
eves of National Day and the Spring Festival, at 00:05, midday and 23:55 Shanghai time): the time-skipping
servers of tests that do not choose their own day start there (SSCARD_TEST_START). About 3 minutes a day.`);
  process.exit(0);
}
const onlyMocha = args.includes('--only-mocha');
const startDays = args.includes('--start-days');
const mochaArgs = args.filter((a) => a !== '--only-mocha' && a !== '--start-days');

const results: { step: string; ok: boolean }[] = [];

function step(name: string, command: string, commandArgs: string[]): boolean {
  console.log(`\n── ${name} ──`);
  const ok = spawnSync(command, commandArgs, { stdio: 'inherit' }).status === 0;
  results.push({ step: name, ok });
  return ok;
}

for (const tool of ALL_TOOLS) console.log(describe(ensureTool(tool)));
console.log(describeChromium(ensureChromium()));

if (!onlyMocha) {
  step('typecheck', 'node_modules/.bin/tsc', ['-p', '.', '--noEmit']);
  step('lint', 'node_modules/.bin/eslint', ['--max-warnings', '0', '.']);
  step('format', 'node_modules/.bin/prettier', ['--check', '--log-level', 'warn', '.']);
}

const specs = mochaArgs.some((a) => a.endsWith('.ts')) ? [] : ['test/**/*.test.ts'];
// The whole suite's one run measures line coverage as it goes; a subset or a run per start day does not.
const coverage = mochaArgs.length === 0 && !startDays ? measureCoverage(process.cwd()) : undefined;
for (const start of startDays ? START_DAYS : [undefined]) {
  const name = start ? `tests from ${start}` : 'tests';
  console.log(`\n── ${name} ──`);
  const mocha = spawnSync(
    'node_modules/.bin/mocha',
    ['--reporter', 'test/setup/reporter.ts', ...specs, ...mochaArgs],
    {
      stdio: ['inherit', 'inherit', 'inherit'],
      env: coverage?.env ?? (start ? { ...process.env, SSCARD_TEST_START: start } : process.env),
    },
  );
  results.push({ step: name, ok: mocha.status === 0 });
}
if (coverage) console.log(`\n${coverage.report()}`);

// The same suites on a cluster as a province runs it (PostgreSQL, SQL visibility, several history shards): what the
// dev server forgives, such as its raised visibility rate limit, shows here. Only for the whole suite.
if (mochaArgs.length === 0 && !startDays) {
  step('tests on a Temporal cluster', process.execPath, ['--require', 'tsx/cjs', 'scripts/test-cluster.ts']);
}

const failed = results.filter((r) => !r.ok).map((r) => r.step);
console.log(`\n${results.map((r) => `${r.step} ${r.ok ? 'ok' : 'FAILED'}`).join(startDays ? '\n' : ' · ')}`);
process.exit(failed.length === 0 ? 0 : 1);
