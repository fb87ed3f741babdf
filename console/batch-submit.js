// Submitting a unit's batch from the console: the applicants as a JSON array or a CSV file with a header line, and
// their photos (JPEG files, or ZIP archives of them, named by row, 1.jpg for the first applicant, or by resident ID
// number; ZIP archives are read with fflate, the library the command line uses, loaded when one is chosen). Each photo is
// checked and kept first (POST /v1/photos) and its row takes the photo ID; a refused photo is listed with its code
// and its row goes without it, which the audit then asks the unit for. Then the batch goes in (POST /v1/batches).
import { ApiError, api, attempt, session } from './api.js';
import { $, fill, h, showError } from './dom.js';
import { label, t } from './i18n.js';
import { showBatch } from './batches.js';
import { base64Of } from './public.js';

/** A CSV file with a header line (RFC 4180 quoting), as objects keyed by the header; empty cells left out. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const endCell = () => {
    row.push(cell.trim());
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ',') {
      endCell();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += c;
    }
  }
  endCell();
  rows.push(row);
  const [header, ...data] = rows.filter((r) => r.some((v) => v !== ''));
  if (!header) throw new Error(t('The CSV file is empty: it needs a header line (residentId,name,...).'));
  return data.map((r) => Object.fromEntries(header.flatMap((key, i) => (key && r[i] ? [[key, r[i]]] : []))));
}

function applicantsOf(name, text) {
  const content = text.replace(/^\uFEFF/, '');
  if (/\.csv$/i.test(name)) return parseCsv(content);
  const parsed = JSON.parse(content);
  const applicants = Array.isArray(parsed) ? parsed : parsed && parsed.applicants;
  if (!Array.isArray(applicants))
    throw new Error(t('Expected an array of applicants, or {"applicants": [...]}.'));
  return applicants;
}

const JPEG = /\.jpe?g$/i;

/** The chosen photos by name (no extension, upper case): JPEG files, and those inside ZIP archives. */
async function photoSet(files) {
  const photos = new Map();
  const add = (file) => {
    const key = file.name.replace(JPEG, '').toUpperCase();
    if (photos.has(key)) throw new Error(t('Two photos are named {name}.', { name: key }));
    photos.set(key, file);
  };
  for (const file of files) {
    if (!/\.zip$/i.test(file.name)) {
      if (JPEG.test(file.name)) add(file);
      continue;
    }
    const { unzipSync } = await import('./vendor/fflate.js');
    let entries;
    try {
      entries = unzipSync(new Uint8Array(await file.arrayBuffer()), {
        // Folders' own photos only; macOS's resource forks are no photos.
        filter: (entry) => JPEG.test(entry.name) && !entry.name.startsWith('__MACOSX/'),
      });
    } catch (error) {
      throw new Error(
        t('{name} is not a ZIP archive that can be read: {reason}', {
          name: file.name,
          reason: error.message,
        }),
      );
    }
    for (const [name, bytes] of Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)))
      add(new File([bytes], name.split('/').pop(), { type: 'image/jpeg' }));
  }
  return photos;
}

const table = (name, headings, rows) =>
  h(
    'table',
    { 'aria-label': name },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        headings.map((text) => h('th', {}, t(text))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((cells) =>
        h(
          'tr',
          {},
          cells.map((c) => h('td', {}, String(c))),
        ),
      ),
    ),
  );

export function prepareBatchForm() {
  if (session.actor && session.actor.unitId) $('batch-unit').value = session.actor.unitId;
}

export async function submitBatch() {
  const unitId = $('batch-unit').value.trim();
  const file = $('batch-file').files[0];
  if (!file) return;
  let applicants;
  try {
    applicants = applicantsOf(file.name, await file.text());
  } catch (error) {
    showError(new ApiError(0, 'VALIDATION_FAILED', `${file.name}: ${error.message}`));
    return;
  }
  let photos;
  try {
    photos = await photoSet([...$('batch-photos').files]);
  } catch (error) {
    showError(new ApiError(0, 'VALIDATION_FAILED', error.message));
    return;
  }
  const result = $('batch-submit-result');
  const progress = h('progress', { max: applicants.length, value: 0, 'aria-label': t('Photos') });
  fill(result, progress);
  const refused = [];
  let kept = 0;
  for (const [i, row] of applicants.entries()) {
    const rid = row && typeof row.residentId === 'string' ? row.residentId : '';
    const photo = photos.get(String(i + 1)) || (rid && photos.get(rid.toUpperCase()));
    if (photo) {
      try {
        const stored = await api('POST', '/v1/photos', {
          unitId,
          residentId: rid,
          jpegBase64: await base64Of(photo),
        });
        row.photoId = stored.photoId;
        kept += 1;
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500)
          return showError(error);
        refused.push([i + 1, error.code, `${photo.name}: ${error.message}`]);
      }
    }
    progress.value = i + 1;
  }
  const receipt = await attempt(() => api('POST', '/v1/batches', { unitId, applicants }));
  if (!receipt) return;
  fill(
    result,
    h(
      'p',
      { role: 'status' },
      t('Batch {id}: {staged} of {total} staged, {invalid} invalid; photos: {kept} kept, {refused} refused', {
        id: receipt.batchId,
        staged: receipt.staged,
        total: receipt.total,
        invalid: receipt.invalid.length,
        kept,
        refused: refused.length,
      }),
    ),
    refused.length > 0 && table(t('Photos refused'), ['Row', 'Code', 'Problem'], refused),
    receipt.invalid.length > 0 &&
      table(
        t('Invalid rows'),
        ['Row', 'Code', 'Problem'],
        receipt.invalid.map((r) => [
          r.rowNo,
          label(r.code),
          r.message || (r.problems || []).map((p) => p.message).join('; '),
        ]),
      ),
  );
  $('batch-id').value = receipt.batchId;
  void followNewBatch(receipt.batchId);
}

/**
 * A new batch's progress answers once its workflow ran its first task, a moment later (longer on a busy server):
 * asked again for half a minute, then shown (or what refused it).
 */
async function followNewBatch(id) {
  for (let tries = 0; tries < 20; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    try {
      await api('GET', `/v1/batches/${encodeURIComponent(id)}`);
      break;
    } catch {
      // Not answering yet.
    }
  }
  await showBatch(id);
}
