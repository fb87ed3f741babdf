// A batch's photos, uploaded before its file: each row found in the set takes its photo's ID.
import type { Context } from '../../command';
import { isRecord } from '../../files';
import { ApiError } from '../../http';
import { t } from '../../i18n';
import { photoOf, readPhotoSet } from '../../photo-set';
import { bar, LiveBlock } from '../../ui/progress';
import { padDisplay } from '../../ui/table';
import { uploadPhoto } from '../photos';

/**
 * Uploads the photo of each applicant that has one in the set (with a progress bar) and puts its photo ID on the
 * row. Photos the API refuses, rows without a photo and photos no row claims are listed; nothing is left out.
 */
export async function attachPhotos(
  ctx: Context,
  unitId: string,
  applicants: unknown[],
  source: string,
): Promise<void> {
  const set = readPhotoSet(source);
  const live = new LiveBlock(process.stderr);
  const claimed = new Set<string>();
  const refused: [number, string, string][] = [];
  let kept = 0;
  for (const [i, row] of applicants.entries()) {
    const found = isRecord(row) ? photoOf(set, i + 1, row.residentId) : undefined;
    if (isRecord(row) && found) {
      claimed.add(found.name);
      try {
        row.photoId = (await uploadPhoto(ctx, unitId, String(row.residentId), found.bytes)).photoId;
        kept += 1;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status >= 500) throw error;
        refused.push([i + 1, error.code, `${found.name}.jpg: ${error.message}`]);
      }
    }
    // Every row on a terminal; elsewhere (a log) each tenth, and never into --json's output.
    const tenth = (i + 1) % Math.ceil(applicants.length / 10) === 0 || i + 1 === applicants.length;
    if (live.interactive || (tenth && !ctx.out.json))
      live.render(
        `${padDisplay(t('photos'), 9)} ${bar(i + 1, applicants.length)}  ` +
          t('{done}/{total} rows', { done: i + 1, total: applicants.length }),
      );
  }
  const without = applicants.length - claimed.size;
  const unclaimed = [...set.keys()].filter((name) => !claimed.has(name));
  ctx.out.text(
    t('photos: {kept} kept, {refused} refused, {without} rows without one', {
      kept,
      refused: refused.length,
      without,
    }) +
      (unclaimed.length
        ? t(', {n} named for no row ({names})', {
            n: unclaimed.length,
            names: unclaimed.slice(0, 5).join(', '),
          })
        : ''),
  );
  if (refused.length) {
    ctx.out.text(t('photos refused (the rows go without; send a better photo when the audit asks for one):'));
    ctx.out.table([t('Row'), t('Code'), t('Problem')], refused);
  }
}
