// The console's languages: Simplified Chinese by default (the center's staff), English as a choice kept in this
// browser. Texts are written in English in the code and looked up here; codes from the API (stages, SLA states,
// roles, reasons) have names of their own. Anything without a translation shows as it is written.

const KEY = 'sscard.locale';
export const LOCALES = { 'zh-CN': '中文', en: 'English' };

export const locale = (() => {
  const saved = localStorage.getItem(KEY);
  return saved && saved in LOCALES ? saved : 'zh-CN';
})();

/** Switches the language and shows the page again in it. */
export function setLocale(next) {
  localStorage.setItem(KEY, next);
  location.reload();
}

const ZH = {
  // Page and sign-in
  'sscard · operator console': 'sscard · 社保卡经办台',
  'operator console': '经办台',
  'Sign in': '登录',
  'Sign out': '退出',
  'Access token': '访问令牌',
  'The token is kept in this browser tab only and forgotten when the tab closes.':
    '令牌只保存在本浏览器标签页中，关闭标签页即清除。',
  Language: '语言',
  'Signed in as {who}.': '已登录：{who}。',
  'Signed out.': '已退出。',
  'Your sign-in is no longer valid: sign in again.': '登录已失效，请重新登录。',
  'unit {unit}': '单位 {unit}',
  // Views and queues
  Views: '视图',
  Queues: '工作队列',
  Queue: '队列',
  Batches: '批量申领',
  Compliance: '时限达标',
  // Cards after issuance
  Cards: '持卡管理',
  'Resident ID number': '公民身份号码',
  'Look up cards': '查询名下社保卡',
  'No card on record for this person (that you may see).': '该人员名下没有（您可查看的）社保卡记录。',
  'Cards of the person': '名下社保卡',
  Card: '卡标识',
  'Card number': '社会保障卡号',
  Since: '变更时间',
  'E-card': '电子社保卡',
  'Replace (lost)': '补领（遗失）',
  Photo: '照片',
  'Photo on the card': '卡面照片',
  'Replace (damaged)': '换领（损坏）',
  'Renew (expired)': '换领（到期）',
  'Card {card}: replacement application {application} started.':
    '社保卡 {card} 的补换卡申请 {application} 已受理。',
  'Awaiting review': '待审核',
  Returned: '已退回单位',
  'At risk': '临近时限',
  Breached: '已超时',
  'Awaiting collection': '待领卡',
  Refresh: '刷新',
  Application: '申请编号',
  Stage: '环节',
  Unit: '单位',
  SLA: '时限状态',
  Due: '办结期限',
  Returns: '退回次数',
  'Nothing in this queue.': '该队列暂无申请。',
  'Show more': '显示更多',
  'Choose an application to see its timeline.': '选择一条申请，查看办理进程。',
  // One application
  'Application {id}': '申请 {id}',
  'Waiting for': '等待',
  Mode: '方式',
  Batch: '批次',
  Deadline: '办结期限',
  'end of {day}': '{day}下班前',
  ' (provisional)': '（暂定）',
  'Working days': '工作日',
  '{used} used · {left} left of {total}': '已用 {used} 个 · 剩余 {left} 个，共 {total} 个',
  ' · clock paused': ' · 计时暂停',
  Expedited: '加急',
  yes: '是',
  'Audit flags': '审核提示',
  Outcome: '结果',
  'Timeline (UTC+8)': '办理进程（北京时间）',
  // Who took a step, and the notes sscard writes on it (notes.js)
  'sscard (system)': '系统',
  'card manufacturer': '制卡厂',
  'cooperative bank': '合作银行',
  'population registry': '人口信息库',
  'print order no. {n}': '第 {n} 次制卡',
  'print order {id}': '制卡指令 {id}',
  '{code}: {message}': '{code}',
  'findings overridden: {codes}': '比对结果已放行：{codes}',
  '{order} failed at {stage}': '{order}在「{stage}」工序失败',
  '{n} attempts failed': '已有 {n} 次制卡失败',
  '{order}: {outcome}': '{order}：{outcome}',
  'account opened': '已开立银行账户',
  'existing account linked': '已关联原有银行账户',
  'account and wallet closed': '银行账户及电子钱包已注销',
  'wallet revoked, account kept': '电子钱包已撤销，银行账户保留',
  'collected by {relation} at {place}': '{relation}领取，地点：{place}',
  '{card} back to {status}': '原卡 {card} 恢复为「{status}」',
  '{card}: financial function ended': '原卡 {card} 的金融功能已停用',
  '{card}: financial function active again': '原卡 {card} 的金融功能已恢复',
  '{card} ({status}) cancelled: {reason}': '原卡 {card}（{status}）已注销：{reason}',
  'replaces {card} ({reason}), identity data unchanged': '补换原卡 {card}（{reason}），身份信息未变',
  '{what}: {cause}': '{what}：{cause}',
  failed: '失败',
  'the bank account': '银行账户',
  'the print order': '制卡指令',
  'the card registration': '卡管登记',
  'the notices': '通知单位和本人',
  'the notice of the restored card': '原卡恢复通知',
  When: '时间',
  Action: '操作',
  By: '操作人',
  Note: '备注',
  Actions: '可办操作',
  '{action}: {id} is now {stage}.': '{action}：{id} 现处于「{stage}」。',
  Approve: '审核通过',
  'Cannot be approved ({flags}): return it to the unit for a usable photo.':
    '{flags}，不能审核通过：请退回单位补传或更正照片。',
  ', ': '、',
  'Confirm the override (supervisor)': '确认放行（主管复核）',
  'Override the findings': '放行比对结果',
  Confirm: '确认',
  Override: '放行',
  Reject: '不予受理',
  Reason: '原因',
  'Return to unit': '退回单位',
  Return: '退回',
  'Register collection': '登记领卡',
  "Agent's resident ID number (unless self)": '代领人身份证号（本人领取免填）',
  'Collected by': '领卡人',
  Relation: '与申请人关系',
  'Received on': '领卡日期',
  Place: '领卡地点',
  'Order reprint': '重新制卡',
  'Hold for review': '转人工审核',
  Why: '原因',
  Hold: '转审核',
  Expedite: '加急办理',
  Withdraw: '撤回申请',
  'Confirm: printing has started': '确认：已开始制卡',
  // Batches
  'Submit a batch': '提交批量申领',
  'Applicants (JSON or CSV)': '申领人员名单（JSON 或 CSV）',
  'Photos (JPEG or ZIP, named by row or resident ID number)': '照片（JPEG 或 ZIP，文件名为行号或身份号码）',
  'Two photos are named {name}.': '有两张照片都名为 {name}。',
  '{name} is not a ZIP archive that can be read: {reason}': '{name} 不是可读取的 ZIP 压缩包：{reason}',
  'Applying unit': '申领单位',
  'Submit batch': '提交批次',
  Photos: '照片',
  'Photos refused': '未通过的照片',
  'Invalid rows': '无效行',
  Row: '行号',
  Code: '代码',
  Problem: '问题',
  'Batch {id}: {staged} of {total} staged, {invalid} invalid; photos: {kept} kept, {refused} refused':
    '批次 {id}：{total} 行中 {staged} 行已受理，{invalid} 行无效；照片 {kept} 张已保存，{refused} 张未通过',
  'The CSV file is empty: it needs a header line (residentId,name,...).':
    'CSV 文件为空：需要表头行（residentId,name,...）。',
  'Expected an array of applicants, or {"applicants": [...]}.':
    '应为申领人员数组，或 {"applicants": [...]}。',
  'Batch ID': '批次号',
  'Show progress': '查看进度',
  'List batches': '批次列表',
  'No batches.': '暂无批次。',
  'Batch {id}': '批次 {id}',
  Started: '已启动',
  'Notified or closed': '已通知或已办结',
  Submitted: '提交时间',
  Rows: '行数',
  Status: '状态',
  '{n} applicants': '{n} 名申请人',
  'due end of {day}': '{day}前办结',
  '{total} rows: {started} started, {invalid} invalid, {duplicates} duplicates, {elsewhere} already in progress elsewhere':
    '共 {total} 行：已启动 {started}，无效 {invalid}，重复 {duplicates}，已在别处办理 {elsewhere}',
  '{n} breached': '{n} 条超时',
  // Compliance
  'Deadline compliance': '办结时限达标情况',
  'all units': '全部单位',
  Update: '更新',
  Applications: '申请数',
  'Deadline compliance of {total} applications, {scope}': '{scope}共 {total} 条申请的办结时限达标情况',
  '{total} applications, {scope}': '{scope}共 {total} 条申请',
  Met: '按时办结',
  'Met late': '超时办结',
  'On track': '正常',
  Warning: '临近时限',
  'Paused (with unit)': '暂停（退回单位中）',
  'Accepted in a period': '按受理日期统计',
  From: '起',
  To: '止',
  'all modes': '全部方式',
  sporadic: '零星申领',
  batch: '批量申领',
  'Show report': '统计',
  'Export CSV': '导出 CSV',
  Accepted: '受理数',
  Open: '在办',
  'Of which overdue': '其中已超时',
  'Closed without a card': '未发卡办结',
  Scope: '范围',
  All: '全部',
  'By unit': '按单位',
  'By mode': '按申领方式',
  'By week of acceptance': '按受理周',
  'Week of': '受理周（周一）',
  'Working days taken until notified': '办结所用工作日',
  '{n} days': '{n} 个工作日',
  'None notified yet.': '尚无已通知的申请。',
  '{from} to {to}': '{from} 至 {to}',
  // Errors
  'The server cannot be reached. Check the connection and try again.': '无法连接服务器，请检查网络后重试。',
};

