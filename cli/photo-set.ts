// A batch's photos as a unit hands them over: a folder or a ZIP archive of JPEG files, each named by the
// applicant's row in the batch file (1.jpg for the first applicant) or by their resident ID number
// (33010219900101123X.jpg). Read with fflate, a maintained ZIP library; nothing is unpacked to disk.
import { unzipSync } from 'fflate';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './command';
import { readBytes } from './files';

const JPEG = /\.jpe?g$/i;

/** Photos by the name they were given (without the extension, upper case). */
export type PhotoSet = Map<string, Buffer>;

const keyOf = (file: string): string => path.basename(file).replace(JPEG, '').toUpperCase();

export function readPhotoSet(source: string): PhotoSet {
  const set: PhotoSet = new Map();
  const add = (name: string, bytes: Buffer) => {
    if (set.has(keyOf(name))) throw new UsageError(`${source}: two photos are named ${keyOf(name)}`);
    set.set(keyOf(name), bytes);
  };
  if (fs.existsSync(source) && fs.statSync(source).isDirectory()) {
    for (const name of fs
      .readdirSync(source)
      .filter((n) => JPEG.test(n))
      .sort())
      add(name, readBytes(path.join(source, name)));
  } else if (/\.zip$/i.test(source)) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(readBytes(source), {
        // Folders' own photos only; macOS's resource forks are no photos.
        filter: (entry) => JPEG.test(entry.name) && !entry.name.startsWith('__MACOSX/'),
      });
    } catch (error) {
      throw new UsageError(`${source} is not a ZIP archive that can be read: ${(error as Error).message}`);
    }
    for (const [name, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)))
      add(name, Buffer.from(bytes));
  } else {
    throw new UsageError(`--photos ${source}: a folder or a .zip archive of JPEG files`);
  }
  if (set.size === 0) throw new UsageError(`${source} holds no JPEG file (.jpg, .jpeg)`);
  return set;
}

/** The photo of the applicant in row `rowNo` (from 1): named by the row, or by the resident ID number. */
export function photoOf(
  set: PhotoSet,
  rowNo: number,
  residentId: unknown,
): { name: string; bytes: Buffer } | undefined {
  for (const name of [String(rowNo), typeof residentId === 'string' ? residentId.toUpperCase() : '']) {
    const bytes = set.get(name);
    if (bytes) return { name, bytes };
  }
  return undefined;
}
