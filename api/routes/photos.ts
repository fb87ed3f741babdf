// Applicants' photos: a unit uploads one (checked against the card photo specification), the center's operators
// see it, and the manufacturer fetches it by the signed link of its print order.
import { z } from 'zod';
import { ACTIONS } from '../../domain/permissions';
import { photoIdSchema, photoUploadSchema } from '../../domain/photos';
import type { ApiDeps } from '../deps';
import type { Route } from '../router';
import { storedPhotoSchema } from '../schemas';
import { ok } from './shared';

const jpeg = (photo: Buffer) => ({
  status: 200,
  text: photo,
  // A person's photo: never cached on the way, never shown inside another page.
  headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': 'no-store, private' },
});

export function photoRoutes({ client }: ApiDeps): Route[] {
  return [
    {
      method: 'POST',
      path: '/v1/photos',
      operationId: 'uploadPhoto',
      summary: 'Upload an applicant’s photo (JPEG, base64) for an application’s photoId',
      description:
        'Checked against the card photo specification of the unit’s region (the national form: 358×441 pixels, ' +
        '24-bit colour, 9 to 20 KB; a policy row’s photoSpec sets another). Every way it misses is listed in ' +
        'details.problems with a code. Kept encrypted; only an application for the same person can use it.',
      tag: 'photos',
      access: 'bearer',
      roles: ACTIONS.submit,
      idempotency: 'optional',
      body: photoUploadSchema,
      success: {
        status: 201,
        description: 'Kept: its photoId goes into the applicant',
        schema: storedPhotoSchema,
      },
      errors: [
        'VALIDATION_FAILED',
        'PHOTO_UNREADABLE',
        'PHOTO_NOT_TO_SPEC',
        'UNIT_UNKNOWN',
        'NOT_YOUR_UNIT',
        'ROLE_NOT_ALLOWED',
      ],
      handle: async ({ body, actor }) => ok(await client.photos.upload(body, actor), 201),
    },
    {
      method: 'GET',
      path: '/v1/photos/:id',
      operationId: 'getPhoto',
      summary: 'An applicant’s photo, for the center’s operators and supervisors (image/jpeg)',
      tag: 'photos',
      access: 'bearer',
      roles: ACTIONS.see_photos,
      params: z.object({ id: photoIdSchema }),
      success: { status: 200, description: 'The JPEG' },
      errors: ['VALIDATION_FAILED', 'PHOTO_NOT_FOUND', 'ROLE_NOT_ALLOWED'],
      handle: async ({ params, actor }) => jpeg(await client.photos.read(params.id!, actor)),
    },
    {
      method: 'GET',
      path: '/v1/partners/manufacturer/photos/:link',
      operationId: 'getPrintPhoto',
      summary: 'A print order’s photo, by the signed link in the order (image/jpeg); the link works 72 hours',
      tag: 'partners',
      access: 'public',
      params: z.object({ link: z.string().max(200) }),
      success: { status: 200, description: 'The JPEG' },
      errors: ['PHOTO_LINK_INVALID'],
      handle: async ({ params }) => jpeg(await client.photos.readForManufacturer(params.link!)),
    },
  ];
}
