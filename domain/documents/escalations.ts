// An escalation to supervisors and operators (store/escalations.ts keeps them).

export interface EscalationDoc {
  _id: string;
  applicationId?: string;
  batchId?: string;
  kind: string;
  occurrence: number;
  stage?: string;
  dueAt?: Date;
  raisedAt: Date;
  /** For batch escalations: the applications holding the batch back. */
  laggards?: string[];
}
