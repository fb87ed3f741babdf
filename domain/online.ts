// Applying online with delivery to the door (线上申领 + 邮寄): the person applies for themselves, proving who they are
// by a one-time code sent to the phone the population registry holds; the photo comes from the ID-card record
// another agency shares, or is uploaded with the application and reviewed; the card goes out by courier and is
// handed over for the code of an SMS. The delivery address is personal data: sealed at rest, never in a workflow.
import { z } from 'zod';
import { applicantSchema } from './applicant';
import { isKnownRegion } from './regions';
import { residentIdSchema } from './resident-id';
import { unitIdSchema } from './actor-schemas';
import { counterIdSchema } from './counters';

export const deliveryAddressSchema = z.object({
  region: z
    .string()
    .regex(/^\d{6}$/, 'the 6-digit region code of the district')
    .refine(isKnownRegion, 'a region code of a province (GB/T 2260)'),
  line: z.string().trim().min(4, 'street, building and flat').max(120),
  recipientName: applicantSchema.shape.name,
  recipientPhone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number'),
});

/** Step one: a code to the phone on record. */
export const onlineCodeRequestSchema = z.object({ residentId: residentIdSchema });

/** Step two: the application, with the code, the address and, where the agency shares no photo, the photo. */
export const onlineApplicationSchema = z.object({
  residentId: residentIdSchema,
  code: z.string().regex(/^\d{6}$/, 'the 6-digit code of the SMS'),
  address: deliveryAddressSchema,
  /** A JPEG to check against the card photo specification; needed only where no agency photo can be used. */
  photoJpegBase64: z
    .string()
    .min(1)
    .max(2_800_000)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')
    .optional(),
});
export type OnlineApplication = z.infer<typeof onlineApplicationSchema>;

/** How a region runs the online lane: whose books the applications are in, and where parcels go back to. */
export const onlineTermsSchema = z.object({
  /** The center's online desk, registered as a unit: it sees these applications and their notices. */
  unitId: unitIdSchema,
  /** The service point a parcel returns to after three failed attempts or a refusal. */
  returnCounterId: counterIdSchema,
  /** Days a delivery code holds from dispatch. */
  codeValidDays: z.number().int().min(1).max(60).default(14),
});
export type OnlineTerms = z.infer<typeof onlineTermsSchema>;

/** The delivery code of an SMS, as the courier reports it from the door. */
export const DELIVERY_CODE = { digits: 6 } as const;
