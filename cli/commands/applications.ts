// One application at a time: submit, status, list and queues, and every action a person takes on it.
import { RETURN_REASONS } from '../../domain/application';
import { COLLECTION_RELATIONS } from '../../domain/messages';
import { STAGE_LABELS, type Stage } from '../../domain/stages';
import type { ApplicationStatus } from '../../domain/status';
import { shanghaiDate } from '../../domain/calendar/shanghai-time';
import {
  type Command,
  type Context,
  flag,
  requireOption,
  requireOptions,
  str,
  strings,
  UsageError,
} from '../command';
import { isRecord, readJson } from '../files';
import { lastDay, localTime } from '../output';
import { applyingUnit } from './account';

const enc = encodeURIComponent;
const label = (stage: string): string => STAGE_LABELS[stage as Stage] ?? stage;

/** 'on track · 2 of 5 working days used, 3 left · due by end of 2026-12-04' */
export function deadlineLine(status: ApplicationStatus): string {
  const d = status.deadline;
  if (!d) return 'no deadline yet';
  return [
    d.sla.replace(/_/g, ' '),
    `${d.workingDaysUsed} of ${d.workingDaysTotal} working days used, ${d.workingDaysLeft} left`,
    `due by end of ${lastDay(d.dueAt)}`,
    ...(d.paused ? ['clock paused (with the unit)'] : []),
    ...(d.provisional ? ['provisional (holidays of that year not published)'] : []),
  ].join(' · ');
}

function printStatus(ctx: Context, status: ApplicationStatus): void {
  ctx.out.data(status);
  const rows: [string, string][] = [
    ['Application', `${status.applicationId} · ${status.mode} · unit ${status.unitId}`],
    [
      'Stage',
      `${label(status.stage)} (${status.stage})${status.awaiting ? `, waiting for ${status.awaiting}` : ''}`,
    ],
    ['Deadline', deadlineLine(status)],
    ['Returns', String(status.returnCount)],
  ];
  if (status.batchId) rows.splice(1, 0, ['Batch', status.batchId]);
  if (status.expedited) rows.push(['Expedited', 'yes']);
  if (status.auditFlags.length) rows.push(['Audit flags', status.auditFlags.join(', ')]);
  if (status.outcome) rows.push(['Outcome', status.outcome]);
  ctx.out.text(rows.map(([k, v]) => `${k.padEnd(12)} ${v}`).join('\n'));
  ctx.out.text('');
  ctx.out.table(
    ['#', 'When (UTC+8)', 'Stage', 'Action', 'By', 'Note'],
    status.history.map((h) => [
      h.seq,
      localTime(h.at),
      h.stage,
      h.action,
      `${h.actor.role}:${h.actor.id}`,
      h.note,
    ]),
  );
}

/** After an action: the stage it left the application in. */
function printMoved(ctx: Context, status: ApplicationStatus, what: string): void {
  ctx.out.data(status);
  ctx.out.text(`${what}: ${status.applicationId} is now ${label(status.stage)} (${status.stage})`);
  ctx.out.text(`deadline: ${deadlineLine(status)}`);
}

function readApplicant(file: string): { unitId?: string; applicant: unknown } {
  const content = readJson(file);
  if (isRecord(content) && isRecord(content.applicant)) {
    return {
      applicant: content.applicant,
      ...(typeof content.unitId === 'string' ? { unitId: content.unitId } : {}),
    };
  }
  return { applicant: content };
}

/** Known reason codes as given (any case); free text becomes OTHER with the text as the note. */
export function returnReasons(given: string[]): { reasons: string[]; note?: string } {
  const codes = new Set<string>();
  const texts: string[] = [];
  for (const reason of given) {
    const code = reason
      .trim()
      .toUpperCase()
      .replace(/[\s-]+/g, '_');
    if ((RETURN_REASONS as readonly string[]).includes(code)) codes.add(code);
    else {
      codes.add('OTHER');
      texts.push(reason.trim());
    }
  }
  return { reasons: [...codes], ...(texts.length ? { note: texts.join('; ') } : {}) };
}

const post = (ctx: Context, id: string, action: string, body: unknown) =>
  ctx.api.request<ApplicationStatus>('POST', `/v1/applications/${enc(id)}/${action}`, {
    body,
    idempotent: true,
  });

