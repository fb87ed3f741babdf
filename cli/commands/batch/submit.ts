// sscard batch submit: a unit's file of applicants, its photos uploaded first, with a progress bar while the file
// uploads and the API stages its rows; then what was taken in and what was left out.
import { type Command, str } from '../../command';
import { isRecord } from '../../files';
import { t } from '../../i18n';
import { bar, LiveBlock } from '../../ui/progress';
import { padDisplay } from '../../ui/table';
import { applyingUnit } from '../account';
import { readBatchFile } from './file';
import { attachPhotos } from './photos';
import { problemsText, type RowProblem } from './shared';

interface Receipt {
  batchId: string;
  total: number;
  staged: number;
  invalid: { rowNo: number; code: string; message?: string; problems?: RowProblem[] }[];
  duplicates: { rowNo: number; duplicateOf?: number }[] | number;
}

/** A one-line progress display on stderr; off a terminal it prints only every quarter. */
function uploadProgress(json: boolean) {
  const live = new LiveBlock(process.stderr);
  let lastQuarter = -1;
  const show = (text: string, ratio: number) => {
    if (json && !live.interactive) return;
    const quarter = Math.floor(ratio * 4);
    if (!live.interactive && quarter === lastQuarter) return;
    lastQuarter = quarter;
    live.render(text);
  };
  return {
    upload: (sent: number, total: number) =>
      show(
        `${padDisplay(t('uploading'), 9)} ${bar(sent, total)}  ${Math.round(sent / 1024)}/${Math.round(total / 1024)} KiB`,
        sent / total,
      ),
    staging: () =>
      show(
        `${padDisplay(t('staging'), 9)} ${bar(1, 1)}  ${t('uploaded; the server is checking and staging the rows…')}`,
        1.01,
      ),
  };
}

/** The rows taken in without a photo: the audit stops each of them for an operator (PHOTO_MISSING). */
function rowsWithoutPhoto(applicants: unknown[], receipt: Receipt): number {
  const left = new Set([
    ...receipt.invalid.map((r) => r.rowNo),
    ...(Array.isArray(receipt.duplicates) ? receipt.duplicates.map((r) => r.rowNo) : []),
  ]);
  return applicants.filter(
    (row, i) =>
      !left.has(i + 1) && !(isRecord(row) && typeof row.photoId === 'string' && row.photoId.trim() !== ''),
  ).length;
}

export const submitCommand: Command = {
  name: 'batch submit',
  args: ['<file.json|file.csv>'],
  summary: "Submit a unit's batch of applicants (30 working days).",
  details:
    'JSON: an array of applicants or {"unitId","applicants":[...]}.\n' +
    'CSV: a header line naming the fields, one applicant per line:\n' +
    '  residentId,name,phone,ethnicity,photoId,address\n' +
    'Invalid rows are listed and left out; the valid ones go ahead.\n' +
    'With --photos, a folder or .zip of JPEGs named by row (1.jpg is the first applicant) or by resident ID number.\n' +
    'Each photo is checked and kept first, and its row takes its photo ID.\n' +
    'A photo that misses the specification is listed with its reasons; its row goes without it.\n' +
    "A row without a photo stops at the audit (PHOTO_MISSING) and waits for an operator's review.",
  options: {
    unit: {
      type: 'string',
      value: 'UNIT',
      description: "the insured unit (its code); a clerk's own by default",
    },
    photos: {
      type: 'string',
      value: 'DIR|ZIP',
      description: 'the applicants’ photos, named by row or resident ID number',
    },
  },
  async run(ctx, parsed) {
    const file = readBatchFile(parsed.positionals[0]!);
    const unitId = await applyingUnit(ctx, str(parsed, 'unit') ?? file.unitId);
    const photos = str(parsed, 'photos');
    if (photos) await attachPhotos(ctx, unitId, file.applicants, photos);
    const progress = uploadProgress(ctx.out.json);
    const receipt = await ctx.api.request<Receipt>('POST', '/v1/batches', {
      body: { unitId, applicants: file.applicants },
      idempotent: true,
      onUpload: (sent, total) => (sent < total ? progress.upload(sent, total) : progress.staging()),
    });
    ctx.out.data(receipt);
    const duplicates = Array.isArray(receipt.duplicates) ? receipt.duplicates.length : receipt.duplicates;
    ctx.out.text(
      t('batch {id}: {staged} of {total} staged, {invalid} invalid, {duplicates} duplicates', {
        id: receipt.batchId,
        staged: receipt.staged,
        total: receipt.total,
        invalid: receipt.invalid.length,
        duplicates,
      }),
    );
    const withoutPhoto = rowsWithoutPhoto(file.applicants, receipt);
    if (withoutPhoto > 0)
      ctx.out.text(
        t(
          withoutPhoto === 1
            ? "1 row has no photo and will wait for an operator's review (PHOTO_MISSING); {how}"
            : "{n} rows have no photo and will wait for an operator's review (PHOTO_MISSING); {how}",
          {
            n: withoutPhoto,
            how: t('give photos with --photos DIR|ZIP (JPEG files named by row or resident ID number)'),
          },
        ),
      );
    if (receipt.invalid.length) {
      ctx.out.text(`\n${t('invalid rows (left out; correct them and submit them again):')}`);
      ctx.out.table(
        [t('Row'), t('Code'), t('Problem')],
        receipt.invalid.map((r) => [r.rowNo, r.code, r.message || problemsText(r.problems)]),
      );
    }
    ctx.out.text(`\n${t('follow it with: sscard batch follow {id}', { id: receipt.batchId })}`);
  },
};
