// The command line's texts in Chinese, by their English text in the code (see cli/i18n.ts). Codes and refusals
// are not here: they take the domain's words (domain/words.zh-CN.json), the ones the console shows.
export const ZH: Readonly<Record<string, string>> = {
  // The command line as a whole
  'usage: sscard <command> [arguments] [options]': '用法：sscard <命令> [参数] [选项]',
  'The command line of the sscard API: social security card applications and batches.':
    'sscard 接口的命令行：社保卡申领（零星与批量）及持卡管理。',
  'commands:': '命令：',
  'global options:': '通用选项：',
  'options:': '选项：',
  'usage: {usage} [options]': '用法：{usage} [选项]',
  ' (repeatable)': '（可重复）',
  'environment: SSCARD_API_URL (default http://127.0.0.1:8080), SSCARD_TOKEN':
    '环境变量：SSCARD_API_URL（默认 http://127.0.0.1:8080）、SSCARD_TOKEN',
  'exit codes: 0 done, {refused} refused by the API, {usage} wrong usage, {unavailable} API unreachable or failing':
    '退出码：0 完成，{refused} 被接口拒绝，{usage} 用法有误，{unavailable} 接口无法连接或出错',
  "Each command has --help, e.g. 'sscard batch submit --help'.":
    "每个命令都有 --help，如 'sscard batch submit --help'。",
  'Messages follow the locale: LANG=zh_CN.UTF-8 (or LC_ALL, LC_MESSAGES) for Chinese.':
    '提示语言随系统区域设置：LANG=zh_CN.UTF-8（或 LC_ALL、LC_MESSAGES）为中文。',
  'print JSON (for scripts) instead of tables': '输出 JSON（供脚本使用），不输出表格',
  'bearer token (default: $SSCARD_TOKEN)': '访问令牌（默认：$SSCARD_TOKEN）',
  'use the local stack token of operator|supervisor|admin|clerk':
    '使用本地环境中 operator|supervisor|admin|clerk 的令牌',
  'API base URL (default: $SSCARD_API_URL or :8080)': '接口地址（默认：$SSCARD_API_URL 或 :8080）',
  'show this help': '显示本帮助',
  // Errors and what to do next
  'error: {what}': '错误：{what}',
  'error {code}: {message}': '错误 {code}：{message}',
  'next: {next}': '下一步：{next}',
  "see the command's --help": '请查看该命令的 --help',
  "unknown command '{command}' (see sscard --help)": "没有命令 '{command}'（见 sscard --help）",
  'missing {what}': '缺少 {what}',
  'unexpected argument {what}': '多余的参数 {what}',
  '{option} is required': '缺少 {option}',
  '{options} and {last} are required': '缺少 {options} 和 {last}',
  'start the stack (npm start) or set SSCARD_API_URL': '启动本地环境（npm start），或设置 SSCARD_API_URL',
  'cannot reach the sscard API at {base} ({reason})': '无法连接 sscard 接口 {base}（{reason}）',
  'pass a valid token: --token, $SSCARD_TOKEN, or --as <role> on the local stack':
    '请提供有效的令牌：--token、$SSCARD_TOKEN，或在本地环境用 --as <角色>',
  'wait a moment and try again': '请稍候再试',
  'the server failed; try again, and look at its log if it persists':
    '服务器出错；请重试，如持续出错请查看其日志',
  'this token is not one the API knows (revoked, mistyped or of another stack): give another with --token, pick one of the local stack with --as operator|supervisor|admin|clerk, or set SSCARD_TOKEN':
    '接口不认识该令牌（已吊销、输错或属于其他环境）：用 --token 提供其他令牌，在本地环境用 --as operator|supervisor|admin|clerk 选取，或设置 SSCARD_TOKEN',
  'register the collection first: sscard collect <application> --by NAME --relation REL --place PLACE (sscard card lookup <residentId> shows the application), then try again':
    '先登记领卡：sscard collect <申请编号> --by 领卡人 --relation 关系 --place 地点（sscard card lookup <身份证号> 可查到申请编号），然后重试',
  '(none)': '（无）',
  // Tables and fields
  Application: '申请编号',
  Applications: '申请数',
  Applicants: '申请人数',
  Stage: '环节',
  Mode: '方式',
  Unit: '单位',
  Batch: '批次',
  SLA: '时限状态',
  Deadline: '办结期限',
  'Due by end of': '办结期限（当日下班前）',
  Returns: '退回次数',
  Expedited: '加急',
  yes: '是',
  'Audit flags': '审核提示',
  Guardian: '监护人',
  ', handed over at {at}': '，{at} 起已移交本人',
  Outcome: '结果',
  'When (UTC+8)': '时间（北京时间）',
  'Updated (UTC+8)': '更新时间（北京时间）',
  'Submitted (UTC+8)': '提交时间（北京时间）',
  'Raised (UTC+8)': '发起时间（北京时间）',
  'Since (UTC+8)': '变更时间（北京时间）',
  Action: '操作',
  By: '操作人',
  Note: '备注',
  Queue: '队列',
  'Queues:': '队列：',
  Kind: '类型',
  Status: '状态',
  Started: '已启动',
  Invalid: '无效',
  Refused: '被拒',
  Row: '行号',
  row: '行',
  Code: '代码',
  Problem: '问题',
  Count: '数量',
  Days: '工作日',
  Card: '卡标识',
  'Card number': '社会保障卡号',
  Use: '用卡状态',
  '{n} wrong PINs': '密码错误 {n} 次',
  'In force': '在用',
  Event: '事项',
  Channel: '渠道',
  'unit {unit}': '单位 {unit}',
  '(newest 200 shown)': '（显示最新 200 条）',
  // One application
  'no deadline yet': '尚未确定办结期限',
  '{used} of {total} working days used, {left} left': '共 {total} 个工作日，已用 {used} 个，剩余 {left} 个',
  'due by end of {day}': '{day}下班前办结',
  'clock paused (with the unit)': '计时暂停（退回单位中）',
  'provisional (holidays of that year not published)': '暂定（该年度节假日尚未发布）',
  ', waiting for {what}': '，等待{what}',
  '{what}: {id} is now {stage} ({code})': '{what}：{id} 现处于「{stage}」（{code}）',
  'deadline: {line}': '办结期限：{line}',
  'submitted {id} ({stage})': '已提交 {id}（{stage}）',
  Lane: '办理方式',
  'counter {counter}': '窗口 {counter}',
  'within {minutes} min, by {at}': '{minutes} 分钟内，{at}前',
  ' (exceeded)': '（已超时）',
  'card made from blank {serial}': '空白卡 {serial} 已制成',
  'handed over to {lane} at {at}: {reason}': '{at}转为{lane}：{reason}',
  Delivery: '邮寄',
  'tracking {number}': '快递单号 {number}',
  'no tracking number yet': '尚无快递单号',
  '{n} failed attempts': '投递未成功 {n} 次',
  'back at {counter}': '已退回 {counter}',
  '--reason is for instant issuance: give the counter with --counter':
    '--reason 用于即时制卡：请用 --counter 指定窗口',
  'follow it with: sscard status {id}': '查看进度：sscard status {id}',
  '--photo needs the applicant\'s "residentId" in the file':
    '使用 --photo 时，文件中须有申请人的 "residentId"',
  '{option} {value}: one of {choices}': '{option} {value}：应为 {choices} 之一',
  returned: '已退回单位',
  // Lists
  '--queue {queue}: choose one of {choices}': '--queue {queue}：请从 {choices} 中选择',
  'more: sscard list ... --page-token {token}': '下一页：sscard list ... --page-token {token}',
  'deadlines of all applications, open and closed': '全部申请（在办与办结）的办结时限情况',
  // Batches
  '{file}: expected an array of applicants or {"unitId", "applicants": [...]}':
    '{file}：应为申领人员数组，或 {"unitId", "applicants": [...]}',
  uploading: '上传',
  staging: '受理',
  'uploaded; the server is checking and staging the rows…': '已上传，服务器正在校验并受理各行……',
  photos: '照片',
  '{done}/{total} rows': '{done}/{total} 行',
  'photos: {kept} kept, {refused} refused, {without} rows without one':
    '照片：{kept} 张已保存，{refused} 张未通过，{without} 行没有照片',
  ', {n} named for no row ({names})': '，{n} 张对应不到任何行（{names}）',
  'photos refused (the rows go without; send a better photo when the audit asks for one):':
    '未通过的照片（这些行不带照片提交；审核要求时请补交合格照片）：',
  'batch {id}: {staged} of {total} staged, {invalid} invalid, {duplicates} duplicates':
    '批次 {id}：{total} 行中 {staged} 行已受理，{invalid} 行无效，{duplicates} 行重复',
  "1 row has no photo and will wait for an operator's review (PHOTO_MISSING); {how}":
    '1 行没有照片，将停在审核环节等待人工审核（缺少照片，PHOTO_MISSING）；{how}',
  "{n} rows have no photo and will wait for an operator's review (PHOTO_MISSING); {how}":
    '{n} 行没有照片，将停在审核环节等待人工审核（缺少照片，PHOTO_MISSING）；{how}',
  'give photos with --photos DIR|ZIP (JPEG files named by row or resident ID number)':
    '请用 --photos 目录|ZIP 提供照片（JPEG 文件以行号或身份证号命名）',
  'invalid rows (left out; correct them and submit them again):': '无效行（未受理；请更正后重新提交）：',
  'follow it with: sscard batch follow {id}': '查看进度：sscard batch follow {id}',
  '--every takes a number of seconds': '--every 应为秒数',
  'batch {id} · unit {unit}': '批次 {id} · 单位 {unit}',
  started: '已启动',
  '  ({n} invalid rows)': '（{n} 行无效）',
  'notified or closed': '已通知或已办结',
  '  ({n} breached)': '（{n} 条超时）',
  'why they wait:': '等待原因：',
  '{stage}: {reasons}': '{stage}：{reasons}',
  ', ': '，',
  ' ({sla})': '（{sla}）',
  ' (of {known} of {count} so far)': '（已查明 {count} 条中的 {known} 条）',
  '{registered} collections registered, {refused} refused': '已登记领卡 {registered} 张，被拒 {refused} 张',
  'submitted {submitted} · accepted {accepted} · returned at least once: {returned}':
    '提交 {submitted} · 受理 {accepted} · 曾退回 {returned} 条',
  rows: '名单行',
  'by stage': '按环节',
  'by outcome': '按结果',
  'deadline (SLA)': '办结时限',
  'working days used until notified': '办结所用工作日',
  'problem rows': '有问题的行',
  'same person as row {row}': '与第 {row} 行为同一人',
  // Cards
  ' under a {kind} loss report': '，{kind}中',
  ', lapsing at the end of {day}': '，{day}下班后失效',
  '{what}: card {card} is {status}': '{what}：社保卡 {card} 现为「{status}」',
  '--{option}: one of {choices}': '--{option}：应为 {choices} 之一',
  'no card on record for this person (that you may see)': '该人员名下没有（您可查看的）社保卡记录',
  'replacement application {id} started for card {card} ({reason})':
    '已为社保卡 {card} 受理补换卡申请 {id}（{reason}）',
  'renewal application {id} started for card {card}, valid until {day} and until the new card is issued':
    '已为社保卡 {card} 受理到期换领申请 {id}；原卡有效期至 {day}，新卡发放前继续有效',
  'Valid until': '有效期至',
  'no expiry': '长期',
  // Photos, the calendar, the account, the simulators
  'photo {id} kept ({width}×{height}, {kb} KB)': '照片 {id} 已保存（{width}×{height}，{kb} KB）',
  '--unit is required: a {role}\'s key belongs to no unit (or give "unitId" in the file)':
    '缺少 --unit：{role}的密钥不属于任何单位（或在文件中给出 "unitId"）',
  '<year> is a year such as 2027': '<年度> 应为年份，如 2027',
  'the file must be a JSON object {"holidays", "workdays"}': '文件应为 JSON 对象 {"holidays", "workdays"}',
  'the file is for {theirs}, not {year}': '该文件是 {theirs} 年度的，不是 {year}',
  'published {year} (revision {revision}): {holidays} holidays, {workdays} swapped working days':
    '已发布 {year} 年度日历（第 {revision} 版）：节假日 {holidays} 天，调休上班 {workdays} 天',
  'deadlines derived again for {n} applications in flight': '已为 {n} 条在办申请重新计算办结期限',
  ' ({n} closed meanwhile)': '（其间办结 {n} 条）',
  'the name: Chinese characters (or Latin letters), at most 40': '姓名：汉字（或拉丁字母），最多 40 个',
  '{file} exists: name a new file for the sample photo': '{file} 已存在：请为示例照片另起文件名',
  "cannot reach the simulators' database at {uri}: is the local stack running (npm start)?":
    '无法连接模拟合作机构的数据库 {uri}：本地环境是否已启动（npm start）？',
  'added to the simulated population registry: born {day}': '已加入模拟人口库：出生日期 {day}',
  ', deceased': '，已死亡',
  'sample photo written to {file}': '示例照片已写入 {file}',
  'apply with: sscard --as clerk submit <file.json>{photo}':
    '提交申请：sscard --as clerk submit <文件.json>{photo}',

  // Commands: summaries, details, options
  'Whose token this is: role, account ID and unit.': '当前令牌属于谁：角色、账号和单位。',
  "Submit one person's application (sporadic issuance, 5 working days; instant at a counter with --counter).":
    '提交一个人的申请（零星申领，5 个工作日；用 --counter 则在窗口即时制卡）。',
  'With --counter the card is made at that counter while the person waits (instant issuance).':
    '--counter：在该窗口当场制卡，立等可取（即时制卡）。',
  'The counter needs a card printer and the region an instant policy; a card that cannot be made now goes on as sporadic issuance.':
    '窗口须有制卡机，且本地区已设即时制卡政策；当场制不成的，转为零星申领继续办理。',
  'make the card at this counter, which has a card printer, while the person waits (instant)':
    '在该窗口（须有制卡机）当场制卡，立等可取（即时制卡）',
  'why the card is needed now, where the region keeps instant issuance for urgent cases':
    '急需用卡的原因（本地区即时制卡仅限急需情形时必填）',
  'The file holds the applicant ({"residentId","name","phone","photoId",...}) or {"unitId","applicant"}.':
    '文件内容为申请人（{"residentId","name","phone","photoId",...}）或 {"unitId","applicant"}。',
  'Without a photo the audit stops the application for one; --photo uploads it first and names it.':
    '没有照片的申请会停在审核环节；--photo 先上传照片，并写入申请。',
  'A minor under 16 is applied for by their guardian: "guardian": {"residentId","name","phone","relation","householdRegister"} in the applicant.':
    '未满 16 周岁的未成年人由监护人代为申领：在申请人中填写 "guardian": {"residentId","name","phone","relation","householdRegister"}。',
  'The relation: father, mother, grandparent, sibling, other_relative or other_legal_guardian.':
    '关系（relation）：father（父亲）、mother（母亲）、grandparent（祖父母、外祖父母）、sibling（兄、姐）、other_relative（其他近亲属）或 other_legal_guardian（其他法定监护人）。',
  'Example: sscard --as clerk submit me.json --photo me.jpg':
    '示例：sscard --as clerk submit me.json --photo me.jpg',
  'Example: sscard --as clerk submit me.json --photo me.jpg --counter 330100-HALL-01 --reason HOSPITAL_ADMISSION':
    '示例：sscard --as clerk submit me.json --photo me.jpg --counter 330100-HALL-01 --reason HOSPITAL_ADMISSION',
  "the insured unit applying (its code); a clerk's own by default":
    '申请单位（单位编码）；单位经办员默认为本单位',
  "the applicant's photo (JPEG): checked, kept, and named in the application":
    '申请人照片（JPEG）：校验、保存，并写入申请',
  "An application's stage, deadline and timeline.": '申请所处环节、办结期限和办理进程。',
  'Applications, by queue, unit, batch or stage.': '按队列、单位、批次或环节列出申请。',
  'one of the queues below': '下列队列之一',
  "only this unit's applications": '只列本单位的申请',
  "only this batch's applications": '只列本批次的申请',
  'only applications at this stage': '只列处于该环节的申请',
  'applications per page': '每页条数',
  'the page to show (printed after a page)': '要显示的页（每页末尾会打印）',
  'How many applications wait in each queue, and deadline compliance.':
    '各工作队列的申请数，以及办结时限达标情况。',
  'Escalations to supervisors: breaches, overdue prints, uncollected cards.':
    '上报主管的事项：超时、制卡逾期、逾期未领卡。',
  "Submit a unit's batch of applicants (30 working days).": '提交单位的批量申领名单（30 个工作日）。',
  'JSON: an array of applicants or {"unitId","applicants":[...]}.':
    'JSON：申领人员数组，或 {"unitId","applicants":[...]}。',
  'CSV: a header line naming the fields, one applicant per line:':
    'CSV：首行为字段名，之后每行一名申领人员：',
  'Invalid rows are listed and left out; the valid ones go ahead.':
    '无效行会列出并不予受理；有效行照常办理。',
  'With --photos, a folder or .zip of JPEGs named by row (1.jpg is the first applicant) or by resident ID number.':
    '--photos：JPEG 照片所在目录或 .zip，文件以行号（1.jpg 为第一名申领人）或身份证号命名。',
  'Each photo is checked and kept first, and its row takes its photo ID.':
    '每张照片先校验并保存，对应行写入照片编号。',
  'A photo that misses the specification is listed with its reasons; its row goes without it.':
    '不合规格的照片会列出原因；对应行不带照片提交。',
  "A row without a photo stops at the audit (PHOTO_MISSING) and waits for an operator's review.":
    '没有照片的行会停在审核环节（缺少照片，PHOTO_MISSING），等待人工审核。',
  "the insured unit (its code); a clerk's own by default": '参保单位（单位编码）；单位经办员默认为本单位',
  'the applicants’ photos, named by row or resident ID number': '申领人员照片，以行号或身份证号命名',
  "A batch's progress, once, and why applications wait for people.":
    '批次进度（查看一次），以及申请等待的原因。',
  'Follow a batch stage by stage until all are notified (Ctrl-C stops).':
    '逐环节跟踪批次，直到全部通知领卡（Ctrl-C 停止）。',
  'Applications waiting in review or returned to the unit are counted by why they wait (audit flags, reasons).':
    '待人工审核或已退回单位的申请，按等待原因（审核提示、退回原因）计数。',
  'how often to ask (default 2)': '查询间隔秒数（默认 2）',
  'Batches, of one unit or all you may see.': '列出批次：某单位的，或您可查看的全部。',
  "only this unit's batches": '只列本单位的批次',
  'The batch report: stages, outcomes, deadlines, days used, problem rows.':
    '批次报告：环节、结果、办结时限、所用工作日、有问题的行。',
  "Register that the unit's agent collected the batch's ready cards (all, or --only some).":
    '登记单位经办人领取了批次中已制好的卡（全部，或用 --only 指定）。',
  "The agent's resident ID number is kept as a keyed hash and a mask.":
    '经办人身份证号只以加密散列和掩码形式保存。',
  'Cards not ready are listed with the reason. Example:': '未能领取的卡会列出原因。示例：',
  "the agent's name": '经办人姓名',
  "the agent's resident ID number": '经办人身份证号',
  'the day the cards were handed over (default: today, Beijing time)': '交卡日期（默认：今天，北京时间）',
  'where they were handed over': '领卡地点',
  'only these applications of the batch': '只登记批次中的这些申请',
  "A person's cards: the card in force and every earlier one, with their lifecycle.":
    '查询某人名下的社保卡：在用的卡和以往各张卡，及其状态变化。',
  'The number is sent in the request body, never in a URL.': '身份证号放在请求内容中发送，不出现在网址里。',
  'A unit clerk sees the cards their unit applied for.': '单位经办员只能看到本单位申领的卡。',
  'Replace a card in use (lost, damaged) or renew it (expired): a new application for the holder.':
    '补领（遗失）、换领（损坏）或到期换卡：为持卡人新建一条申请。',
  "The holder's data is the card's own application's, with a new phone, address or photo if given.":
    '持卡人资料沿用原卡的申请，如提供则换用新的手机号、地址或照片。',
  'The new application runs the issuance steps for the same unit; its registration supersedes the old card.':
    '新申请由同一单位按发卡流程办理；卡管登记时原卡作废。',
  'A lost card is replaced once its loss was reported formally. Follow the new application with sscard status.':
    '遗失的卡须先正式挂失才能补领。新申请的进度用 sscard status 查看。',
  'Example: sscard --as clerk card replace C1b2c3 --reason DAMAGED --phone 13800138000':
    '示例：sscard --as clerk card replace C1b2c3 --reason DAMAGED --phone 13800138000',
  'Renew an issued card whose renewal window opened: the old card stays valid until the new one is issued.':
    '为已到换领期的在用社保卡申请到期换领：新卡发放前原卡继续有效。',
  "The window opens 60 days before the card expires (or as the region's policy says): sscard card lookup shows it.":
    '有效期届满前 60 天（或按地区政策）起可申请换领：用 sscard card lookup 查看。',
  'Once the new card is collected the old one ends: registry, bank, e-card and the national registry.':
    '新卡领取后原卡即注销：卡管、银行、电子社保卡和全国卡管同步。',
  'Example: sscard --as clerk card renew C1b2c3 --phone 13800138000':
    '示例：sscard --as clerk card renew C1b2c3 --phone 13800138000',
  'why the card is replaced': '补换卡原因',
  'a fee exemption the holder claims, its evidence seen': '持卡人申请的费用减免（已查验证明）',
  "the holder's new mobile number": '持卡人的新手机号',
  "the holder's new address": '持卡人的新地址',
  'a new photo reference': '新的照片编号',
  "Upload an applicant's photo; prints the photo ID for the applicant's photoId.":
    '上传申请人照片；打印照片编号，供申请的 photoId 使用。',
  'The photo is checked against the card photo specification of the unit’s region.':
    '照片按单位所在地区的社保卡照片规格校验。',
  'Nationally: 358×441 pixels, 24-bit colour, 9 to 20 KB. Every way it misses is listed. Example:':
    '全国标准：358×441 像素，24 位彩色，9 至 20 KB。不合规格之处会逐条列出。示例：',
  'whose photo it is (resident ID number)': '照片所属人员（身份证号）',
  "the applying unit (a clerk's own by default)": '申请单位（单位经办员默认为本单位）',
  "Publish a year's holidays and swapped working days (admins).":
    '发布某年度的节假日和调休上班日（管理员）。',
  'The file: {"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}.':
    '文件：{"holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...]}。',
  'workdays: weekend days declared working days. Administrators only.':
    'workdays：调为上班的周末日期。仅限管理员。',
  'Add a person to the simulated population registry (local stack only).':
    '向模拟人口库添加人员（仅限本地环境）。',
  "The birth date is read from the resident ID number. Writes to the simulators' database:":
    '出生日期取自身份证号。写入模拟合作机构的数据库：',
  'With --photo, a sample card photo (358×441, no real face) is written to the file, to apply with.':
    '--photo：另写一张示例证件照（358×441，非真人）到该文件，供申请使用。',
  'Example:': '示例：',
  'record the person as deceased (the bank then reports DECEASED)': '记为已死亡（银行比对时将回报 DECEASED）',
  'also write a sample photo of the specification there (not over an existing file)':
    '同时在此写入一张合规格的示例照片（不覆盖已有文件）',
};
