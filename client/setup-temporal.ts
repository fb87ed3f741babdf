// Prepares a Temporal namespace for sscard on a cluster: registers the custom search attributes its workflows set
// and sets how long closed workflows stay (their records stay in MongoDB for good). The dev server of `npm start`
// gets the attributes at its start; a self-hosted cluster gets them here, once, from an operator's machine.
import { type Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
const GRPC_PERMISSION_DENIED = 7;
const GRPC_UNIMPLEMENTED = 12;

export class SetupRefused extends Error {}

export interface NamespacePrepared {
  namespace: string;
  added: string[];
  present: string[];
  retentionDays: { before: number; after: number };
}

export async function prepareNamespace(
  connection: Connection,
  namespace: string,
  retentionDays: number,
): Promise<NamespacePrepared> {
  try {
    const listed = await connection.operatorService.listSearchAttributes({ namespace });
    const existing = new Set(Object.keys(listed.customAttributes ?? {}));
    const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !existing.has(key.name));
    if (missing.length > 0) {
      await connection.operatorService.addSearchAttributes({
        namespace,
        searchAttributes: Object.fromEntries(
          missing.map((key) => [key.name, IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]]),
        ),
      });
    }
    const described = await connection.workflowService.describeNamespace({ namespace });
    const before = Math.round(Number(described.config?.workflowExecutionRetentionTtl?.seconds ?? 0) / 86_400);
    if (before !== retentionDays) {
      await connection.workflowService.updateNamespace({
        namespace,
        config: { workflowExecutionRetentionTtl: msToTs(retentionDays * 86_400_000) },
      });
    }
    return {
      namespace,
      added: missing.map((key) => key.name),
      present: ALL_SEARCH_ATTRIBUTES.filter((key) => existing.has(key.name)).map((key) => key.name),
      retentionDays: { before, after: retentionDays },
    };
  } catch (error) {
    if (
      isGrpcServiceError(error) &&
      [GRPC_PERMISSION_DENIED, GRPC_UNIMPLEMENTED].includes(Number(error.code))
    ) {
      throw new SetupRefused(
        `the cluster refused to change namespace ${namespace} (${error.details}). On Temporal Cloud, search ` +
          'attributes and retention are set with tcld or in the Cloud UI (Namespaces → the namespace → Search ' +
          `Attributes / Retention): add ${ALL_SEARCH_ATTRIBUTES.map((k) => `${k.name} (${k.type})`).join(', ')}.`,
      );
    }
    throw error;
  }
}
