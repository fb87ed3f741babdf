// What the console knows of sscard's domain. Copies of domain/application.ts RETURN_REASONS, domain/messages.ts
// COLLECTION_RELATIONS and domain/stages.ts (test/console compares them); the API has the last word.

export const RETURN_REASONS = [
  'NAME_MISMATCH',
  'BIRTH_DATE_MISMATCH',
  'DECEASED',
  'UNKNOWN_PERSON',
  'BANK_RECORD_CONFLICT',
  'PHOTO_MISSING',
  'PHOTO_UNUSABLE',
  'PHONE_MISSING',
  'AGE_OUT_OF_RANGE',
  'UNIT_NOT_ACTIVE',
  'DATA_INCOMPLETE',
  'SELECTED_FOR_AUDIT',
  'HELD_FOR_REVIEW',
  'OTHER',
];
export const COLLECTION_RELATIONS = ['self', 'family', 'guardian', 'unit_agent', 'proxy'];
export const TERMINAL_STAGES = ['issued', 'withdrawn', 'expired', 'rejected'];
export const PRINTING_STARTED_STAGES = [
  'printing',
  'print_failed',
  'bank_account',
  'notifying',
  'awaiting_collection',
];
