// The actions on a card in use, each taken by the card's own process (workflows/card-life): a loss report, its
// lift, a cancellation for good, and the unlock of a card locked by wrong PINs.
import { cancelCardBodySchema, liftBodySchema, lossReportBodySchema } from '../messages';
import { defineAction } from './define';

export const reportLoss = defineAction({
  permission: 'report_card_loss',
  target: 'card',
  path: 'loss-report',
  operationId: 'reportCardLoss',
  update: 'reportLoss',
  sample: { kind: 'temporary', channel: 'phone' },
  body: lossReportBodySchema,
  refusals: ['CARD_NOT_IN_USE', 'LOSS_ALREADY_REPORTED'],
  summary: {
    en: 'Take a loss report: temporary (by phone or online; it lapses after 5 working days) or formal (at a counter).',
    zh: '受理挂失：临时挂失（电话或网上；5 个工作日后失效）或正式挂失（窗口办理）。',
  },
  description:
    'The card is suspended (temporary) or lost (formal) in the registry, its financial function is frozen at ' +
    'the bank and the holder is told by SMS. A temporary report lapses after the policy’s working days (5 by ' +
    'default) unless it is made formal; the card and its financial function are then back. A card handed over ' +
    'but not yet registered as collected is refused: register its collection first.',
  label: { en: 'Report loss', zh: '挂失' },
  done: { en: 'loss reported', zh: '已挂失' },
  command: 'card report-loss',
  fields: {
    kind: {
      en: 'temporary (it lapses) or formal (at a counter)',
      zh: '临时挂失（会失效）或正式挂失（窗口办理）',
    },
    channel: {
      en: 'how the holder reported it (default: phone, counter for a formal one)',
      zh: '挂失渠道（默认电话；正式挂失为窗口）',
    },
    note: { en: 'a note for the record', zh: '备注' },
  },
  example: 'sscard --as operator card report-loss C1b2c3 --kind temporary --channel phone',
  presets: [
    {
      words: { en: 'Temporary loss (phone)', zh: '临时挂失（电话）' },
      body: { kind: 'temporary', channel: 'phone' },
      when: ['issued'],
      done: { en: 'Card {id}: temporary loss report taken.', zh: '社保卡 {id} 已临时挂失。' },
    },
    {
      words: { en: 'Formal loss (counter)', zh: '正式挂失（窗口）' },
      body: { kind: 'formal', channel: 'counter' },
      when: ['issued'],
      done: { en: 'Card {id}: formal loss report taken.', zh: '社保卡 {id} 已正式挂失。' },
    },
    {
      words: { en: 'Make formal (counter)', zh: '转为正式挂失（窗口）' },
      body: { kind: 'formal', channel: 'counter' },
      when: ['suspended'],
      done: { en: 'Card {id}: loss report made formal.', zh: '社保卡 {id} 已转为正式挂失。' },
    },
  ],
  // A formal report is made at a counter, a temporary one mostly by phone.
  complete: (given) => ({
    channel: given.kind === 'formal' ? ('counter' as const) : ('phone' as const),
    ...given,
  }),
});

export const liftLoss = defineAction({
  permission: 'lift_card_loss',
  target: 'card',
  path: 'loss-report/lift',
  operationId: 'liftCardLoss',
  update: 'liftLoss',
  sample: { note: 'found at home' },
  body: liftBodySchema,
  refusals: ['CARD_NOT_IN_USE', 'NO_LOSS_REPORTED'],
  summary: {
    en: 'The card turned up: lift its loss report, the card and its financial function are back.',
    zh: '卡已找到：解除挂失，卡片及其金融功能恢复使用。',
  },
  label: { en: 'Lift loss report', zh: '解除挂失' },
  done: { en: 'loss report lifted', zh: '已解除挂失' },
  command: 'card lift-loss',
  fields: { note: { en: 'a note for the record', zh: '备注' } },
  example: 'sscard --as operator card lift-loss C1b2c3 --note "found at home"',
  presets: [
    {
      words: { en: 'Lift loss report', zh: '解除挂失' },
      body: {},
      when: ['suspended', 'lost'],
      done: { en: 'Card {id}: loss report lifted.', zh: '社保卡 {id} 已解除挂失。' },
    },
  ],
});

export const cancelCard = defineAction({
  permission: 'cancel_card',
  target: 'card',
  path: 'cancellation',
  operationId: 'cancelCard',
  update: 'cancelCard',
  sample: { reason: 'EMIGRATED', note: 'settled abroad' },
  body: cancelCardBodySchema,
  refusals: ['CARD_NOT_IN_USE'],
  summary: {
    en: 'Cancel a card in use for good: the holder emigrated, asked for it, or died.',
    zh: '注销在用的社保卡：持卡人出境定居、本人申请或死亡。',
  },
  description:
    'The bank freezes the card’s financial function and the registry cancels the card. A death is normally ' +
    'reported by the population registry itself (POST /v1/partners/population/death-notices).',
  label: { en: 'Cancel the card', zh: '注销' },
  done: { en: 'cancelled', zh: '已注销' },
  command: 'card cancel',
  fields: {
    reason: { en: 'why the card ends', zh: '注销原因' },
    note: { en: 'a note for the record', zh: '备注' },
  },
  example: 'sscard --as supervisor card cancel C1b2c3 --reason EMIGRATED',
  presets: [
    {
      words: { en: 'Cancel (emigrated)', zh: '注销（出境定居）' },
      body: { reason: 'EMIGRATED' },
      when: ['issued', 'suspended', 'lost'],
      done: { en: 'Card {id} cancelled.', zh: '社保卡 {id} 已注销。' },
    },
  ],
});

export const unlockCard = defineAction({
  permission: 'unlock_card',
  target: 'card',
  path: 'unlock',
  operationId: 'unlockCard',
  update: 'unlockCard',
  sample: { note: 'identity checked against the ID card' },
  body: liftBodySchema,
  refusals: ['CARD_NOT_IN_USE', 'CARD_NOT_LOCKED'],
  summary: {
    en: 'Unlock a card locked by wrong PINs, at a counter after checking the holder’s identity.',
    zh: '窗口核验持卡人身份后，解锁因密码错误被锁定的社保卡。',
  },
  description:
    'The terminals’ network resets the chip’s count of wrong PINs, then the card’s lock is lifted and its ' +
    'failures start again from none. sscard never sees the PIN: the holder sets a new one at a terminal if needed.',
  label: { en: 'Unlock', zh: '解锁' },
  done: { en: 'unlocked', zh: '已解锁' },
  command: 'card unlock',
  fields: { note: { en: 'a note for the record (how identity was checked)', zh: '备注（如何核验身份）' } },
  example: 'sscard --as operator card unlock C1b2c3 --note "ID card checked"',
  presets: [
    {
      words: { en: 'Unlock (identity checked)', zh: '解锁（已核验身份）' },
      body: {},
      // A card's use (domain/card-use.ts), not its status: offered on a locked card whatever its loss report.
      when: ['locked'],
      done: { en: 'Card {id} unlocked.', zh: '社保卡 {id} 已解锁。' },
    },
  ],
});

export const CARD_ACTIONS = [reportLoss, liftLoss, cancelCard, unlockCard] as const;
