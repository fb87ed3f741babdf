// The applicant as a unit submits them. This is the personal data sscard protects: it lives in MongoDB (the
// card management system of record) and reaches Temporal only encrypted.
import { z } from 'zod';
import { residentIdSchema } from './resident-id';

export const applicantSchema = z.object({
  residentId: residentIdSchema,
  // Han names (with the middle dot of many minority names) or Latin letters for romanized names.
  name: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{Script=Han}·A-Za-z ]+$/u, 'a name in Chinese characters (or Latin letters)'),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number')
    .optional(),
  /** Ethnicity code of GB 3304 (01-56). */
  ethnicity: z
    .string()
    .regex(/^(0[1-9]|[1-4]\d|5[0-6])$/, 'an ethnicity code 01-56')
    .optional(),
  /** Reference to the photo taken by the photo capture service; printing needs it. */
  photoId: z.string().trim().min(1).max(64).optional(),
  address: z.string().trim().max(200).optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;
