// Escalations: recorded in MongoDB (the supervisors' list) and sent to the supervisors' inbox, once per key.
import type { Actor } from '../domain/actors';
import type { Notifier } from '../integrations/ports';
import type { EscalationPort } from '../store/ports/activities';
import { callPartner } from './failures';
import { STAFF_INBOX } from './notification';

export interface EscalationRequest {
  applicationId?: string;
  batchId?: string;
  kind: string;
  occurrence: number;
  dueAt?: string;
  stage?: string;
  actor: Actor;
  at: string;
  /** Applications holding a batch back. */
  laggards?: string[];
}

/** An escalation's key: it is recorded and sent once per subject, kind and occurrence. */
export const escalationKey = (
  request: Pick<EscalationRequest, 'applicationId' | 'batchId' | 'kind' | 'occurrence'>,
) => `${request.applicationId ?? request.batchId ?? 'center'}:${request.kind}:${request.occurrence}`;

/** Records an escalation and tells the supervisors, once per key (also for activities that escalate themselves). */
export async function raiseEscalation(
  { stores, notifier }: { stores: EscalationPort; notifier: Notifier },
  request: EscalationRequest,
): Promise<void> {
  const subject = request.applicationId ?? request.batchId ?? 'center';
  const key = escalationKey(request);
  await stores.escalations.raise({
    _id: key,
    ...(request.applicationId ? { applicationId: request.applicationId } : {}),
    ...(request.batchId ? { batchId: request.batchId } : {}),
    kind: request.kind,
    occurrence: request.occurrence,
    ...(request.stage ? { stage: request.stage } : {}),
    ...(request.dueAt ? { dueAt: new Date(request.dueAt) } : {}),
    ...(request.laggards ? { laggards: request.laggards } : {}),
    raisedAt: new Date(request.at),
  });
  await callPartner(() =>
    notifier.send({
      key,
      channel: 'portal',
      to: STAFF_INBOX.supervisors,
      template: request.kind,
      params: { subject, ...(request.dueAt ? { dueAt: request.dueAt } : {}) },
    }),
  );
}

export function createEscalationActivities(deps: { stores: EscalationPort; notifier: Notifier }) {
  return {
    escalate: (request: EscalationRequest): Promise<void> => raiseEscalation(deps, request),
  };
}
