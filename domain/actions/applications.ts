// The actions on an application, each taken by its workflow (workflows/card-application/handlers.ts): an
// operator's review, the unit's correction, the collection, a withdrawal, and an operator's expedite, hold and
// reprint order.
import { z } from 'zod';
import { shanghaiDate } from '../calendar/shanghai-time';
import { correctionSchema, RETURN_REASONS } from '../application';
import {
  collectionBodySchema,
  collectionRecordSchema,
  expediteBodySchema,
  holdBodySchema,
  reprintBodySchema,
  resubmitRequestSchema,
  reviewBodySchema,
  withdrawBodySchema,
  withdrawRequestSchema,
} from '../messages';
import { GUARDIAN_CODES } from '../errors-minors';
import { RID_CODES } from '../resident-id';
import { FEE_EXEMPTIONS } from '../fee-decision';
import { waiverBodySchema } from '../fees';
import { noteSchema } from '../note';
import { defineAction } from './define';

const NOTE = { en: 'a note for the record', zh: '备注' };

/** Return reasons as a person types them: known codes in any case, anything else as OTHER with the text as a note. */
function returnReasons(given: readonly string[]): { reasons: string[]; note?: string } {
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

export const review = defineAction({
  permission: 'review',
  target: 'application',
  path: 'review',
  operationId: 'reviewApplication',
  update: 'review',
  sample: { decision: 'return', reasons: ['PHOTO_UNUSABLE'], note: 'the photo is blurred' },
  body: reviewBodySchema,
  refusals: [
    'NOT_AWAITING_REVIEW',
    'DECISION_NOT_ALLOWED',
    'FLAG_BLOCKS_APPROVAL',
    'FOUR_EYES_REQUIRED',
    'APPLICATION_BUSY',
  ],
  summary: {
    en: 'Decide on an application waiting for review: approve its audit flags, return it, reject it, or override the comparison findings.',
    zh: '审核待人工审核的申请：审核通过、退回单位、不予受理，或放行比对结果。',
  },
  help: [
    {
      en: 'A missing or unusable photo cannot be approved: return the application for one, or reject it.',
      zh: '缺少照片或照片不合格的申请不能审核通过：请退回单位补交照片，或不予受理。',
    },
    {
      en: 'An override of comparison findings is confirmed by a second person, a supervisor, with --override too.',
      zh: '放行比对结果须由另一人（主管）同样用 --override 复核确认。',
    },
    {
      en: `Return reasons, in any case (other text is sent as OTHER with the text as the note): ${RETURN_REASONS.join(', ')}`,
      zh: `退回原因（大小写均可；其他文字按 OTHER 发送，文字作为备注）：${RETURN_REASONS.join(', ')}`,
    },
  ],
  label: { en: 'Review', zh: '审核' },
  done: { en: 'reviewed', zh: '已审核' },
  command: 'review',
  example: 'sscard --as operator review A1b2c3 --return NAME_MISMATCH',
  fields: {
    decision: {
      en: 'the decision',
      zh: '审核决定',
      flags: {
        approve: { en: 'approve its audit flags', zh: '审核通过' },
        reject: { en: 'reject it (with --note saying why)', zh: '不予受理（用 --note 说明原因）' },
        override: {
          en: 'override the comparison findings (with --note)',
          zh: '放行比对结果（用 --note 说明）',
        },
      },
    },
    reasons: { en: 'the reason for returning it', zh: '退回原因', option: 'return', value: 'REASON' },
    note: NOTE,
  },
  // A decision a form each, offered by what the application waits for: its audit flags' review, a decision on
  // comparison findings, a supervisor's confirmation of an override.
  presets: [
    {
      words: { en: 'Approve', zh: '审核通过' },
      body: { decision: 'approve' },
      when: ['review'],
      done: { en: 'approved', zh: '已审核通过' },
    },
    {
      words: { en: 'Override the findings', zh: '放行比对结果' },
      body: { decision: 'override' },
      when: ['decision'],
      fields: ['note'],
      done: { en: 'findings overridden', zh: '已放行比对结果' },
    },
    {
      words: { en: 'Confirm the override (supervisor)', zh: '确认放行（主管复核）' },
      body: { decision: 'override' },
      when: ['confirmation'],
      fields: ['note'],
      done: { en: 'override confirmed', zh: '已确认放行' },
    },
    {
      words: { en: 'Reject', zh: '不予受理' },
      body: { decision: 'reject' },
      when: ['review', 'decision', 'confirmation'],
      fields: ['note'],
      done: { en: 'rejected', zh: '已不予受理' },
    },
    {
      words: { en: 'Return to unit', zh: '退回单位' },
      body: { decision: 'return' },
      when: ['review', 'decision', 'confirmation'],
      fields: ['reasons', 'note'],
      done: { en: 'returned to the unit', zh: '已退回单位' },
    },
  ],
  // Reasons given mean a return; free text among them becomes OTHER and joins the note.
  complete: (given) => {
    const typed = Array.isArray(given.reasons) ? given.reasons.map(String) : [];
    if (typed.length === 0) return given;
    const { reasons, note } = returnReasons(typed);
    const notes = [note, given.note].filter(Boolean).join('; ');
    return { ...given, decision: 'return', reasons, ...(notes ? { note: notes } : {}) };
  },
});

export const resubmit = defineAction({
  permission: 'resubmit',
  target: 'application',
  path: 'resubmit',
  operationId: 'resubmitApplication',
  update: 'resubmit',
  sample: {
    applicant: { residentId: '11010519491231002X', name: '张三', phone: '13800138000' },
    note: 'photo taken again',
  },
  body: correctionSchema,
  request: resubmitRequestSchema,
  refusals: [
    'NOT_RETURNED',
    'RESUBMIT_CHANGES_PERSON',
    'REVISION_NOT_FOUND',
    'APPLICATION_BUSY',
    ...RID_CODES,
    ...GUARDIAN_CODES,
  ],
  summary: {
    en: "Resubmit a returned application with the applicant's corrected data.",
    zh: '为已退回单位的申请提交更正后的资料。',
  },
  label: { en: 'Resubmit', zh: '重新提交' },
  done: { en: 'resubmitted', zh: '已重新提交' },
  command: 'resubmit',
  example: 'sscard --as clerk resubmit A1b2c3 corrected.json --note "name corrected"',
  fields: {
    applicant: { en: "the applicant's corrected data", zh: '更正后的申请人资料', file: '<applicant.json>' },
    note: { en: 'what was corrected', zh: '更正了什么' },
  },
});

export const registerCollection = defineAction({
  permission: 'register_collection',
  target: 'application',
  path: 'collection',
  operationId: 'registerCollection',
  update: 'registerCollection',
  sample: {
    collectedBy: '张三',
    relation: 'self',
    receivedOn: '2026-12-01',
    place: 'service hall, counter 3',
  },
  body: collectionBodySchema,
  request: collectionRecordSchema,
  refusals: ['NOT_AWAITING_COLLECTION', 'COLLECTION_DATE_INVALID', 'APPLICATION_BUSY', ...RID_CODES],
  summary: {
    en: 'Register who collected the card, when and where.',
    zh: '登记领卡：谁、何时、何地领取。',
  },
  description:
    'By whom (an agent with their resident ID number, kept as a keyed hash and a mask), when and where.',
  label: { en: 'Register collection', zh: '登记领卡' },
  done: { en: 'collection registered', zh: '已登记领卡' },
  command: 'collect',
  example: 'sscard --as operator collect A1b2c3 --by 林新人 --relation self --place "service hall, window 2"',
  fields: {
    collectedBy: { en: 'the person who collected it', zh: '领卡人', option: 'by', value: 'NAME' },
    relation: { en: "the collector's relation to the holder", zh: '领卡人与持卡人的关系' },
    agentResidentId: {
      en: "an agent's resident ID number (unless the holder collected it)",
      zh: '代领人身份证号（本人领取时免填）',
      option: 'agent-id',
      value: 'RID',
    },
    receivedOn: {
      en: 'the day it was handed over (default: today, Beijing time)',
      zh: '交卡日期（默认：今天，北京时间）',
      option: 'on',
      value: 'YYYY-MM-DD',
    },
    place: { en: 'where it was handed over', zh: '领卡地点', value: 'PLACE' },
  },
  complete: (given) => ({ receivedOn: shanghaiDate(new Date()), ...given }),
});

export const withdraw = defineAction({
  permission: 'withdraw',
  target: 'application',
  path: 'withdraw',
  operationId: 'withdrawApplication',
  update: 'withdraw',
  sample: { reason: 'the applicant moved to another province', supervisorConfirmed: false },
  body: withdrawBodySchema,
  request: withdrawRequestSchema,
  refusals: ['WITHDRAW_NEEDS_SUPERVISOR', 'APPLICATION_BUSY'],
  summary: {
    en: 'Withdraw an application (once printing started: a supervisor, --confirm).',
    zh: '撤回申请（已开始制卡的：须主管用 --confirm 确认）。',
  },
  description: 'Once printing started, only a supervisor with supervisorConfirmed.',
  label: { en: 'Withdraw', zh: '撤回申请' },
  done: { en: 'withdrawn', zh: '已撤回' },
  command: 'withdraw',
  example: 'sscard --as clerk withdraw A1b2c3 --reason "the employee left the company"',
  fields: {
    reason: { en: 'why it is withdrawn', zh: '撤回原因' },
    supervisorConfirmed: {
      en: "a supervisor's confirmation once printing has started",
      zh: '已开始制卡时，主管的确认',
      option: 'confirm',
    },
  },
  accepted:
    'Taken: what the application did is being undone (the bank, the factory, the registry); its status ' +
    '(Location) shows it withdrawn when that is done',
});

export const expedite = defineAction({
  permission: 'expedite',
  target: 'application',
  path: 'expedite',
  operationId: 'expediteApplication',
  update: 'expedite',
  sample: { reason: 'hospital admission on Monday' },
  body: expediteBodySchema,
  refusals: ['ALREADY_EXPEDITED', 'TOO_LATE_TO_EXPEDITE', 'APPLICATION_BUSY'],
  summary: { en: 'Move an application ahead of others.', zh: '加急办理申请。' },
  description: 'The manufacturer prints it as express.',
  label: { en: 'Expedite', zh: '加急' },
  done: { en: 'expedited', zh: '已加急' },
  command: 'expedite',
  fields: { reason: { en: 'why it is urgent', zh: '加急原因' } },
});

export const holdForReview = defineAction({
  permission: 'hold_for_review',
  target: 'application',
  path: 'hold',
  operationId: 'holdForReview',
  update: 'holdForReview',
  sample: { note: 'random audit of the unit' },
  body: holdBodySchema,
  refusals: ['ALREADY_IN_REVIEW', 'TOO_LATE_TO_HOLD', 'APPLICATION_BUSY'],
  summary: {
    en: "Pull an application into an operator's review before its card is registered.",
    zh: '在卡管登记前把申请转人工审核。',
  },
  description: 'A random or targeted audit.',
  label: { en: 'Hold for review', zh: '转人工审核' },
  done: { en: 'held for review', zh: '已转人工审核' },
  command: 'hold',
  fields: { note: { en: 'why it should be reviewed', zh: '转审核原因' } },
});

export const orderReprint = defineAction({
  permission: 'order_reprint',
  target: 'application',
  path: 'reprint',
  operationId: 'orderReprint',
  update: 'orderReprint',
  sample: { note: 'the factory replaced the chip module' },
  body: reprintBodySchema,
  refusals: ['NOT_AWAITING_REPRINT', 'APPLICATION_BUSY'],
  summary: {
    en: 'Order the next print attempt after repeated print failures.',
    zh: '多次制卡失败后，下达重新制卡指令。',
  },
  label: { en: 'Order a reprint', zh: '重新制卡' },
  done: { en: 'reprint ordered', zh: '已下达重新制卡' },
  command: 'reprint',
  fields: { note: NOTE },
});

export const addNote = defineAction({
  permission: 'add_note',
  target: 'application',
  path: 'notes',
  operationId: 'addApplicationNote',
  update: 'addNote',
  sample: { note: 'applicant phoned: collects on Tuesday' },
  body: z.object({ note: noteSchema.min(1) }),
  refusals: ['APPLICATION_BUSY'],
  summary: {
    en: "Add a note to an application's timeline: a call with the applicant, why it waits, what was agreed.",
    zh: '在申请的办理记录中添加备注：与申请人的通话、等待的原因、约定的事项。',
  },
  description:
    'The note is kept in the timeline with who wrote it and when; it changes nothing else. A unit clerk notes ' +
    'the applications of their own unit.',
  label: { en: 'Add a note', zh: '添加备注' },
  done: { en: 'note added', zh: '已添加备注' },
  command: 'note',
  fields: { note: { en: 'the note, as the next person should read it', zh: '备注内容' } },
  example: 'sscard --as operator note A1b2c3 --note "applicant phoned: collects on Tuesday"',
});

export const waiveFee = defineAction({
  permission: 'waive_fee',
  target: 'application',
  path: 'fee-waiver',
  operationId: 'waiveFee',
  update: 'waiveFee',
  sample: { exemption: 'LOW_INCOME', note: 'minimum living allowance certificate 330106-2026-0412 seen' },
  body: waiverBodySchema,
  refusals: ['NOT_AWAITING_PAYMENT', 'FEE_EXEMPTION_NOT_IN_EFFECT', 'APPLICATION_BUSY'],
  summary: {
    en: 'Waive the fee an application waits for, for an exemption in effect, with the evidence seen.',
    zh: '按现行减免政策免收申请的工本费，并注明所查验的证明。',
  },
  description:
    'Only while the application waits for its fee. The exemption must be one the region’s fee policy grants on ' +
    'the day of acceptance; the charge is closed at the payment provider (refunded if it was paid meanwhile), and ' +
    'the card goes to print.',
  help: [
    {
      en: `Exemptions: ${FEE_EXEMPTIONS.join(', ')} (damage not the holder's fault: a damaged card only)`,
      zh: `减免类别：${FEE_EXEMPTIONS.join(', ')}（非本人原因损坏仅适用于损坏换卡）`,
    },
  ],
  label: { en: 'Waive the fee', zh: '免收工本费' },
  done: { en: 'fee waived', zh: '已免收工本费' },
  command: 'waive-fee',
  fields: {
    exemption: { en: 'the exemption', zh: '减免类别', value: 'EXEMPTION' },
    note: { en: 'the evidence seen (a certificate, its number)', zh: '查验的证明（证件及编号）' },
  },
  example:
    'sscard --as operator waive-fee A1b2c3 --exemption LOW_INCOME --note "allowance certificate 2026-0412 seen"',
});

export const APPLICATION_ACTIONS = [
  review,
  resubmit,
  registerCollection,
  withdraw,
  expedite,
  holdForReview,
  orderReprint,
  addNote,
  waiveFee,
] as const;
