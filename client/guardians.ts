// A minor's guardian as the client library shows them: who they are to the holder, and when the card was handed
// over to the holder at coming of age (store/guardianships.ts); never who the guardian is.
import type { Applicant } from '../domain/applicant';
import type { GuardianView } from '../domain/status';
import type { GuardianshipStore } from '../store/ports/guardianships';

export async function guardianView(
  stores: { guardianships: Pick<GuardianshipStore, 'get'> },
  personKey: string,
  applicant: Applicant,
): Promise<GuardianView | undefined> {
  if (!applicant.guardian) return undefined;
  const handedOverAt = (await stores.guardianships.get(personKey))?.handedOverAt;
  return {
    relation: applicant.guardian.relation,
    ...(handedOverAt ? { handedOverAt: handedOverAt.toISOString() } : {}),
  };
}
