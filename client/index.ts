// The one client library: everything the HTTP API, the command line and the console do goes through here.
import { Client, type ClientInterceptors, Connection } from '@temporalio/client';
import { dataConverterFor } from '../crypto/data-converter';
import { createAdminClient } from './admin';
import { createApplicationClient, type ClientDeps } from './applications';
import { createBatchClient } from './batches';
import { createCardLifeClient } from './card-life';
import { createHandOverClient } from './hand-over';
import { createListClient } from './lists';
import { createDeliveries } from './deliveries';
import { createOnlineClient } from './online';
import { createPayments } from './payments';
import { createPhotoClient } from './photos';
import { createTrackingClient } from './tracking';
import type { TemporalTarget } from '../config';
import type { CardLifeStatus } from '../domain/card-life';
import type { ApplicationStatus } from '../domain/status';
import type { Act } from './updates';

export function createSscardClient(deps: ClientDeps) {
  const applications = createApplicationClient(deps);
  const photos = createPhotoClient(deps);
  const cards = createCardLifeClient(deps, applications);
  /** An action people take (domain/actions) on its target. */
  const act: Act<ApplicationStatus | CardLifeStatus> = (action, id, body, actor, options) =>
    action.target === 'card'
      ? cards.act(action, id, body, actor, options)
      : applications.act(action, id, body, actor, options);
  return {
    act,

    applications,
    batches: createBatchClient(deps, applications),
    cards,
    handOver: createHandOverClient(deps),
    lists: createListClient(deps),
    admin: createAdminClient(deps),
    tracking: createTrackingClient(deps),
    photos,
    online: createOnlineClient(deps, applications, photos),
    deliveries: createDeliveries(deps),
    payments: createPayments(deps),
  };
}
export type SscardClient = ReturnType<typeof createSscardClient>;

/** A Temporal client with sscard's data converter (payloads encrypted with the keyring's active key). */
export async function connectTemporal(options: {
  target: TemporalTarget;
  keyring: ClientDeps['keyring'];
  /** Tracing's client interceptors, when it is on (observability/tracing.ts). */
  interceptors?: ClientInterceptors;
}): Promise<Client> {
  const { connectionOptions, namespace } = options.target;
  const connection = await Connection.connect(connectionOptions);
  return new Client({
    connection,
    namespace,
    dataConverter: dataConverterFor(options.keyring),
    ...(options.interceptors ? { interceptors: options.interceptors } : {}),
  });
}

export type { ClientDeps };
