// PostgreSQL for FerretDB's PostgreSQL backend, which serves conditional updates by index where its SQLite
// backend reads the whole collection (see docs/operations.md, "Real servers"). Debian's package;
// POSTGRES_PATH overrides.
import fs from 'node:fs';
import path from 'node:path';
import { type DebianTool, describeDebianTool, ensureDebianTool, type ResolvedDebianTool } from './debian';

const ROOT = '/usr/lib/postgresql';
const POSTGRES: DebianTool = {
  package: 'postgresql',
  env: 'POSTGRES_PATH',
  // Debian installs each major version side by side; the newest wins.
  candidates: () =>
    fs.existsSync(ROOT)
      ? fs
          .readdirSync(ROOT)
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => path.join(ROOT, version, 'bin', 'postgres'))
      : [],
};

export const ensurePostgres = (): ResolvedDebianTool => ensureDebianTool(POSTGRES);

export const describePostgres = (resolved: ResolvedDebianTool): string =>
  describeDebianTool('postgresql', POSTGRES, resolved);
