// Namespaces on a self-hosted cluster. Unlike the dev server, a cluster starts with no `default` namespace, and
// its services learn of a new namespace, or of search attributes added to one, only when their namespace caches
// refresh (every 2 s in server 1.29): creating is not yet being able to use, so both are waited for here.
import { type Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';

const GRPC_ALREADY_EXISTS = 6;
/** system.namespaceCacheRefreshInterval of server 1.29, which the cluster's config leaves at its default. */
const NAMESPACE_CACHE_REFRESH_MS = 2_000;

async function until(what: string, attempt: () => Promise<unknown>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Registers the namespace unless it exists, and returns once the frontend serves it. */
export async function ensureNamespace(
  connection: Connection,
  namespace: string,
  retentionDays: number,
): Promise<void> {
  try {
    await connection.workflowService.registerNamespace({
      namespace,
      workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000),
    });
  } catch (error) {
    if (!(isGrpcServiceError(error) && Number(error.code) === GRPC_ALREADY_EXISTS)) throw error;
  }
  await until(`namespace ${namespace} did not become usable`, () =>
    connection.workflowService.countWorkflowExecutions({ namespace }),
  );
}

/**
 * Returns once workflows can set the namespace's newly added search attributes: the frontend accepts a query on
 * one of them (all were added in one namespace update), and the other services have had a cache refresh since.
 */
export async function waitForSearchAttributes(
  connection: Connection,
  namespace: string,
  oneOfThem: string,
): Promise<void> {
  await until(`search attribute ${oneOfThem} did not become usable in ${namespace}`, () =>
    connection.workflowService.countWorkflowExecutions({ namespace, query: `${oneOfThem} IS NOT NULL` }),
  );
  await new Promise((resolve) => setTimeout(resolve, NAMESPACE_CACHE_REFRESH_MS + 500));
}
