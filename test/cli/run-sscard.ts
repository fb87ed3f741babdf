// Runs the real `bin/sscard` as a person or a script would, and collects what it printed and its exit code.
import { spawn } from 'node:child_process';
import path from 'node:path';

export const SSCARD_BIN = path.resolve(__dirname, '../../bin/sscard');

export interface SscardRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** English whatever the machine's locale, unless a test asks for another (LANG=zh_CN.UTF-8). */
const ENGLISH = { LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

/** Asynchronous, so a test server in the same process keeps answering while the command runs. */
export function sscard(args: string[], env: NodeJS.ProcessEnv = {}): Promise<SscardRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(SSCARD_BIN, args, {
      env: { ...process.env, SSCARD_TOKEN: '', ...ENGLISH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a long-running command (batch follow) and resolves once its output matches, then stops it. */
export function sscardUntil(
  args: string[],
  env: NodeJS.ProcessEnv,
  until: RegExp,
  timeoutMs = 30_000,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(SSCARD_BIN, args, {
      env: { ...process.env, SSCARD_TOKEN: '', ...ENGLISH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`sscard ${args.join(' ')} printed no match for ${until} in time:\n${output}`));
    }, timeoutMs);
    const seen = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!until.test(output)) return;
      clearTimeout(timer);
      child.kill();
      resolve(output);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('error', reject);
  });
}
