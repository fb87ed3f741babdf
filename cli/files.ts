// Reading the files people hand to the command line: applicant JSON, batch JSON or CSV (UTF-8 or GB18030),
// calendar years.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import fs from 'node:fs';
import { UsageError } from './command';

export function readBytes(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function readText(file: string): string {
  return decodeText(readBytes(file));
}

/**
 * Text as people's tools save it: UTF-8 (with or without the BOM Excel writes), or, when the bytes are not
 * UTF-8, GB18030, which Excel on a Chinese Windows uses for "CSV" and which includes GBK and GB2312.
 */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'gb18030');
  }
}

export function readJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rows of a CSV file with a header line (RFC 4180, read by csv-parse), as objects keyed by the header. Empty
 * cells are left out, so optional fields stay absent rather than empty; blank lines are skipped.
 */
export function parseCsv(text: string): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new UsageError(`the CSV file cannot be read: ${(error as Error).message}`);
  }
  const [header, ...rows] = records.filter((r) => r.some((cell) => cell !== ''));
  if (!header) throw new UsageError('the CSV file is empty: it needs a header line (residentId,name,...)');
  return rows.map((row) =>
    Object.fromEntries(header.flatMap((key, i) => (key && row[i] ? [[key, row[i]]] : []))),
  );
}
