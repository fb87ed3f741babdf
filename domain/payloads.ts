// What a payload that was not encrypted by sscard's codec decodes to. Only a holder of the codec key (the API and
// the workers) can send a payload sscard accepts; anyone else who reaches the Temporal frontend sends plain ones,
// which the codec turns into this marker instead of failing the workflow task (a poison message would stall the
// workflow): update validators refuse it, signal handlers ignore it, and a workflow started with it fails at once.

export const NOT_ENCRYPTED_MARKER = '$sscardPayloadNotEncrypted';

export function isNotEncrypted(value: unknown): boolean {
  return typeof value === 'object' && value !== null && NOT_ENCRYPTED_MARKER in value;
}
