// The applicant as a unit submits them. This is the personal data sscard protects: it lives in MongoDB (the
// card management system of record) and reaches Temporal only encrypted.
import { z } from 'zod';
import { residentIdSchema } from './resident-id';

// Han names (with the middle dot of many minority names) or Latin letters for romanized names.
const nameSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{Script=Han}·A-Za-z ]+$/u, 'a name in Chinese characters (or Latin letters)');
const phoneSchema = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, 'an 11-digit mainland mobile number');

/** Who a guardian is to the minor they apply for (民法典 arts. 27-28: parents, then others the law names). */
export const GUARDIAN_RELATIONS = [
  'father',
  'mother',
  'grandparent',
  'sibling',
  'other_relative',
  'other_legal_guardian',
] as const;
export const guardianRelationSchema = z.enum(GUARDIAN_RELATIONS);
export type GuardianRelation = z.infer<typeof guardianRelationSchema>;

/**
 * The guardian who applies for a minor (domain/minors.ts says when one is needed): their own resident ID, kept as
 * the applicant's is; the phone the minor's notices go to; the household register (户口簿) that shows the relation.
 */
export const guardianSchema = z.object({
  residentId: residentIdSchema,
  name: nameSchema,
  phone: phoneSchema,
  relation: guardianRelationSchema,
  /** The household register's number (户号) or the reference the clerk saw it under. */
  householdRegister: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z-]{4,40}$/, "the household register's number: 4 to 40 letters, digits or -"),
});
export type Guardian = z.infer<typeof guardianSchema>;

export const applicantSchema = z.object({
  residentId: residentIdSchema,
  name: nameSchema,
  phone: phoneSchema.optional(),
  /** Ethnicity code of GB 3304 (01-56). */
  ethnicity: z
    .string()
    .regex(/^(0[1-9]|[1-4]\d|5[0-6])$/, 'an ethnicity code 01-56')
    .optional(),
  /** Reference to the photo taken by the photo capture service; printing needs it. */
  photoId: z.string().trim().min(1).max(64).optional(),
  address: z.string().trim().max(200).optional(),
  /** A minor's guardian (required under the region's guardian age, refused for an adult). */
  guardian: guardianSchema.optional(),
});
export type Applicant = z.infer<typeof applicantSchema>;

/**
 * An applicant from a batch's row, whose values are single (a spreadsheet's columns): the guardian comes in columns
 * of its own, `guardianResidentId`, `guardianName`, `guardianPhone`, `guardianRelation`, `guardianHouseholdRegister`.
 */
export function applicantOfRow(row: Record<string, unknown>): Record<string, unknown> {
  const isGuardian = (column: string) => /^guardian[A-Z]/.test(column);
  const guardian = Object.entries(row).filter(([column]) => isGuardian(column));
  if (guardian.length === 0) return row;
  return {
    ...Object.fromEntries(Object.entries(row).filter(([column]) => !isGuardian(column))),
    guardian: Object.fromEntries(
      guardian.map(([column, value]) => [`${column[8]!.toLowerCase()}${column.slice(9)}`, value]),
    ),
  };
}