// Codes the API sends, by kind.
const ZH_CODES = {
  // Stages
  accepted: '已受理',
  auditing: '审核中',
  awaiting_review: '待人工审核',
  comparing: '信息比对中',
  returned: '已退回单位',
  registering: '卡管登记中',
  printing: '制卡中',
  print_failed: '制卡失败',
  bank_account: '开户及电子社保卡',
  notifying: '发卡通知中',
  awaiting_collection: '待领卡',
  issued: '已领卡',
  // Card statuses (the stages above name the rest)
  pending_print: '待制卡',
  at_bank: '银行已收卡',
  // E-card statuses (the card lookup's ecard.status, shown as ecard_<status>)
  ecard_active: '电子社保卡可用',
  ecard_suspended: '电子社保卡已暂停',
  ecard_cancelled: '电子社保卡已注销',
  bank_activated: '金融功能已激活',
  suspended: '临时挂失',
  lost: '正式挂失',
  cancelled: '已注销',
  replaced: '已补换',
  withdrawn: '已撤回',
  expired: '已过期',
  rejected: '不予受理',
  // SLA states
  on_track: '正常',
  warning: '临近时限',
  breached: '已超时',
  paused: '暂停',
  met: '按时办结',
  met_late: '超时办结',
  // What an application waits for
  review: '人工审核',
  decision: '经办决定',
  confirmation: '主管复核',
  resubmission: '单位重新提交',
  print_report: '制卡结果',
  reprint_order: '重新制卡指令',
  collection: '领卡',
  // The manufacturer's steps, where a print order can fail
  data_check: '数据校验',
  personalization: '个人化',
  chip_encoding: '芯片写入',
  quality_check: '质检',
  packaging: '封装',
  // Roles
  unit_clerk: '单位经办员',
  operator: '经办员',
  supervisor: '主管',
  partner: '合作机构',
  admin: '管理员',
  system: '系统',
  // Modes and batch phases
  sporadic: '零星申领',
  batch: '批量申领',
  staged: '已暂存',
  starting: '启动中',
  running: '办理中',
  notified: '已全部通知',
  // Return reasons and audit flags
  NAME_MISMATCH: '姓名不符',
  BIRTH_DATE_MISMATCH: '出生日期不符',
  DECEASED: '已死亡',
  UNKNOWN_PERSON: '查无此人',
  BANK_RECORD_CONFLICT: '银行信息冲突',
  PHOTO_MISSING: '缺少照片',
  PHOTO_UNUSABLE: '照片不合格',
  PHONE_MISSING: '缺少手机号',
  AGE_OUT_OF_RANGE: '年龄不符',
  UNIT_NOT_ACTIVE: '单位非正常状态',
  DATA_INCOMPLETE: '资料不全',
  SELECTED_FOR_AUDIT: '抽查审核',
  HELD_FOR_REVIEW: '转人工审核',
  OTHER: '其他',
  // Why a card was replaced or cancelled
  LOST: '遗失',
  DAMAGED: '损坏',
  EXPIRED: '到期',
  REPLACED_BY_NEW_CARD: '已换发新卡',
  LOST_AND_REPLACED: '遗失补领',
  SUPERSEDED: '被新卡取代',
  WITHDRAWN: '申请撤回',
  HOLDER_DECEASED: '持卡人死亡',
  EMIGRATED: '出境定居',
  HOLDER_REQUEST: '持卡人申请',
  // Collection relations
  self: '本人',
  family: '家属',
  guardian: '监护人',
  unit_agent: '单位经办人',
  proxy: '受托人',
  // Timeline actions
  approved: '审核通过',
  override_proposed: '提议放行',
  override_confirmed: '复核放行',
  expedited: '加急',
  held_for_review: '转人工审核',
  resubmitted: '单位重新提交',
  resubmission_refused: '重新提交被拒',
  printed: '制卡完成',
  reprint_ordered: '重新制卡',
  print_order_cancelled: '制卡指令取消',
  print_reported_late: '制卡结果迟报',
  bank_account_closed: '银行账户已注销',
  previous_card_restored: '原卡已恢复',
  previous_card_cancelled: '原卡已注销',
  previous_card_frozen: '原卡金融功能已停用',
  previous_card_unfrozen: '原卡金融功能已恢复',
  comparison_kept: '补换卡：沿用原比对结果',
  compensation_failed: '撤销未完成',
};

