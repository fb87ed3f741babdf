// Line coverage of the whole suite's one mocha run, by folder: c8 (V8's own coverage) wraps mocha, and the
// workflows count too, since the tests' workers load the workflow bundle from a file with its source map
// (SSCARD_TEST_BUNDLE_DIR, test/support/world.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The folders that hold sscard's logic, whose line coverage `npm test` reports. */
export const COVERED_FOLDERS = ['workflows', 'activities', 'client', 'domain', 'store'];

export interface Coverage {
  /** The command that runs `command` under c8, and its environment. */
  wrap(command: string, args: string[]): { command: string; args: string[]; env: NodeJS.ProcessEnv };
  /** The table by folder, then the measurements are removed. */
  report(): string;
}

export function measureCoverage(root: string): Coverage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sscard-coverage-'));
  const reportDir = path.join(dir, 'report');
  return {
    wrap: (command, args) => ({
      command: path.join(root, 'node_modules/.bin/c8'),
      args: [
        '--reporter=json-summary',
        `--report-dir=${reportDir}`,
        `--temp-directory=${path.join(dir, 'v8')}`,
        // Files no test loads count as not covered; the bundle's lines are mapped back before filtering.
        '--all',
        `--src=${root}`,
        '--exclude-after-remap',
        ...COVERED_FOLDERS.map((folder) => `--include=${folder}/**`),
        command,
        ...args,
      ],
      env: { ...process.env, SSCARD_TEST_BUNDLE_DIR: path.join(dir, 'bundle') },
    }),
    report: () => {
      try {
        return coverageTable(root, path.join(reportDir, 'coverage-summary.json'));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
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
