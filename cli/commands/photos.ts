// Applicants' photos: a unit uploads the JPEG of a person before (or while) it applies; the photo ID it gets goes
// into the applicant's "photoId".
import type { StoredPhoto } from '../../client/photos';
import { type Command, type Context, requireOption, str } from '../command';
import { readBytes } from '../files';
import { t } from '../i18n';
import { applyingUnit } from './account';

/** Checks and keeps a photo for the unit's applicant; refused with the ways it misses the specification. */
export function uploadPhoto(
  ctx: Context,
  unitId: string,
  residentId: string,
  jpeg: Buffer,
): Promise<StoredPhoto> {
  return ctx.api.request<StoredPhoto>('POST', '/v1/photos', {
    body: { unitId, residentId, jpegBase64: jpeg.toString('base64') },
    idempotent: true,
  });
}

/** 'photo P1a2b3 kept (358×441, 14.0 KB)' */
export const photoKept = (stored: StoredPhoto): string =>
  t('photo {id} kept ({width}×{height}, {kb} KB)', {
    id: stored.photoId,
    width: stored.width,
    height: stored.height,
    kb: (stored.bytes / 1024).toFixed(1),
  });

export const photoCommands: Command[] = [
  {
    name: 'photo upload',
    args: ['<file.jpg>'],
    summary: "Upload an applicant's photo; prints the photo ID for the applicant's photoId.",
    details:
      'The photo is checked against the card photo specification of the unit’s region.\n' +
      'Nationally: 358×441 pixels, 24-bit colour, 9 to 20 KB. Every way it misses is listed. Example:\n' +
      '  sscard --as clerk photo upload 110101199003074477.jpg --rid 110101199003074477',
    options: {
      rid: { type: 'string', value: 'RID', description: 'whose photo it is (resident ID number)' },
      unit: { type: 'string', value: 'UNIT', description: "the applying unit (a clerk's own by default)" },
    },
    async run(ctx, parsed) {
      const file = readBytes(parsed.positionals[0]!);
      const unitId = await applyingUnit(ctx, str(parsed, 'unit'));
      const stored = await uploadPhoto(ctx, unitId, requireOption(parsed, 'rid'), file);
      ctx.out.data(stored);
      ctx.out.text(photoKept(stored));
    },
  },
];
