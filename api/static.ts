// The operator console's files, served read-only from one folder: no listing, no dotfiles, nothing outside it; and
// the few files made elsewhere, each by a fixed name: a library's module from the package the project depends on,
// and the domain's lists and words made from domain/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { SscardError } from '../domain/errors';
import { consoleDomainModule } from './console-domain';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFile {
  data: Buffer;
  contentType: string;
}

const notFound = () => new SscardError('NOT_FOUND', 'no such file of the console');

const FFLATE = path.join(path.dirname(require.resolve('fflate/package.json')), 'esm', 'browser.js');
let domainModule: Buffer | undefined;

/**
 * Scripts not in the folder, by their path below /console/: fflate's browser module reads a batch's ZIP of photos;
 * domain.js is made once from domain/ (console-domain.ts).
 */
const MADE: Readonly<Record<string, () => Buffer | Promise<Buffer>>> = {
  'vendor/fflate.js': () => fs.readFile(FFLATE),
  'domain.js': () => (domainModule ??= Buffer.from(consoleDomainModule())),
};

/** The file for a path below /console/ ('' is index.html); NOT_FOUND for anything else. */
export async function consoleFile(root: string, relative: string): Promise<StaticFile> {
  const made = Object.hasOwn(MADE, relative) ? MADE[relative] : undefined;
  if (made) return { data: await made(), contentType: CONTENT_TYPES['.js']! };
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative || 'index.html');
  } catch {
    throw notFound();
  }
  const parts = decoded.split(/[\\/]/);
  if (decoded.includes('\0') || parts.some((p) => p === '' || p === '..' || p.startsWith('.')))
    throw notFound();
  const base = await fs.realpath(root).catch(() => {
    throw notFound();
  });
  const file = await fs.realpath(path.join(base, ...parts)).catch(() => {
    throw notFound();
  });
  // Symbolic links may not lead out of the folder either.
  if (!file.startsWith(base + path.sep)) throw notFound();
  const stat = await fs.stat(file);
  if (!stat.isFile()) throw notFound();
  return {
    data: await fs.readFile(file),
    contentType: CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
  };
}
