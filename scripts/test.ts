// `npm test`: the whole suite as CI runs it. Provisions the servers, type-checks, lints, checks formatting,
// runs every mocha test against the real servers, and ends with one line counting what passed and failed.
import { spawnSync } from 'node:child_process';
import { ALL_TOOLS } from './tools/catalog';
import { describeChromium, ensureChromium } from './tools/chromium';
import { describe, ensureTool } from './tools/ensure';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log(`usage: npm test [-- [--only-mocha] [mocha args...]]

Runs, in order: server and Chromium provisioning, tsc (typecheck), eslint, prettier --check, and all mocha tests
(test/**/*.test.ts) against real Temporal servers and FerretDB. Extra arguments go to mocha, e.g.
  npm test -- --only-mocha --grep "withdraw"`);
  process.exit(0);
}
const onlyMocha = args.includes('--only-mocha');
const mochaArgs = args.filter((a) => a !== '--only-mocha');

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

console.log('\n── tests ──');
const specs = mochaArgs.some((a) => a.endsWith('.ts')) ? [] : ['test/**/*.test.ts'];
const mocha = spawnSync(
  'node_modules/.bin/mocha',
  ['--reporter', 'test/setup/reporter.ts', ...specs, ...mochaArgs],
  {
    stdio: ['inherit', 'inherit', 'inherit'],
  },
);
results.push({ step: 'tests', ok: mocha.status === 0 });

const failed = results.filter((r) => !r.ok).map((r) => r.step);
console.log(`\n${results.map((r) => `${r.step} ${r.ok ? 'ok' : 'FAILED'}`).join(' · ')}`);
process.exit(failed.length === 0 ? 0 : 1);
