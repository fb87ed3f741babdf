// One application at a time: submit it and read its status. The actions people take on it are the commands of
// domain/actions (./actions.ts).
import { RETURN_REASONS } from '../../domain/application';
import { INSTANT_REASONS } from '../../domain/counters';
import type { ApplicationStatus, DeliveryView } from '../../domain/status';
import { type Command, type Context, str, UsageError } from '../command';
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

/**
 * The lane an application is in, and at a counter where and by when its card is made:
 * 'instant · counter 330100-HALL-01 · hospital admission · within 15 min, by 2026-12-04 10:15 · blank BK…'
 */
export function laneLine(status: ApplicationStatus): string {
  const lane = status.lane ?? status.mode;
  const i = status.instant;
  if (!i) return word(lane);
  const parts = [
    word(lane),
    t('counter {counter}', { counter: i.counterId }),
    ...(i.reason ? [word(i.reason)] : []),
    t('within {minutes} min, by {at}', { minutes: i.targetMinutes, at: localTime(i.targetAt) }) +
      (i.targetExceeded ? t(' (exceeded)') : ''),
    ...(i.blankSerial ? [t('card made from blank {serial}', { serial: i.blankSerial })] : []),
  ];
  if (i.fellBack)
    parts.push(
      t('handed over to {lane} at {at}: {reason}', {
        lane: word('sporadic'),
        at: localTime(i.fellBack.at),
        reason: i.fellBack.reason,
      }),
    );
  return parts.join(' · ');
}

/** An online application's parcel: 'tracking SF… · parcel returned · 3 failed attempts · back at 330100-HALL-01'. */
export function deliveryLine(d: DeliveryView): string {
  return [
    d.trackingNumber ? t('tracking {number}', { number: d.trackingNumber }) : t('no tracking number yet'),
    word(`parcel_${d.status}`),
    t('{n} failed attempts', { n: d.failedAttempts }),
    ...(d.returnedTo ? [t('back at {counter}', { counter: d.returnedTo })] : []),
  ].join(' · ');
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
    [t('Lane'), laneLine(status)],
    ...(status.delivery ? [[t('Delivery'), deliveryLine(status.delivery)] as [string, string]] : []),
    [t('Deadline'), deadlineLine(status)],
    [t('Returns'), String(status.returnCount)],
  ];
  if (status.batchId) rows.splice(1, 0, [t('Batch'), status.batchId]);
  if (status.expedited) rows.push([t('Expedited'), t('yes')]);
  if (status.auditFlags.length)
    rows.push([t('Audit flags'), status.auditFlags.map((flag) => cell(flag)).join(', ')]);
  if (status.outcome) rows.push([t('Outcome'), cell(status.outcome)!]);
  if (status.guardian) {
    const { relation, handedOverAt } = status.guardian;
    const handedOver = handedOverAt && t(', handed over at {at}', { at: localTime(handedOverAt) });
    rows.push([t('Guardian'), `${word(relation)}${handedOver || ''}`]);
  }
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

/** --counter and --reason as the body's `instant`: a reason alone names no counter, a wrong one is named. */
function instantOf(counterId: string | undefined, reason: string | undefined) {
  if (reason !== undefined && counterId === undefined)
    throw new UsageError(t('--reason is for instant issuance: give the counter with --counter'));
  if (reason !== undefined && !(INSTANT_REASONS as readonly string[]).includes(reason))
    throw new UsageError(
      t('{option} {value}: one of {choices}', {
        option: '--reason',
        value: reason,
        choices: INSTANT_REASONS.join(', '),
      }),
    );
  return counterId === undefined ? undefined : { counterId, ...(reason ? { reason } : {}) };
}

export const applicationCommands: Command[] = [
  {
    name: 'submit',
    args: ['<applicant.json>'],
    summary:
      "Submit one person's application (sporadic issuance, 5 working days; instant at a counter with --counter).",
    details:
      'The file holds the applicant ({"residentId","name","phone","photoId",...}) or {"unitId","applicant"}.\n' +
      'Without a photo the audit stops the application for one; --photo uploads it first and names it.\n' +
      'A minor under 16 is applied for by their guardian: "guardian": {"residentId","name","phone","relation","householdRegister"} in the applicant.\n' +
      'The relation: father, mother, grandparent, sibling, other_relative or other_legal_guardian.\n' +
      'With --counter the card is made at that counter while the person waits (instant issuance).\n' +
      'The counter needs a card printer and the region an instant policy; a card that cannot be made now goes on as sporadic issuance.\n' +
      `--reason: ${INSTANT_REASONS.join(', ')}\n` +
      'Example: sscard --as clerk submit me.json --photo me.jpg\n' +
      'Example: sscard --as clerk submit me.json --photo me.jpg --counter 330100-HALL-01 --reason HOSPITAL_ADMISSION',
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
      counter: {
        type: 'string',
        value: 'COUNTER',
        description:
          'make the card at this counter, which has a card printer, while the person waits (instant)',
      },
      reason: {
        type: 'string',
        value: 'REASON',
        description: 'why the card is needed now, where the region keeps instant issuance for urgent cases',
      },
    },
    async run(ctx, parsed) {
      const instant = instantOf(str(parsed, 'counter'), str(parsed, 'reason'));
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
        body: { unitId, applicant: file.applicant, ...(instant ? { instant } : {}) },
        idempotent: true,
      });
      ctx.out.data(status);
      ctx.out.text(t('submitted {id} ({stage})', { id: status.applicationId, stage: word(status.stage) }));
      if (status.instant) ctx.out.text(laneLine(status));
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
];
