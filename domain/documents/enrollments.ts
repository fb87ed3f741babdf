// The official enrollment record the audit produces (store/enrollments.ts keeps it).
import type { Actor } from '../actors';
import type { Applicant } from '../applicant';
import type { ReturnReason } from '../application';

export interface EnrollmentDoc {
  _id: string; // application ID
  personKey: string;
  unitId: string;
  revision: number;
  applicant: Applicant;
  flags: ReturnReason[];
  status: 'audited' | 'official';
  auditedAt: Date;
  approvedBy?: Actor;
  approvedAt?: Date;
}
