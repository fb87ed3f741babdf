// A unit's batch file as the command line reads it: JSON (an array, or {unitId, applicants}) or CSV.
import path from 'node:path';
import { UsageError } from '../../command';
import { isRecord, parseCsv, readJson, readText } from '../../files';
import { t } from '../../i18n';

/** The applicants of a batch file: a JSON array, {unitId, applicants}, or a CSV file with a header line. */
export function readBatchFile(file: string): { unitId?: string; applicants: unknown[] } {
  if (path.extname(file).toLowerCase() === '.csv') return { applicants: parseCsv(readText(file)) };
  const content = readJson(file);
  if (Array.isArray(content)) return { applicants: content };
  if (isRecord(content) && Array.isArray(content.applicants)) {
    return {
      applicants: content.applicants,
      ...(typeof content.unitId === 'string' ? { unitId: content.unitId } : {}),
    };
  }
  throw new UsageError(
    t('{file}: expected an array of applicants or {"unitId", "applicants": [...]}', { file }),
  );
}
