// sscard batch list: the batches of one unit, or all the caller may see, newest first.
import type { BatchList } from '../../../domain/lists';
import { type Command, str } from '../../command';
import { withQuery } from '../../http';
import { cell, t } from '../../i18n';
import { localTime } from '../../output';

export const listCommand: Command = {
  name: 'batch list',
  args: [],
  summary: 'Batches, of one unit or all you may see.',
  options: { unit: { type: 'string', value: 'UNIT', description: "only this unit's batches" } },
  async run(ctx, parsed) {
    const list = await ctx.api.request<BatchList>(
      'GET',
      withQuery('/v1/batches', { pageSize: 200, unitId: str(parsed, 'unit') }),
    );
    ctx.out.data(list);
    ctx.out.table(
      [
        t('Batch'),
        t('Unit'),
        t('Status'),
        t('Applicants'),
        t('Started'),
        t('Invalid'),
        t('Submitted (UTC+8)'),
      ],
      list.items.map((b) => [
        b.batchId,
        b.unitId,
        cell(b.status),
        b.rows.total,
        b.rows.started,
        b.rows.invalid,
        localTime(b.submittedAt),
      ]),
    );
    if (list.nextPageToken) ctx.out.text(t('(newest 200 shown)'));
  },
};