export const applicationCommands: Command[] = [
  {
    name: 'submit',
    args: ['<applicant.json>'],
    summary: "Submit one person's application (sporadic issuance, 5 working days).",
    details:
      'The file holds the applicant ({"residentId","name","phone","photoId",...}) or {"unitId","applicant"}.',
    options: {
      unit: {
        type: 'string',
        value: 'UNIT',
        description: "the insured unit applying (its code); a clerk's own by default",
      },
    },
    async run(ctx, parsed) {
      const file = readApplicant(parsed.positionals[0]!);
      const unitId = await applyingUnit(ctx, str(parsed, 'unit') ?? file.unitId);
      const status = await ctx.api.request<ApplicationStatus>('POST', '/v1/applications', {
        body: { unitId, applicant: file.applicant },
        idempotent: true,
      });
      ctx.out.data(status);
      ctx.out.text(`submitted ${status.applicationId} (${label(status.stage)})`);
      ctx.out.text(`follow it with: sscard status ${status.applicationId}`);
    },
  },
  {
    name: 'status',
    args: ['<id>'],
    summary: "An application's stage, deadline and timeline.",
    options: {},
    async run(ctx, parsed) {
      printStatus(ctx, await ctx.api.request('GET', `/v1/applications/${enc(parsed.positionals[0]!)}`));
    },
  },
  {
    name: 'review',
    args: ['<id>'],
    summary:
      'Decide on an application waiting for review: approve its audit flags, return it, reject it, or override the comparison findings.',
    details:
      `return reasons: ${RETURN_REASONS.join(', ')}; any other text is sent as OTHER with the text as the note. ` +
      'A missing or unusable photo cannot be approved. An override of comparison findings is confirmed by a ' +
      'second person, a supervisor, with --override too.',
    options: {
      approve: { type: 'boolean', description: 'approve its audit flags' },
      return: { type: 'string', multiple: true, value: 'REASON', description: 'return it, for this reason' },
      reject: { type: 'boolean', description: 'reject it (with --note saying why)' },
      override: { type: 'boolean', description: 'override the comparison findings (with --note)' },
      note: { type: 'string', value: 'TEXT', description: 'a note for the record' },
    },
    async run(ctx, parsed) {
      const given = strings(parsed, 'return');
      const chosen = [
        flag(parsed, 'approve'),
        given.length > 0,
        flag(parsed, 'reject'),
        flag(parsed, 'override'),
      ];
      if (chosen.filter(Boolean).length !== 1)
        throw new UsageError('give one of --approve, --return REASON, --reject or --override');
      const note = str(parsed, 'note');
      let body: Record<string, unknown>;
      let moved: string;
      if (given.length) {
        const reasons = returnReasons(given);
        const notes = [reasons.note, note].filter(Boolean).join('; ');
        body = { decision: 'return', reasons: reasons.reasons, ...(notes ? { note: notes } : {}) };
        moved = 'returned';
      } else {
        const decision = flag(parsed, 'reject')
          ? 'reject'
          : flag(parsed, 'override')
            ? 'override'
            : 'approve';
        if (decision !== 'approve' && !note) throw new UsageError(`--${decision} needs --note saying why`);
        body = { decision, ...(note ? { note } : {}) };
        moved = { approve: 'approved', reject: 'rejected', override: 'overridden' }[decision];
      }
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'review', body), moved);
    },
  },
  {
    name: 'resubmit',
    args: ['<id>', '<applicant.json>'],
    summary: 'Send corrected data for an application returned to its unit.',
    options: { note: { type: 'string', value: 'TEXT', description: 'what was corrected' } },
    async run(ctx, parsed) {
      const { applicant } = readApplicant(parsed.positionals[1]!);
      const note = str(parsed, 'note');
      const status = await post(ctx, parsed.positionals[0]!, 'resubmit', {
        applicant,
        ...(note ? { note } : {}),
      });
      printMoved(ctx, status, 'resubmitted');
    },
  },
  {
    name: 'collect',
    args: ['<id>'],
    summary: 'Register who collected the card, when and where.',
    details:
      'Everything missing is named at once. Example:\n' +
      '  sscard --as operator collect A1b2c3 --by 林新人 --relation self --place "service hall, window 2"',
    options: {
      by: { type: 'string', value: 'NAME', description: 'the person who collected it' },
      'agent-id': {
        type: 'string',
        value: 'RID',
        description: "an agent's resident ID number (unless --relation self)",
      },
      relation: { type: 'string', value: 'REL', description: COLLECTION_RELATIONS.join('|') },
      on: {
        type: 'string',
        value: 'YYYY-MM-DD',
        description: 'the day it was handed over (default: today, Beijing time)',
      },
      place: { type: 'string', value: 'PLACE', description: 'where it was handed over' },
    },
    async run(ctx, parsed) {
      const relation = str(parsed, 'relation');
      if (relation && !(COLLECTION_RELATIONS as readonly string[]).includes(relation))
        throw new UsageError(`--relation ${relation}: one of ${COLLECTION_RELATIONS.join(', ')}`);
      const given = requireOptions(parsed, [
        'by',
        'relation',
        ...(relation && relation !== 'self' ? (['agent-id'] as const) : []),
        'place',
      ]);
      const body = {
        collectedBy: given.by,
        relation: given.relation,
        ...(str(parsed, 'agent-id') ? { agentResidentId: str(parsed, 'agent-id') } : {}),
        receivedOn: str(parsed, 'on') ?? shanghaiDate(new Date()),
        place: given.place,
      };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'collection', body), 'collection registered');
    },
  },
  {
    name: 'withdraw',
    args: ['<id>'],
    summary: 'Withdraw an application (once printing started: a supervisor, --confirm).',
    options: {
      reason: { type: 'string', value: 'TEXT', description: 'why it is withdrawn' },
      confirm: { type: 'boolean', description: "a supervisor's confirmation once printing has started" },
    },
    async run(ctx, parsed) {
      const body = { reason: requireOption(parsed, 'reason'), supervisorConfirmed: flag(parsed, 'confirm') };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'withdraw', body), 'withdrawn');
    },
  },
  {
    name: 'expedite',
    args: ['<id>'],
    summary: 'Move an application ahead of others.',
    options: { reason: { type: 'string', value: 'TEXT', description: 'why it is urgent' } },
    async run(ctx, parsed) {
      const body = { reason: requireOption(parsed, 'reason') };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'expedite', body), 'expedited');
    },
  },
  {
    name: 'hold',
    args: ['<id>'],
    summary: "Pull an application into an operator's review before its card is registered.",
    options: { note: { type: 'string', value: 'TEXT', description: 'why it should be reviewed' } },
    async run(ctx, parsed) {
      const body = { note: requireOption(parsed, 'note') };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'hold', body), 'held for review');
    },
  },
  {
    name: 'reprint',
    args: ['<id>'],
    summary: 'Order the next print attempt after repeated print failures.',
    options: { note: { type: 'string', value: 'TEXT', description: 'a note for the record' } },
    async run(ctx, parsed) {
      const note = str(parsed, 'note');
      printMoved(
        ctx,
        await post(ctx, parsed.positionals[0]!, 'reprint', note ? { note } : {}),
        'reprint ordered',
      );
    },
  },
];
