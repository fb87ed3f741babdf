// Applicants' photos: a unit uploads the JPEG of a person before (or while) it applies; the photo ID it gets goes
// into the applicant's "photoId".
import type { StoredPhoto } from '../../client/photos';
import { type Command, requireOption, str } from '../command';
import { readBytes } from '../files';
import { applyingUnit } from './account';

export const photoCommands: Command[] = [
  {
    name: 'photo upload',
    args: ['<file.jpg>'],
    summary: "Upload an applicant's photo; prints the photo ID for the applicant's photoId.",
    details:
      'The photo is checked against the card photo specification of the unit’s region (nationally 358×441\n' +
      'pixels, 24-bit colour, 9 to 20 KB); every way it misses is listed. Example:\n' +
      '  sscard --as clerk photo upload 110101199003074477.jpg --rid 110101199003074477',
    options: {
      rid: { type: 'string', value: 'RID', description: 'whose photo it is (resident ID number)' },
      unit: { type: 'string', value: 'UNIT', description: "the applying unit (a clerk's own by default)" },
    },
    async run(ctx, parsed) {
      const file = readBytes(parsed.positionals[0]!);
      const unitId = await applyingUnit(ctx, str(parsed, 'unit'));
      const stored = await ctx.api.request<StoredPhoto>('POST', '/v1/photos', {
        body: { unitId, residentId: requireOption(parsed, 'rid'), jpegBase64: file.toString('base64') },
        idempotent: true,
      });
      ctx.out.data(stored);
      ctx.out.text(
        `photo ${stored.photoId} kept (${stored.width}×${stored.height}, ${(stored.bytes / 1024).toFixed(1)} KB)`,
      );
    },
  },
];
