// One application at a time: submit, status, list and queues, and every action a person takes on it.
import { RETURN_REASONS } from '../../domain/application';
import { COLLECTION_RELATIONS } from '../../domain/messages';
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
import { isRecord, readBytes, readJson } from '../files';
import { cell, t, word } from '../i18n';
import { lastDay, localTime } from '../output';
import { padDisplay } from '../ui/table';
import { applyingUnit } from './account';
import { photoKept, uploadPhoto } from './photos';

const enc = encodeURIComponent;

/** 'on track · 2 of 5 working days used, 3 left · due by end of 2026-12-04' */
export function deadlineLine(status: ApplicationStatus): string {
  const d = status.deadline;
  if (!d) return t('no deadline yet');
  return [
    word(d.sla),
    t('{used} of {total} working days used, {left} left', {
      used: d.workingDaysUsed,
      total: d.workingDaysTotal,
      left: d.workingDaysLeft,
    }),
    t('due by end of {day}', { day: lastDay(d.dueAt) }),
    ...(d.paused ? [t('clock paused (with the unit)')] : []),
    ...(d.provisional ? [t('provisional (holidays of that year not published)')] : []),
  ].join(' · ');
}

/** A timeline note: a list of reason codes in words, anything else as written. */
function noteText(note: string | undefined): string | undefined {
  const codes = note?.split(', ');
  return codes?.every((code) => (RETURN_REASONS as readonly string[]).includes(code))
    ? codes.map((code) => cell(code)).join(', ')
    : note;
}

function printStatus(ctx: Context, status: ApplicationStatus): void {
  ctx.out.data(status);
  const rows: [string, string][] = [
    [
      t('Application'),
      `${status.applicationId} · ${word(status.mode)} · ${t('unit {unit}', { unit: status.unitId })}`,
    ],
    [
      t('Stage'),
      `${word(status.stage)} (${status.stage})` +
        (status.awaiting ? t(', waiting for {what}', { what: word(status.awaiting) }) : ''),
    ],
    [t('Deadline'), deadlineLine(status)],
    [t('Returns'), String(status.returnCount)],
  ];
  if (status.batchId) rows.splice(1, 0, [t('Batch'), status.batchId]);
  if (status.expedited) rows.push([t('Expedited'), t('yes')]);
  if (status.auditFlags.length)
    rows.push([t('Audit flags'), status.auditFlags.map((flag) => cell(flag)).join(', ')]);
  if (status.outcome) rows.push([t('Outcome'), cell(status.outcome)!]);
  ctx.out.text(rows.map(([k, v]) => `${padDisplay(k, 12)} ${v}`).join('\n'));
  ctx.out.text('');
  ctx.out.table(
    ['#', t('When (UTC+8)'), t('Stage'), t('Action'), t('By'), t('Note')],
    status.history.map((h) => [
      h.seq,
      localTime(h.at),
      cell(h.stage),
      cell(h.action),
      `${cell(h.actor.role)}:${h.actor.id}`,
      noteText(h.note),
    ]),
  );
}

/** After an action: the stage it left the application in. */
export function printMoved(ctx: Context, status: ApplicationStatus, what: string): void {
  ctx.out.data(status);
  ctx.out.text(
    t('{what}: {id} is now {stage} ({code})', {
      what,
      id: status.applicationId,
      stage: word(status.stage),
      code: status.stage,
    }),
  );
  ctx.out.text(t('deadline: {line}', { line: deadlineLine(status) }));
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
      'The file holds the applicant ({"residentId","name","phone","photoId",...}) or {"unitId","applicant"}.\n' +
      'Without a photo the audit stops the application for one; --photo uploads it first and names it.\n' +
      'Example: sscard --as clerk submit me.json --photo me.jpg',
    options: {
      unit: {
        type: 'string',
        value: 'UNIT',
        description: "the insured unit applying (its code); a clerk's own by default",
      },
      photo: {
        type: 'string',
        value: 'FILE.jpg',
        description: "the applicant's photo (JPEG): checked, kept, and named in the application",
      },
    },
    async run(ctx, parsed) {
      const file = readApplicant(parsed.positionals[0]!);
      const photo = str(parsed, 'photo');
      const bytes = photo ? readBytes(photo) : undefined;
      const unitId = await applyingUnit(ctx, str(parsed, 'unit') ?? file.unitId);
      if (bytes) {
        if (!isRecord(file.applicant) || typeof file.applicant.residentId !== 'string')
          throw new UsageError(t('--photo needs the applicant\'s "residentId" in the file'));
        const stored = await uploadPhoto(ctx, unitId, file.applicant.residentId, bytes);
        ctx.out.text(photoKept(stored));
        file.applicant.photoId = stored.photoId;
      }
      const status = await ctx.api.request<ApplicationStatus>('POST', '/v1/applications', {
        body: { unitId, applicant: file.applicant },
        idempotent: true,
      });
      ctx.out.data(status);
      ctx.out.text(t('submitted {id} ({stage})', { id: status.applicationId, stage: word(status.stage) }));
      ctx.out.text(t('follow it with: sscard status {id}', { id: status.applicationId }));
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
      'A missing or unusable photo cannot be approved: return the application for one, or reject it.\n' +
      'An override of comparison findings is confirmed by a second person, a supervisor, with --override too.\n' +
      'Return reasons, in any case (any other text is sent as OTHER with the text as the note):\n' +
      `  ${RETURN_REASONS.join(', ')}`,
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
        throw new UsageError(t('give one of --approve, --return REASON, --reject or --override'));
      const note = str(parsed, 'note');
      let body: Record<string, unknown>;
      let moved: string;
      if (given.length) {
        const reasons = returnReasons(given);
        const notes = [reasons.note, note].filter(Boolean).join('; ');
        body = { decision: 'return', reasons: reasons.reasons, ...(notes ? { note: notes } : {}) };
        moved = t('returned');
      } else {
        const decision = flag(parsed, 'reject')
          ? 'reject'
          : flag(parsed, 'override')
            ? 'override'
            : 'approve';
        if (decision !== 'approve' && !note)
          throw new UsageError(t('--{decision} needs --note saying why', { decision }));
        body = { decision, ...(note ? { note } : {}) };
        moved = t({ approve: 'approved', reject: 'rejected', override: 'overridden' }[decision]);
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
      printMoved(ctx, status, t('resubmitted'));
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
        throw new UsageError(
          t('--relation {relation}: one of {choices}', {
            relation,
            choices: COLLECTION_RELATIONS.join(', '),
          }),
        );
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
      printMoved(
        ctx,
        await post(ctx, parsed.positionals[0]!, 'collection', body),
        t('collection registered'),
      );
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
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'withdraw', body), t('withdrawn'));
    },
  },
  {
    name: 'expedite',
    args: ['<id>'],
    summary: 'Move an application ahead of others.',
    options: { reason: { type: 'string', value: 'TEXT', description: 'why it is urgent' } },
    async run(ctx, parsed) {
      const body = { reason: requireOption(parsed, 'reason') };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'expedite', body), t('expedited'));
    },
  },
  {
    name: 'hold',
    args: ['<id>'],
    summary: "Pull an application into an operator's review before its card is registered.",
    options: { note: { type: 'string', value: 'TEXT', description: 'why it should be reviewed' } },
    async run(ctx, parsed) {
      const body = { note: requireOption(parsed, 'note') };
      printMoved(ctx, await post(ctx, parsed.positionals[0]!, 'hold', body), t('held for review'));
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
        t('reprint ordered'),
      );
    },
  },
];
