// The applicant's photo for the card: a JPEG checked against the card photo specification, which is policy data
// by region (the national form is 358×441 pixels, 24-bit colour, 9 to 20 KB; some localities set the file size
// differently). Each way a photo misses the specification has a code a clerk can act on.
import { z } from 'zod';
import { unitIdSchema } from './actor-schemas';
import { residentIdSchema } from './resident-id';

export const photoSpecSchema = z
  .object({
    width: z.number().int().min(100).max(2000),
    height: z.number().int().min(100).max(2000),
    minKB: z.number().int().min(1).max(500),
    maxKB: z.number().int().min(1).max(500),
  })
  .refine((s) => s.minKB < s.maxKB, { message: 'minKB must be below maxKB', path: ['maxKB'] });
export type PhotoSpec = z.infer<typeof photoSpecSchema>;

/** The common national form of the card photo. */
export const NATIONAL_PHOTO_SPEC: PhotoSpec = { width: 358, height: 441, minKB: 9, maxKB: 20 };

/** Photo IDs sscard gives out (a photo capture service's own references look different). */
export const photoIdSchema = z.string().regex(/^P[0-9a-f]{24}$/, 'a photo ID, as P…');
export const isStoredPhotoId = (id: string | undefined): id is string =>
  id !== undefined && photoIdSchema.safeParse(id).success;

/** Largest upload: a 500 KB JPEG in base64 (a file that large is refused for its size, with a reason). */
const MAX_BASE64 = Math.ceil((500 * 1024 * 4) / 3) + 4;

export const photoUploadSchema = z.object({
  unitId: unitIdSchema,
  /** Whose photo it is: an application of another person cannot use it. */
  residentId: residentIdSchema,
  jpegBase64: z
    .string()
    .min(1)
    .max(MAX_BASE64)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});

export const PHOTO_PROBLEMS = {
  PHOTO_NOT_JPEG: 'not a JPEG file',
  PHOTO_DIMENSIONS: 'not the specified size in pixels',
  PHOTO_NOT_COLOUR: 'not 24-bit colour (3 channels of 8 bits)',
  PHOTO_FILE_TOO_SMALL: 'a smaller file than the specification allows (too compressed)',
  PHOTO_FILE_TOO_LARGE: 'a larger file than the specification allows',
} as const;
export type PhotoProblem = keyof typeof PHOTO_PROBLEMS;

export interface PhotoFacts {
  format: string;
  width: number;
  height: number;
  channels: number;
  bitsPerChannel: number;
  bytes: number;
}

/** Every way the photo misses the specification, with what the clerk sees. */
export function photoProblems(facts: PhotoFacts, spec: PhotoSpec): { code: PhotoProblem; message: string }[] {
  const problems: { code: PhotoProblem; message: string }[] = [];
  const say = (code: PhotoProblem, detail: string) =>
    problems.push({ code, message: `${PHOTO_PROBLEMS[code]}: ${detail}` });
  if (facts.format !== 'jpeg') say('PHOTO_NOT_JPEG', `the file is ${facts.format}`);
  if (facts.width !== spec.width || facts.height !== spec.height)
    say(
      'PHOTO_DIMENSIONS',
      `${spec.width}×${spec.height} wanted, the photo is ${facts.width}×${facts.height}`,
    );
  if (facts.channels !== 3 || facts.bitsPerChannel !== 8)
    say('PHOTO_NOT_COLOUR', `${facts.channels} channel(s) of ${facts.bitsPerChannel} bits`);
  const kb = Math.round((facts.bytes / 1024) * 10) / 10;
  if (facts.bytes < spec.minKB * 1024)
    say('PHOTO_FILE_TOO_SMALL', `${kb} KB, at least ${spec.minKB} KB wanted`);
  if (facts.bytes > spec.maxKB * 1024)
    say('PHOTO_FILE_TOO_LARGE', `${kb} KB, at most ${spec.maxKB} KB wanted`);
  return problems;
}