// The API's refusals by their code (domain/errors.ts), for the people at the center; the API's own message, in
// English, follows with the details.
const ZH_ERRORS = {
  VALIDATION_FAILED: '请求内容有误',
  RID_FORMAT: '身份证号码应为 17 位数字加 1 位数字或 X',
  RID_REGION: '身份证号码的行政区划代码不存在',
  RID_BIRTH_DATE: '身份证号码中的出生日期不存在',
  RID_BIRTH_IN_FUTURE: '身份证号码中的出生日期晚于今天',
  RID_CHECKSUM: '身份证号码校验位不符（GB 11643-1999）',
  APPLICATION_NOT_FOUND: '查无此申请（或无权查看）',
  APPLICATION_IN_FLIGHT: '此人已有在办的申请',
  ALREADY_CLOSED: '申请已办结',
  UNIT_UNKNOWN: '参保单位未在中心登记',
  UNIT_NOT_ACTIVE: '参保单位处于暂停状态',
  ROLE_NOT_ALLOWED: '您的角色无权办理此项',
  NOT_YOUR_UNIT: '该申请属于其他单位',
  NOT_AWAITING_REVIEW: '该申请不在待审核状态',
  DECISION_NOT_ALLOWED: '此决定不适用于该申请当前等待的事项',
  FLAG_BLOCKS_APPROVAL: '缺少照片或照片不合格，不能审核通过',
  FOUR_EYES_REQUIRED: '放行须由另一位主管复核确认',
  NOT_RETURNED: '该申请未退回单位',
  NOT_AWAITING_COLLECTION: '该卡不在待领取状态',
  NOT_AWAITING_REPRINT: '该申请不在等待重新制卡',
  COLLECTION_DATE_INVALID: '领卡日期不可能',
  WITHDRAW_NEEDS_SUPERVISOR: '已开始制卡：只能由主管明确确认后撤回',
  ALREADY_EXPEDITED: '该申请已加急',
  TOO_LATE_TO_EXPEDITE: '卡已在发放环节，不能加急',
  TOO_LATE_TO_HOLD: '卡已登记或在制卡中，不能转审核',
  ALREADY_IN_REVIEW: '该申请已在审核中',
  REVISION_NOT_FOUND: '未找到更正后的资料',
  RESUBMIT_CHANGES_PERSON: '更正不能修改身份证号码',
  ORDER_UNKNOWN: '查无此制卡指令',
  ORDER_ALREADY_REPORTED: '该制卡指令已回报或已取消',
  PARTNER_UNAVAILABLE: '合作机构系统（银行、制卡厂、短信）暂不可用',
  CARD_NOT_FOUND: '卡管系统中查无此卡（或无权查看）',
  CARD_NOT_IN_USE: '该卡不在持卡人手中：尚未发放，或已注销、已补换',
  LOSS_ALREADY_REPORTED: '该卡已有同类（或正式）挂失',
  NO_LOSS_REPORTED: '该卡没有可解除的挂失',
  PHOTO_UNREADABLE: '照片文件无法读取（损坏、不完整或不是图片），请重新导出 JPEG 上传',
  PHOTO_NOT_TO_SPEC: '照片不符合社保卡照片规格（像素尺寸、彩色、文件大小），请按提示处理后重新上传',
  PHOTO_NOT_FOUND: '没有这张照片，请核对照片编号或重新上传',
  PHOTO_LINK_INVALID: '照片链接无效或已超过72小时',
  TRACKING_CODE_INVALID: '验证码无效：错误、已使用、超过10分钟或尝试次数过多，请重新获取',
  TRACKING_LINK_INVALID: '链接无效或已超过90天，请用身份证号和短信验证码查询',
  REPLACEMENT_NOT_ALLOWED: '该卡现在不能以此原因补换：遗失须先正式挂失，损坏或到期须在使用中',
  PARTNER_REJECTED: '合作机构系统拒绝了 sscard 的请求（请核对对接设置）',
  BATCH_NOT_FOUND: '查无此批次（或无权查看）',
  POLICY_NOT_FOUND: '没有适用的时限政策',
  POLICY_INVALID: '时限政策不合规',
  CALENDAR_INVALID: '日历年度不合规',
  CALENDAR_YEAR_NOT_FOUND: '该年度日历尚未发布',
  UNAUTHENTICATED: '未提供有效的访问令牌',
  KEY_NOT_FOUND: '查无此访问密钥',
  ACCOUNT_IN_OTHER_UNIT: '该账号已有其他单位或角色的密钥',
  NOT_FOUND: '查无此资源',
  METHOD_NOT_ALLOWED: '该资源不支持此操作',
  INVALID_JSON: '请求内容不是有效的 JSON',
  UNSUPPORTED_MEDIA_TYPE: '请求内容不是 JSON',
  RATE_LIMITED: '请求过于频繁',
  BODY_INCOMPLETE: '请求内容未完整送达',
  PAYLOAD_TOO_LARGE: '请求内容过大',
  IDEMPOTENCY_KEY_MISSING: '缺少 Idempotency-Key',
  IDEMPOTENCY_KEY_REUSED: '该 Idempotency-Key 已用于其他请求',
  IDEMPOTENCY_IN_FLIGHT: '同一 Idempotency-Key 的请求仍在处理中',
  SIGNATURE_INVALID: '回调未签名或签名不符',
  SIGNATURE_STALE: '回调时间戳与当前时间相差超过 5 分钟',
  SIGNATURE_REPLAYED: '该回调已收到过',
  CODEC_KEY_UNKNOWN: '数据加密所用密钥不在本系统中',
  PAYLOAD_NOT_ENCRYPTED: '请求未经 sscard 发出（数据未加密）',
  APPLICATION_BUSY: '申请正在记录办理步骤，请稍后重试',
  PAYLOAD_TAMPERED: '加密数据完整性校验失败',
  SERVICE_UNAVAILABLE: '系统内部服务（Temporal 或数据库）暂不可用',
  INTERNAL_ERROR: '系统内部出错',
  NETWORK: '无法连接服务器',
};

