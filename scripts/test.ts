// `npm test`: the whole suite as CI runs it. Provisions the servers; type-checks, lints and checks formatting at
// once; then runs at once every mocha test against the real servers in two halves, and the dev-server suites
// again on a self-hosted Temporal cluster (`npm run test:cluster`); ends with a line saying what passed.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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

Runs server and Chromium provisioning; tsc (typecheck), eslint and prettier --check at once; then, at once: all
mocha tests (test/**/*.test.ts) against real Temporal servers and FerretDB, in two halves (the workflows' tests on
time-skipping servers, the rest), with the line coverage of workflows/, activities/, client/, domain/ and store/
(c8), and the tests that run on a dev server once more on a self-hosted Temporal cluster (npm run test:cluster).
The first of the steps run at once shows its output as it comes, the others theirs when they end. Extra arguments
go to one mocha run and leave the cluster run out, e.g.
  npm test -- --only-mocha --grep "withdraw"

--start-days runs the mocha tests once from each of ${START_DAYS.length} start instants (every weekday, a weekend, the
eves of National Day and the Spring Festival, at 00:05, midday and 23:55 Shanghai time): the time-skipping
servers of tests that do not choose their own day start there (SSCARD_TEST_START). About 3 minutes a day.`);
  process.exit(0);
}
const onlyMocha = args.includes('--only-mocha');
const startDays = args.includes('--start-days');
const mochaArgs = args.filter((a) => a !== '--only-mocha' && a !== '--start-days');

const results: { step: string; ok: boolean; seconds?: number }[] = [];
const began = Date.now();
const since = (start: number) => Math.round((Date.now() - start) / 1000);

interface Step {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs the steps at once (most of a test's time is spent waiting: on servers, timers and partners). The first one's output is shown as it comes, so a
 * long run shows its progress; the others' is shown under their names once they end.
 */
async function together(steps: Step[]): Promise<void> {
  const runs = steps.map(
    ({ command, args: commandArgs, env }, i) =>
      new Promise<{ ok: boolean; output: string; seconds: number }>((resolve) => {
        const start = Date.now();
        const live = i === 0;
        const child = spawn(command, commandArgs, {
          stdio: ['ignore', live ? 'inherit' : 'pipe', live ? 'inherit' : 'pipe'],
          env: env ?? process.env,
        });
        let output = '';
        child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.on('close', (code) => resolve({ ok: code === 0, output, seconds: since(start) }));
      }),
  );
  console.log(`\n── ${steps[0]!.name} ──`);
  for (const [i, run] of runs.entries()) {
    const { ok, output, seconds } = await run;
    if (i > 0) console.log(`\n── ${steps[i]!.name} ──`);
    if (output) process.stdout.write(output);
    results.push({ step: steps[i]!.name, ok, seconds });
  }
}

/**
 * The whole suite in two halves run at once, each its own mocha (most of a test's time is spent waiting on
 * servers, timers and partners): the workflows' tests on time-skipping servers, and the rest (the API, the command
 * line, the console, the processes, end to end, replay). A file of a new folder runs with the second half.
 */
const TIME_SKIPPING_HALF = [
  'card-application',
  'batch',
  'card-life',
  'domain',
  'store',
  'foundation/skip-time.test.ts',
  'foundation/time-skipping.test.ts',
  'foundation/private-folder.test.ts',
];

function halves(): [string[], string[]] {
  const files = (fs.readdirSync('test', { recursive: true }) as string[])
    .filter((file) => file.endsWith('.test.ts'))
    .sort();
  const first = (file: string) =>
    TIME_SKIPPING_HALF.some((part) => file === part || file.startsWith(`${part}${path.sep}`));
  const inTest = (file: string) => path.join('test', file);
  return [files.filter(first).map(inTest), files.filter((f) => !first(f)).map(inTest)];
}

async function main(): Promise<void> {
  for (const tool of ALL_TOOLS) console.log(describe(ensureTool(tool)));
  console.log(describeChromium(ensureChromium()));

  const checks: Step[] = onlyMocha
    ? []
    : [
        { name: 'typecheck', command: 'node_modules/.bin/tsc', args: ['-p', '.', '--noEmit'] },
        { name: 'lint', command: 'node_modules/.bin/eslint', args: ['--max-warnings', '0', '.'] },
        {
          name: 'format',
          command: 'node_modules/.bin/prettier',
          args: ['--check', '--log-level', 'warn', '.'],
        },
      ];

  const mocha = (files: string[]) => [
    'node_modules/.bin/mocha',
    '--reporter',
    'test/setup/reporter.ts',
    ...files,
  ];
  // The whole suite's run measures line coverage as it goes, in its two halves at once. A subset, or a run per
  // start day, is one mocha run of its own.
  const wholeSuite = mochaArgs.length === 0 && !startDays;
  // The checks come first: beside the tests, they slowed both halves by about 30 s (the machine's two cores are busy).
  if (checks.length > 0) await together(checks);
  if (wholeSuite) {
    const coverage = measureCoverage(process.cwd());
    const [workflows, processes] = halves();
    // The same dev-server suites on a cluster as a province runs it (PostgreSQL, SQL visibility, several history
    // shards) at the same time: what the dev server forgives, such as its raised visibility rate limit, shows there.
    await together([
      { name: 'tests: workflows', command: 'node', args: mocha(workflows), env: coverage.env },
      {
        name: 'tests: API, command line, console, processes',
        command: 'node',
        args: mocha(processes),
        env: coverage.env,
      },
      {
        name: 'tests on a Temporal cluster',
        command: process.execPath,
        args: ['--require', 'tsx/cjs', 'scripts/test-cluster.ts'],
      },
    ]);
    const reporting = Date.now();
    console.log(`\n${coverage.report()}`);
    results.push({ step: 'coverage', ok: true, seconds: since(reporting) });
  } else {
    const specs = mochaArgs.some((a) => a.endsWith('.ts')) ? [] : ['test/**/*.test.ts'];
    for (const start of startDays ? START_DAYS : [undefined]) {
      const name = start ? `tests from ${start}` : 'tests';
      console.log(`\n── ${name} ──`);
      const [command, ...commandArgs] = mocha([...specs, ...mochaArgs]);
      const run = spawnSync(command!, commandArgs, {
        stdio: 'inherit',
        env: start ? { ...process.env, SSCARD_TEST_START: start } : process.env,
      });
      results.push({ step: name, ok: run.status === 0 });
    }
  }

  const failed = results.filter((r) => !r.ok).map((r) => r.step);
  console.log(
    `\n${results
      .map((r) => `${r.step} ${r.ok ? 'ok' : 'FAILED'}${r.seconds === undefined ? '' : ` (${r.seconds} s)`}`)
      .join(startDays ? '\n' : ' · ')}\nnpm test: ${since(began)} s`,
  );
  process.exit(failed.length === 0 ? 0 : 1);
}

void main();
