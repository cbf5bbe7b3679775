/** Texts of recruitment: membership. English must have every key (the type checks it). */
export const zh = {
  'cmd.object.summary': '对公示中的任用提出异议（可匿名，匿名请私聊发送）',
  'cmd.object.usage': '/异议 申请编号 理由',
  'cmd.object.examples': '/异议 R-2026-0001 该同学曾受纪律处分  ·  /异议 R-2026-0001 匿名 理由',
  'cmd.resign.summary': '辞去所在部门的职务，释放名额',
  'cmd.resign.usage': '/辞职 [部门]',
  'cmd.resign.examples': '/辞职  ·  /辞职 学术部',
  'cmd.remove.summary': '免去成员的部门职务（须写明理由），释放名额',
  'cmd.remove.usage': '/免职 @成员|姓名|学号|邮箱 [部门] 理由',
  'cmd.remove.examples': '/免职 @张三 连续三次无故缺席例会\n/免职 2024000123 学术部 连续三次无故缺席例会',
  'cmd.roster.summary': '查看各部门成员、部长和名额情况',
  'cmd.roster.usage': '/名单 [部门 | 活动编号]',
  'cmd.roster.examples': '/名单  ·  /名单 学术部  ·  /名单 A12',
  'job.notice-close': '每 10 分钟结束到期的公示：没有未处理或成立的异议即任用，并通知本人和部长',

  'notice.title': '公示 {id}',
  'notice.intro': '以下同学已通过校学生会选拔，拟任用为{department}成员，现予公示，接受广大同学监督。',
  'notice.id': '申请编号：{id}',
  'notice.name': '姓名：{name}',
  'notice.college': '学院：{college}',
  'notice.department': '拟任部门：{department}',
  'notice.until': '公示截止：{until}',
  'notice.how':
    '如有异议，请在公示截止前私聊校学生会助手发送：\n/异议 {id} 理由\n如需匿名：/异议 {id} 匿名 理由（不记录你的身份）',

  'object.usage': '用法：/异议 申请编号 理由（匿名：/异议 申请编号 匿名 理由），例如 /异议 R-2026-0001 理由',
  'object.notFound': '没有找到申请 {id}。',
  'object.notInNotice': '申请 {id} 不在公示期内，不能提出异议。',
  'object.reasonLength': '异议理由最多 {max} 字（现在 {n} 字）。',
  'object.anonymousInGroup': '匿名异议请私聊我发送，在群里发送会暴露你的身份。这次没有记录。',
  'object.received': '已收到你对 {id}（{name}）的异议（第 {n} 条），已转校团委处理；处理结果会告诉你。',
  'object.receivedAnonymous':
    '已匿名记录你对 {id}（{name}）的异议（第 {n} 条），没有保存你的身份，已转校团委处理。',

  'objection.card.title': '公示异议 {id} · 第 {n} 条',
  'objection.card.applicant': '拟任用：{name}（{college}，{department}）',
  'objection.card.by': '提出人：{who}',
  'objection.card.objector': '{name}（{college}）',
  'objection.card.anonymous': '匿名',
  'objection.card.at': '提出时间：{when}',
  'objection.card.reason': '异议理由：{reason}',
  'objection.card.until': '公示截止：{until}（异议处理前不会任用）',
  'objection.card.trail': '审核记录',
  'objection.card.resolutionLabel': '处理意见（必填）',
  'objection.card.resolutionPlaceholder': '核实情况与处理理由',
  'objection.card.uphold': '异议成立（不予任用）',
  'objection.card.dismiss': '驳回异议',
  'objection.card.upheld': '异议成立：{who} 于 {when} 认定，理由：{reason}',
  'objection.card.dismissed': '已驳回：{who} 于 {when} 驳回，理由：{reason}',
  'objection.forbidden': '只有校团委可以处理公示异议。',
  'objection.reasonRequired': '请填写处理意见。',
  'objection.reasonLength': '处理意见最多 {max} 字。',
  'objection.notFound': '没有找到这条异议。',
  'objection.already': '这条异议已由 {who} 于 {when} {decision}。',
  'objection.decision.upheld': '认定成立',
  'objection.decision.dismissed': '驳回',
  'objection.upheld.toast': '异议成立：{id} 不予任用，{department} 的名额已释放。',
  'objection.upheldClosed.toast': '异议成立，已记录（{id} 已不在公示中）。',
  'objection.dismissed.toast': '已驳回异议，{id} 继续公示。',
  'objection.dismissed.appointed.toast':
    '已驳回异议。{id} 的公示期已满且没有其他异议，已任用到{department}。',
  'objection.upheld.applicant':
    '你的申请 {id}（{department}）在公示期间收到的异议经校团委认定成立，本次不予任用。理由：{reason}',
  'objection.upheld.objector': '你对 {id} 提出的异议（第 {n} 条）经校团委认定成立。处理意见：{reason}',
  'objection.dismissed.objector': '你对 {id} 提出的异议（第 {n} 条）经校团委核实未予采纳。处理意见：{reason}',

  'appoint.applicant': '公示期满，你已被任用为校学生会{department}成员（{id}）。欢迎加入！',
  'appoint.heads': '{name}（{id}）公示期满，已任用为{department}成员。',

  'resign.notMember': '你目前不在任何部门任职。',
  'resign.which': '你在多个部门任职（{departments}），请写明辞去哪个：/辞职 部门',
  'resign.unknownDepartment': '你不在「{department}」任职。你任职的部门：{departments}',
  'resign.done': '你已辞去{department}的职务，名额已释放。感谢你的付出！',
  'resign.confirm.title': '确认辞去{department}的职务',
  'resign.confirm.body':
    '确认后你将不再是{department}成员，名额会释放给新同学，部长和主席团会收到通知。可以写下辞职理由（选填）。',
  'resign.confirm.reason': '辞职理由（选填）',
  'resign.confirm.button': '确认辞职',
  'resign.reason': '理由：{reason}',
  'resign.heads': '{name} 已辞去{department}的职务（{department}现有 {count}/{cap} 人）。',

  'remove.noMention': '请写明要免职的成员（@成员、姓名、学号或邮箱）：/免职 张三 理由',
  'remove.noReason': '请写明免职理由：/免职 {who} 理由',
  'remove.reasonLength': '免职理由最多 {max} 字。',
  'remove.notMember': '{name} 目前不在任何部门任职。',
  'remove.notFound':
    '没有找到学生会成员「{who}」。可以 @成员，或写成员的姓名、学号或邮箱；/名单 可查看全体成员。',
  'remove.ambiguous': '有多位成员叫「{who}」：{people}。请改用学号或邮箱，或 @成员。',
  'remove.which': '{name} 在多个部门任职（{departments}），请写明部门：/免职 {who} 部门 理由',
  'remove.confirm.title': '确认免去{name}的{department}职务',
  'remove.confirm.body':
    '成员：{name}\n部门：{department}\n确认后名额立即释放，本人和部长会收到通知（含理由），并记入退出记录。',
  'remove.confirm.reason': '免职理由',
  'remove.confirm.button': '确认免职',
  'remove.confirmed': '已免去 {name} 的{department}职务。理由：{reason}',
  'remove.presidiumOnly': '只有主席团可以免职。',
  'remove.done': '已免去 {name} 的{department}职务，名额已释放（{department}现有 {count}/{cap} 人）。',
  'remove.member': '你已被免去校学生会{department}的职务。理由：{reason}',
  'remove.heads':
    '{name} 已被主席团免去{department}的职务（{department}现有 {count}/{cap} 人）。理由：{reason}',

  'roster.title': '{university} 学生会名单',
  'roster.count': '{name} {count}/{cap}',
  'roster.heldCount': '（其中 {n} 席为公示中的拟任人选保留）',
  'roster.inNotice': '公示中：{names}',
  'roster.union': '全会 {count}/{cap}',
  'roster.presidium': '主席团 {count}/{cap}',
  'roster.presidiumName': '主席团',
  'roster.head': '{name}（部长）',
  'roster.empty': '（暂无成员）',
  'roster.forbidden': '你只能查看本部门的名单（{departments}）。',
  'roster.unknownDepartment': '没有「{department}」这个部门。部门：{departments}',

  'report.recruitment.title': '招新与任用',
  'report.recruitment.received': '本月收到申请 {count} 份',
  'report.recruitment.byDepartment': '按第一志愿：{parts}',
  'report.recruitment.byStage': '目前所处环节：{parts}',
  'report.recruitment.part': '{name} {n}',
  'report.recruitment.median': '各环节用时中位数（本月作出的决定）：{parts}',
  'report.recruitment.medianPart': '{stage} {days} 天（{n} 件）',
  'report.recruitment.noDecisions': '本月没有作出审核决定。',
  'report.recruitment.notice': '公示',
  'report.recruitment.outcomes': '本月任用 {appointed} 人，不予任用 {rejected} 份，撤回 {withdrawn} 份',
  'report.recruitment.exits': '本月辞职 {resigned} 人次，免职 {removed} 人次',
  'report.recruitment.seats': '名额：{parts}',
  'report.recruitment.none': '无',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'cmd.object.summary':
    'Object to an appointment in public notice (anonymously if you like; send those in a direct chat)',
  'cmd.object.usage': '/object <application> <reason>',
  'cmd.object.examples':
    '/object R-2026-0001 was disciplined last term  ·  /object R-2026-0001 anonymous <reason>',
  'cmd.resign.summary': 'Leave your department; the seat is freed',
  'cmd.resign.usage': '/resign [department]',
  'cmd.resign.examples': '/resign  ·  /resign academic',
  'cmd.remove.summary': 'Remove a member from a department (with the reason); the seat is freed',
  'cmd.remove.usage': '/remove @member|name|student number|email [department] <reason>',
  'cmd.remove.examples':
    '/remove @Zhang missed three meetings without notice\n/remove 2024000123 academic missed three meetings without notice',
  'cmd.roster.summary': "See each department's members, heads and seats",
  'cmd.roster.usage': '/roster [department | activity id]',
  'cmd.roster.examples': '/roster  ·  /roster academic  ·  /roster A12',
  'job.notice-close':
    'Every 10 minutes: ends public notices that are over; with no open or upheld objection, appoints and tells the applicant and the heads',

  'notice.title': 'Public notice {id}',
  'notice.intro':
    'The student below passed the selection and is to be appointed to {department}. Anyone may object during the notice.',
  'notice.id': 'Application: {id}',
  'notice.name': 'Name: {name}',
  'notice.college': 'College: {college}',
  'notice.department': 'Department: {department}',
  'notice.until': 'Notice ends: {until}',
  'notice.how':
    'To object before the notice ends, send the bot in a direct chat:\n/object {id} <reason>\nAnonymously: /object {id} anonymous <reason> (who you are is not recorded)',

  'object.usage':
    'Usage: /object <application> <reason> (anonymously: /object <application> anonymous <reason>), e.g. /object R-2026-0001 <reason>',
  'object.notFound': 'There is no application {id}.',
  'object.notInNotice': 'Application {id} is not in public notice: objections are not taken.',
  'object.reasonLength': 'The reason may be at most {max} characters (it has {n}).',
  'object.anonymousInGroup':
    'Send an anonymous objection to me in a direct chat: in a group everyone sees who you are. Nothing was recorded.',
  'object.received':
    'Your objection to {id} ({name}) is recorded (no. {n}) and goes to the League committee; you will hear the outcome.',
  'object.receivedAnonymous':
    'Your anonymous objection to {id} ({name}) is recorded (no. {n}) without your identity and goes to the League committee.',

  'objection.card.title': 'Objection to {id} · no. {n}',
  'objection.card.applicant': 'To be appointed: {name} ({college}, {department})',
  'objection.card.by': 'Raised by: {who}',
  'objection.card.objector': '{name} ({college})',
  'objection.card.anonymous': 'anonymous',
  'objection.card.at': 'Raised at: {when}',
  'objection.card.reason': 'Reason: {reason}',
  'objection.card.until': 'Notice ends: {until} (no appointment while an objection is open)',
  'objection.card.trail': 'Trail',
  'objection.card.resolutionLabel': 'Resolution (required)',
  'objection.card.resolutionPlaceholder': 'What was checked and why',
  'objection.card.uphold': 'Uphold (do not appoint)',
  'objection.card.dismiss': 'Dismiss',
  'objection.card.upheld': 'Upheld by {who} at {when}: {reason}',
  'objection.card.dismissed': 'Dismissed by {who} at {when}: {reason}',
  'objection.forbidden': 'Only the League committee resolves objections.',
  'objection.reasonRequired': 'Please write the resolution.',
  'objection.reasonLength': 'The resolution may be at most {max} characters.',
  'objection.notFound': 'There is no such objection.',
  'objection.already': 'This objection was already {decision} by {who} at {when}.',
  'objection.decision.upheld': 'upheld',
  'objection.decision.dismissed': 'dismissed',
  'objection.upheld.toast':
    'Objection upheld: {id} is not appointed; the seat in {department} is free again.',
  'objection.upheldClosed.toast': 'Objection upheld and recorded ({id} is no longer in notice).',
  'objection.dismissed.toast': 'Objection dismissed; {id} stays in notice.',
  'objection.dismissed.appointed.toast':
    'Objection dismissed. The notice of {id} is over with no other objection: appointed to {department}.',
  'objection.upheld.applicant':
    'An objection to your application {id} ({department}) was upheld by the League committee: you are not appointed this time. Reason: {reason}',
  'objection.upheld.objector':
    'Your objection to {id} (no. {n}) was upheld by the League committee. Resolution: {reason}',
  'objection.dismissed.objector':
    'Your objection to {id} (no. {n}) was dismissed by the League committee. Resolution: {reason}',

  'appoint.applicant': 'The public notice is over: you are appointed to {department} ({id}). Welcome!',
  'appoint.heads': '{name} ({id}) is appointed to {department}: the public notice is over.',

  'resign.notMember': 'You are not a member of any department.',
  'resign.which':
    'You are in several departments ({departments}): name the one to leave: /resign <department>',
  'resign.unknownDepartment': 'You are not in "{department}". Your departments: {departments}',
  'resign.done': 'You have left {department}; the seat is free again. Thank you for your work!',
  'resign.confirm.title': 'Resign from {department}?',
  'resign.confirm.body':
    'Once you confirm you are no longer a member of {department}, the seat goes to someone new, and the head and the presidium are told. You may give a reason (optional).',
  'resign.confirm.reason': 'Reason (optional)',
  'resign.confirm.button': 'Resign',
  'resign.reason': 'Reason: {reason}',
  'resign.heads': '{name} has resigned from {department} ({department}: {count}/{cap}).',

  'remove.noMention':
    'Name the member to remove (@member, name, student number or email): /remove Zhang <reason>',
  'remove.noReason': 'Give the reason: /remove {who} <reason>',
  'remove.reasonLength': 'The reason may be at most {max} characters.',
  'remove.notMember': '{name} is not a member of any department.',
  'remove.notFound':
    'No union member "{who}". Mention them, or give their name, student number or email; /roster lists everyone.',
  'remove.ambiguous':
    'Several members are called "{who}": {people}. Use a student number or email, or mention them.',
  'remove.which':
    '{name} is in several departments ({departments}): name one: /remove {who} <department> <reason>',
  'remove.confirm.title': 'Remove {name} from {department}?',
  'remove.confirm.body':
    'Member: {name}\nDepartment: {department}\nOnce you confirm, the seat is freed at once, the member and the head are told (with the reason), and the exit is logged.',
  'remove.confirm.reason': 'Reason',
  'remove.confirm.button': 'Remove',
  'remove.confirmed': '{name} is removed from {department}. Reason: {reason}',
  'remove.presidiumOnly': 'Only the presidium may remove a member.',
  'remove.done': '{name} is removed from {department}; the seat is free again ({department}: {count}/{cap}).',
  'remove.member': 'You have been removed from {department} of the student union. Reason: {reason}',
  'remove.heads':
    '{name} was removed from {department} by the presidium ({department}: {count}/{cap}). Reason: {reason}',

  'roster.title': '{university} student union roster',
  'roster.count': '{name} {count}/{cap}',
  'roster.heldCount': ' ({n} held for candidates in public notice)',
  'roster.inNotice': 'In public notice: {names}',
  'roster.union': 'Union {count}/{cap}',
  'roster.presidium': 'Presidium {count}/{cap}',
  'roster.presidiumName': 'Presidium',
  'roster.head': '{name} (head)',
  'roster.empty': '(no members yet)',
  'roster.forbidden': 'You may see the roster of your own department only ({departments}).',
  'roster.unknownDepartment': 'There is no department "{department}". Departments: {departments}',

  'report.recruitment.title': 'Recruitment and appointments',
  'report.recruitment.received': 'Applications received this month: {count}',
  'report.recruitment.byDepartment': 'By first choice: {parts}',
  'report.recruitment.byStage': 'Where they are now: {parts}',
  'report.recruitment.part': '{name} {n}',
  'report.recruitment.median': 'Median days per stage (decisions this month): {parts}',
  'report.recruitment.medianPart': '{stage} {days} days ({n})',
  'report.recruitment.noDecisions': 'No decisions were made this month.',
  'report.recruitment.notice': 'Public notice',
  'report.recruitment.outcomes':
    'Appointed this month: {appointed}; not accepted: {rejected}; withdrawn: {withdrawn}',
  'report.recruitment.exits': 'Resignations this month: {resigned}; removals: {removed}',
  'report.recruitment.seats': 'Seats: {parts}',
  'report.recruitment.none': 'none',
};