/** A refusal of the API as a person reads it: '未提供有效的访问令牌（UNAUTHENTICATED）'. */
export function refusal(code, message) {
  if (locale === 'zh-CN' && ZH_ERRORS[code]) return `${ZH_ERRORS[code]}（${code}）：${message}`;
  return `${code}: ${message}`;
}

/** A text of the console in the chosen language, with `{name}` filled from `vars`. */
export function t(text, vars = {}) {
  const template = locale === 'zh-CN' ? (ZH[text] ?? text) : text;
  return template.replace(/\{(\w+)\}/g, (_, name) => String(vars[name] ?? ''));
}

/**
 * A code from the API as people call it: '待人工审核' for awaiting_review, 'awaiting review' in English. A refusal's
 * code (a timeline's note may carry one) by its name.
 */
export function label(code) {
  if (!code) return '';
  const zh = locale === 'zh-CN' && (ZH_CODES[code] ?? ZH_ERRORS[code]);
  return zh || String(code).replace(/_/g, ' ');
}

/** sscard and its partners by name (their accounts, domain/actors.ts); people by role and account. */
const ACTOR_NAMES = {
  'system:sscard': 'sscard (system)',
  'partner:card-manufacturer': 'card manufacturer',
  'partner:cooperative-bank': 'cooperative bank',
  'partner:population-registry': 'population registry',
};

/** Who took a step: '制卡厂' for the manufacturer's account, '经办员 op-01' for a person. */
export function actorName({ role, id }) {
  const name = ACTOR_NAMES[`${role}:${id}`];
  return name ? t(name) : `${label(role)} ${id}`;
}

/** Translates the page's own markup: elements marked data-i18n (text) and data-i18n-placeholder. */
export function translatePage() {
  document.documentElement.lang = locale;
  document.title = t(document.title);
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.textContent.trim());
  for (const el of document.querySelectorAll('[data-i18n-label]'))
    el.setAttribute('aria-label', t(el.getAttribute('aria-label')));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]'))
    el.setAttribute('placeholder', t(el.getAttribute('placeholder')));
}
