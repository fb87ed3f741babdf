// What the batch commands share: the batch's path in the API and a row's problems in words.
import { t } from '../../i18n';

/** The API's path of a batch, or of one of its resources ('report', 'collections'). */
export const batchPath = (batchId: string, resource?: string): string =>
  `/v1/batches/${encodeURIComponent(batchId)}${resource ? `/${resource}` : ''}`;

export interface RowProblem {
  path: string;
  message: string;
}

/** A row's problems on one line: 'applicant.phone: …; row: …'. */
export const problemsText = (problems: readonly RowProblem[] = []): string =>
  problems.map((p) => `${p.path || t('row')}: ${p.message}`).join('; ');
