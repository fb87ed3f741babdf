// Lists: applications by queue, unit, batch or stage; how many wait in each queue and how deadlines fare;
// escalations to the supervisors.
import { type ApplicationList, type EscalationList, QUEUES, type QueueCounts } from '../../domain/lists';
import { SLA_STATES } from '../../domain/stages';
import { type Command, str, UsageError } from '../command';
import { lastDay, localTime } from '../output';

export const listCommands: Command[] = [
  {
    name: 'list',
    args: [],
    summary: 'Applications, by queue, unit, batch or stage.',
    details: `queues: ${QUEUES.join(', ')}`,
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
        throw new UsageError(`--queue ${queue}: choose one of ${QUEUES.join(', ')}`);
      const query = new URLSearchParams();
      for (const [option, param] of [
        ['queue', 'queue'],
        ['unit', 'unitId'],
        ['batch', 'batchId'],
        ['stage', 'stage'],
        ['page-size', 'pageSize'],
        ['page-token', 'pageToken'],
      ] as const) {
        const value = str(parsed, option);
        if (value) query.set(param, value);
      }
      const qs = query.toString();
      const page = await ctx.api.request<ApplicationList>('GET', `/v1/applications${qs ? `?${qs}` : ''}`);
      ctx.out.data(page);
      ctx.out.table(
        [
          'Application',
          'Stage',
          'Mode',
          'Unit',
          'Batch',
          'SLA',
          'Due by end of',
          'Returns',
          'Updated (UTC+8)',
        ],
        page.items.map((a) => [
          a.applicationId,
          a.stage,
          a.mode,
          a.unitId,
          a.batchId,
          a.sla ?? undefined,
          lastDay(a.dueAt ?? undefined),
          a.returnCount,
          localTime(a.updatedAt),
        ]),
      );
      if (page.nextPageToken) ctx.out.text(`more: sscard list ... --page-token ${page.nextPageToken}`);
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
      const query = new URLSearchParams();
      const unit = str(parsed, 'unit');
      const batch = str(parsed, 'batch');
      if (unit) query.set('unitId', unit);
      if (batch) query.set('batchId', batch);
      const qs = query.toString();
      const counts = await ctx.api.request<QueueCounts>('GET', `/v1/queues${qs ? `?${qs}` : ''}`);
      ctx.out.data(counts);
      ctx.out.table(
        ['Queue', 'Applications'],
        QUEUES.map((q) => [q, counts.queues[q] ?? 0]),
      );
      ctx.out.text('\ndeadlines of all applications, open and closed');
      ctx.out.table(
        ['SLA', 'Applications'],
        SLA_STATES.map((s) => [s, counts.sla[s] ?? 0]),
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
        ['Raised (UTC+8)', 'Kind', 'Application', 'Batch', 'Stage', 'Due by end of', '#'],
        list.items.map((e) => [
          localTime(e.raisedAt),
          e.kind,
          e.applicationId,
          e.batchId,
          e.stage,
          lastDay(e.dueAt),
          e.occurrence,
        ]),
      );
      if (list.nextPageToken) ctx.out.text('(newest 200 shown)');
    },
  },
];
