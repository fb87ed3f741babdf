// Line coverage of the whole suite's one mocha run, by folder, from V8's own coverage reported by c8. The workflows
// count too: the tests' workers load the workflow bundle from a file with its source map (SSCARD_TEST_BUNDLE_DIR,
// test/support/world.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/** The folders that hold sscard's logic, whose line coverage `npm test` reports. */
export const COVERED_FOLDERS = ['workflows', 'activities', 'client', 'domain', 'store'];

export interface Coverage {
  /** The environment that has a run record its coverage. */
  env: NodeJS.ProcessEnv;
  /** The table by folder, then the measurements are removed. */
  report(): string;
}

/**
 * Coverage as Node records it (NODE_V8_COVERAGE, which is all c8 sets), then reported by c8. Before the report,
 * workflow bundles other than the tests' own are left out: a process the tests start (the stack's worker, the
 * command line) runs a bundle of its own (.data/workflow-bundles/, or one built in memory), whose coverage came
 * out as every line of workflows/ run.
 */
export function measureCoverage(root: string): Coverage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-coverage-'));
  const [v8, bundles, reportDir] = ['v8', 'bundle', 'report'].map((name) => path.join(dir, name)) as [
    string,
    string,
    string,
  ];
  return {
    env: { ...process.env, NODE_V8_COVERAGE: v8, SSCARD_TEST_BUNDLE_DIR: bundles },
    report: () => {
      try {
        if (!fs.existsSync(v8)) return 'coverage: none recorded';
        leaveOutOtherBundles(v8, bundles);
        const c8 = spawnSync(
          path.join(root, 'node_modules/.bin/c8'),
          [
            'report',
            '--reporter=json-summary',
            `--report-dir=${reportDir}`,
            `--temp-directory=${v8}`,
            // Files no test loads count as not covered; the bundle's lines are mapped back before filtering.
            '--all',
            `--src=${root}`,
            '--exclude-after-remap',
            ...COVERED_FOLDERS.map((folder) => `--include=${folder}/**`),
            ...typeOnlyFiles(root).map((file) => `--exclude=${file}`),
          ],
          { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
        );
        if (c8.status !== 0) return 'coverage: c8 could not report it';
        return coverageTable(root, path.join(reportDir, 'coverage-summary.json'));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The files of types only (ports, documents): nothing of theirs runs, so no test loads them, and `--all` would count
 * every line of theirs as not covered.
 */
function typeOnlyFiles(root: string): string[] {
  const code = (file: string) =>
    ts
      .transpileModule(fs.readFileSync(path.join(root, file), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, removeComments: true },
      })
      .outputText.replace('"use strict";', '')
      .replace('Object.defineProperty(exports, "__esModule", { value: true });', '')
      .trim();
  return COVERED_FOLDERS.flatMap((folder) =>
    (fs.readdirSync(path.join(root, folder), { recursive: true }) as string[])
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(folder, file)),
  ).filter((file) => code(file) === '');
}

type Recorded = { result: { url: string }[] };

function leaveOutOtherBundles(v8: string, bundles: string): void {
  const ours = pathToFileURL(bundles).href;
  for (const file of fs.readdirSync(v8)) {
    const recorded = JSON.parse(fs.readFileSync(path.join(v8, file), 'utf8')) as Recorded;
    // sscard's own code runs as TypeScript (tsx) everywhere else: any other script that maps back to it is a bundle.
    const kept = recorded.result.filter(({ url }) => !url.endsWith('.js') || url.startsWith(ours));
    if (kept.length !== recorded.result.length)
      fs.writeFileSync(path.join(v8, file), JSON.stringify({ ...recorded, result: kept }));
  }
}

type Summary = Record<string, { lines: { total: number; covered: number } }>;

function coverageTable(root: string, summaryFile: string): string {
  if (!fs.existsSync(summaryFile))
    return 'coverage: no report (the test run ended before c8 could write one)';
  const summary = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as Summary;
  const rows = COVERED_FOLDERS.map((folder) => {
    let total = 0;
    let covered = 0;
    for (const [file, { lines }] of Object.entries(summary)) {
      if (file === 'total' || !path.relative(root, file).startsWith(`${folder}${path.sep}`)) continue;
      total += lines.total;
      covered += lines.covered;
    }
    return { name: `${folder}/`, total, covered };
  });
  const all = rows.reduce((sum, r) => ({ total: sum.total + r.total, covered: sum.covered + r.covered }), {
    total: 0,
    covered: 0,
  });
  const line = ({ name, total, covered }: { name: string; total: number; covered: number }) =>
    `${name.padEnd(12)} ${(total === 0 ? 0 : (100 * covered) / total).toFixed(1).padStart(5)} %  ` +
    `${String(covered).padStart(6)} of ${String(total).padStart(6)} lines`;
  return ['line coverage', ...rows.map(line), line({ name: 'together', ...all })].join('\n');
}
