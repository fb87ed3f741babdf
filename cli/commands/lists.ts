// Lists: applications by queue, unit, batch or stage; how many wait in each queue and how deadlines fare;
// escalations to the supervisors.
import { type ApplicationList, type EscalationList, QUEUES, type QueueCounts } from '../../domain/lists';
import { SLA_STATES } from '../../domain/stages';
import { type Command, str, UsageError } from '../command';
import { withQuery } from '../http';
import { cell, t } from '../i18n';
import { lastDay, localTime } from '../output';

export const listCommands: Command[] = [
  {
    name: 'list',
    args: [],
    summary: 'Applications, by queue, unit, batch or stage.',
    details: `Queues:\n  ${QUEUES.join(', ')}`,
    options: {
      queue: { type: 'string', value: 'QUEUE', description: 'one of the queues below' },
      unit: { type: 'string', value: 'UNIT', description: "only this unit's applications" },
      batch: { type: 'string', value: 'BATCH', description: "only this batch's applications" },
      stage: { type: 'string', value: 'STAGE', description: 'only applications at this stage' },
      'page-size': { type: 'string', value: 'N', description: 'applications per page' },
      'page-token': { type: 'string', value: 'T', description: 'the page to show (printed after a page)' },
    },
    async run(ctx, parsed) {
      const queue = str(parsed, 'queue');
      if (queue && !(QUEUES as readonly string[]).includes(queue))
        throw new UsageError(
          t('--queue {queue}: choose one of {choices}', { queue, choices: QUEUES.join(', ') }),
        );
      const page = await ctx.api.request<ApplicationList>(
        'GET',
        withQuery('/v1/applications', {
          queue,
          unitId: str(parsed, 'unit'),
          batchId: str(parsed, 'batch'),
          stage: str(parsed, 'stage'),
          pageSize: str(parsed, 'page-size'),
          pageToken: str(parsed, 'page-token'),
        }),
      );
      ctx.out.data(page);
      ctx.out.table(
        [
          t('Application'),
          t('Stage'),
          t('Mode'),
          t('Unit'),
          t('Batch'),
          t('SLA'),
          t('Due by end of'),
          t('Returns'),
          t('Updated (UTC+8)'),
        ],
        page.items.map((a) => [
          a.applicationId,
          cell(a.stage),
          cell(a.mode),
          a.unitId,
          a.batchId,
          cell(a.sla ?? undefined),
          lastDay(a.dueAt ?? undefined),
          a.returnCount,
          localTime(a.updatedAt),
        ]),
      );
      if (page.nextPageToken)
        ctx.out.text(t('more: sscard list ... --page-token {token}', { token: page.nextPageToken }));
    },
  },
  {
    name: 'queues',
    args: [],
    summary: 'How many applications wait in each queue, and deadline compliance.',
    options: {
      unit: { type: 'string', value: 'UNIT', description: "only this unit's applications" },
      batch: { type: 'string', value: 'BATCH', description: "only this batch's applications" },
    },
    async run(ctx, parsed) {
      const counts = await ctx.api.request<QueueCounts>(
        'GET',
        withQuery('/v1/queues', { unitId: str(parsed, 'unit'), batchId: str(parsed, 'batch') }),
      );
      ctx.out.data(counts);
      ctx.out.table(
        [t('Queue'), t('Applications')],
        QUEUES.map((q) => [cell(q), counts.queues[q] ?? 0]),
      );
      ctx.out.text(`\n${t('deadlines of all applications, open and closed')}`);
      ctx.out.table(
        [t('SLA'), t('Applications')],
        SLA_STATES.map((s) => [cell(s), counts.sla[s] ?? 0]),
      );
    },
  },
  {
    name: 'escalations',
    args: [],
    summary: 'Escalations to supervisors: breaches, overdue prints, uncollected cards.',
    options: {},
    async run(ctx) {
      const list = await ctx.api.request<EscalationList>('GET', '/v1/escalations?pageSize=200');
      ctx.out.data(list);
      ctx.out.table(
        [t('Raised (UTC+8)'), t('Kind'), t('Application'), t('Batch'), t('Stage'), t('Due by end of'), '#'],
        list.items.map((e) => [
          localTime(e.raisedAt),
          cell(e.kind),
          e.applicationId,
          e.batchId,
          cell(e.stage),
          lastDay(e.dueAt),
          e.occurrence,
        ]),
      );
      if (list.nextPageToken) ctx.out.text(t('(newest 200 shown)'));
    },
  },
];
