// The options of the measurement scripts (npm run bench, bench:batch, chaos): --help prints the script's help, and
// a count that is not a whole number in range stops the script at once, saying what to give instead.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type StringOptions = Record<string, { type: 'string'; default: string }>;

/** The script's options, each a string with its default; with --help, prints `help` and exits. */
export function scriptOptions<T extends StringOptions>(help: string, options: T): { [K in keyof T]: string } {
  const config: ParseArgsConfig = { options: { ...options, help: { type: 'boolean' } } };
  const values = parseArgs(config).values as { [K in keyof T]: string } & { help?: boolean };
  if (values.help) {
    console.log(help);
    process.exit(0);
  }
  return values;
}

/** The option `--name` as a whole number of at least `min`; anything else exits with status 2. */
export function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}`);
    process.exit(2);
  }
  return n;
}
