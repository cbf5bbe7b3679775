/** Texts of the meetings feature. English must have every key (the type checks it). */
export const zh = {
  'cmd.meeting.summary': '记录本单位的学习会（每月至少一次），查看各单位本月情况',
  'cmd.meeting.usage': '/学习会 [单位] [日期] [主题] [人数] [纪要链接]',
  'cmd.meeting.examples':
    '/学习会（填表）  ·  /学习会 11-20 学习全会精神 15人 https://…  ·  /学习会 计算机学院 昨天 主题教育 20人  ·  /学习会 列表',

  'meeting.recorded.title': '已记录{unit}的学习会：',
  'meeting.recorded.date': '日期：{date}',
  'meeting.recorded.topic': '主题：{topic}',
  'meeting.recorded.attendance': '出席：{n} 人',
  'meeting.recorded.noAttendance': '出席：未填写',
  'meeting.recorded.minutes': '纪要：{url}',
  'meeting.recorded.count': '{unit} {month} 共记录 {count} 次学习会。',
  'meeting.recorded.toast': '已记录，{unit} {month} 共 {count} 次学习会',

  'meeting.invalid': '没有记录：{problems}\n用法：{usage}，例如 /学习会 11-20 学习全会精神 15人',
  'meeting.form.invalid': '表单有误，没有记录：{problems}',
  'meeting.form.problem': '{field}{problem}',
  'meeting.problem.badDate': '日期“{value}”看不懂，请写成 2026-11-20、11-20、11/20、11月20日、今天或昨天',
  'meeting.problem.future': '日期不能晚于今天（{today}）',
  'meeting.problem.tooOld': '日期距今超过 {days} 天，不能再补记',
  'meeting.problem.topicMissing': '请写上学习会的主题',
  'meeting.problem.topicTooLong': '主题最多 {max} 个字',
  'meeting.problem.badAttendance': '出席人数应为正整数，例如 15人',
  'meeting.problem.attendanceMissing': '请填写出席人数',
  'meeting.problem.badLink': '纪要链接须是以 http:// 或 https:// 开头的网址',
  'meeting.problem.repeated': '只能写一个',
  'meeting.field.unit': '单位：',
  'meeting.field.date': '日期：',
  'meeting.field.topic': '主题：',
  'meeting.field.attendance': '出席人数：',
  'meeting.field.minutes': '纪要链接：',

  'meeting.duplicate': '{unit} {date} 的学习会“{topic}”已经记录过了，没有重复记录。',
  'meeting.noUnit':
    '你不负责任何单位的学习会记录。校学生会主席团、院学生会负责人和校区/班级学生会负责人可以记录。',
  'meeting.notYourUnit': '你不负责{unit}，不能为它记录学习会。',
  'meeting.unknownUnit': '没有“{unit}”这个单位。',
  'meeting.whichUnit':
    '你负责多个单位，请写明为哪个单位记录：{units}\n例如：/学习会 {example} 11-20 学习全会精神 15人',
  'meeting.unitChoice': '{name}（{id}）',
  'meeting.list.badMonth': '月份格式应为 YYYY-MM，例如 2026-11',

  'meeting.form.title': '记录学习会',
  'meeting.form.intro': '校院两级学生会每个月至少召开一次学习会。填写后提交即可记录。',
  'meeting.form.introFor': '为{unit}记录一次学习会。校院两级学生会每个月至少召开一次学习会。',
  'meeting.form.unit': '选择单位',
  'meeting.form.date': '会议日期',
  'meeting.form.topic': '主题',
  'meeting.form.topicPlaceholder': '例如：学习全会精神',
  'meeting.form.attendance': '出席人数',
  'meeting.form.attendancePlaceholder': '例如：15',
  'meeting.form.minutes': '纪要链接（选填）',
  'meeting.form.minutesPlaceholder': 'https://…',
  'meeting.form.submit': '提交',
  'meeting.form.doneTitle': '学习会已记录',

  'meeting.month.title': '{month} 学习会情况',
  'meeting.month.summary': '{held}/{total} 个单位已召开',
  'meeting.month.held': '✓ {unit}：{count} 次',
  'meeting.month.notHeld': '✗ {unit}：尚未召开',
  'meeting.month.item': '· {date} {topic}',
  'meeting.month.attendance': '（{n} 人）',
  'meeting.month.minutes': '纪要',
  'meeting.compliance.title': '{month} 学习会落实情况',
  'meeting.compliance.subtitle': '校院两级学生会每个月至少召开一次会议',
  'meeting.report.title': '学习会召开情况',

  'meeting.reminder.text':
    '【学习会提醒】{unit}：本月（{month}）请至少召开一次学习会（校院两级学生会每个月至少召开一次会议）。会后发送 /学习会 记录日期、主题和出席人数。',
  'meeting.reminder.last': '上月（{month}）记录：',
  'meeting.reminder.lastNone': '上月（{month}）没有记录。',
  'meeting.reminder.item': '· {date} {topic}',
  'meeting.followup.text':
    '【学习会提醒】{unit}本月（{month}）还没有记录学习会，请在月底前召开，并发送 /学习会 记录。',
  'meeting.followup.advisors':
    '【学习会进度】以下单位本月（{month}）尚未记录学习会：{units}。请督促按时召开。',

  'job.studyMeetingReminder.summary': '每月 1 日提醒各单位召开本月学习会，并附上月记录',
  'job.studyMeetingFollowup.summary': '每月 20 日再次提醒尚未记录学习会的单位，并告知其指导老师',
  'job.studyMeetingCompliance.summary': '每月最后一天向校团委发送各单位学习会落实情况',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'cmd.meeting.summary': "Record your unit's study meeting (at least one a month); see every unit's month",
  'cmd.meeting.usage': '/meeting [unit] [date] [topic] [N people] [minutes link]',
  'cmd.meeting.examples':
    '/meeting (a form)  ·  /meeting 11-20 Plenary session study 15 people https://…  ·  /meeting cs yesterday Theme education 20 people  ·  /meeting list',

  'meeting.recorded.title': 'Recorded a study meeting of {unit}:',
  'meeting.recorded.date': 'Date: {date}',
  'meeting.recorded.topic': 'Topic: {topic}',
  'meeting.recorded.attendance': 'Attendance: {n}',
  'meeting.recorded.noAttendance': 'Attendance: not given',
  'meeting.recorded.minutes': 'Minutes: {url}',
  'meeting.recorded.count': '{unit} has {count} study meeting(s) recorded in {month}.',
  'meeting.recorded.toast': 'Recorded: {unit} has {count} in {month}',

  'meeting.invalid':
    'Not recorded: {problems}\nUsage: {usage}, e.g. /meeting 11-20 Plenary session study 15 people',
  'meeting.form.invalid': 'The form has errors, nothing was recorded: {problems}',
  'meeting.form.problem': '{field}{problem}',
  'meeting.problem.badDate':
    'cannot read the date "{value}": write 2026-11-20, 11-20, 11/20, 11月20日, today or yesterday',
  'meeting.problem.future': 'the date cannot be after today ({today})',
  'meeting.problem.tooOld': 'the date is more than {days} days ago and can no longer be recorded',
  'meeting.problem.topicMissing': 'give the topic of the meeting',
  'meeting.problem.topicTooLong': 'the topic has at most {max} characters',
  'meeting.problem.badAttendance': 'attendance must be a positive whole number, e.g. 15 people',
  'meeting.problem.attendanceMissing': 'give the attendance',
  'meeting.problem.badLink': 'the minutes link must be a web address starting with http:// or https://',
  'meeting.problem.repeated': 'give only one',
  'meeting.field.unit': 'Unit: ',
  'meeting.field.date': 'Date: ',
  'meeting.field.topic': 'Topic: ',
  'meeting.field.attendance': 'Attendance: ',
  'meeting.field.minutes': 'Minutes link: ',

  'meeting.duplicate':
    'The study meeting "{topic}" of {unit} on {date} was already recorded; nothing was added.',
  'meeting.noUnit':
    "You do not record any unit's study meetings. The presidium, college union leaders and campus or class union leaders do.",
  'meeting.notYourUnit': 'You do not lead {unit}, so you cannot record its study meetings.',
  'meeting.unknownUnit': 'There is no unit "{unit}".',
  'meeting.whichUnit':
    'You lead several units: say which one the meeting was for: {units}\nFor example: /meeting {example} 11-20 Plenary session study 15 people',
  'meeting.unitChoice': '{name} ({id})',
  'meeting.list.badMonth': 'The month should look like YYYY-MM, e.g. 2026-11',

  'meeting.form.title': 'Record a study meeting',
  'meeting.form.intro':
    'The school and college unions each hold at least one study meeting a month. Fill in and submit to record one.',
  'meeting.form.introFor':
    'Record a study meeting of {unit}. The school and college unions each hold at least one a month.',
  'meeting.form.unit': 'Choose the unit',
  'meeting.form.date': 'Date of the meeting',
  'meeting.form.topic': 'Topic',
  'meeting.form.topicPlaceholder': 'e.g. Plenary session study',
  'meeting.form.attendance': 'Attendance',
  'meeting.form.attendancePlaceholder': 'e.g. 15',
  'meeting.form.minutes': 'Minutes link (optional)',
  'meeting.form.minutesPlaceholder': 'https://…',
  'meeting.form.submit': 'Submit',
  'meeting.form.doneTitle': 'Study meeting recorded',

  'meeting.month.title': 'Study meetings in {month}',
  'meeting.month.summary': '{held}/{total} units have held one',
  'meeting.month.held': '✓ {unit}: {count}',
  'meeting.month.notHeld': '✗ {unit}: none yet',
  'meeting.month.item': '· {date} {topic}',
  'meeting.month.attendance': ' ({n} people)',
  'meeting.month.minutes': 'minutes',
  'meeting.compliance.title': 'Study meetings in {month}: compliance',
  'meeting.compliance.subtitle': 'The school and college unions each hold at least one meeting a month',
  'meeting.report.title': 'Study meetings',

  'meeting.reminder.text':
    '[Study meeting] {unit}: please hold at least one study meeting this month ({month}); the school and college unions each meet at least once a month. Afterwards send /meeting with the date, topic and attendance.',
  'meeting.reminder.last': 'Last month ({month}):',
  'meeting.reminder.lastNone': 'Nothing was recorded last month ({month}).',
  'meeting.reminder.item': '· {date} {topic}',
  'meeting.followup.text':
    '[Study meeting] {unit} has not recorded a study meeting this month ({month}). Please hold one before the month ends and send /meeting.',
  'meeting.followup.advisors':
    '[Study meetings] These units have not recorded a study meeting this month ({month}): {units}. Please remind them.',

  'job.studyMeetingReminder.summary':
    "On the 1st, reminds every unit of this month's study meeting, with last month's record",
  'job.studyMeetingFollowup.summary':
    'On the 20th, reminds the units with no study meeting yet, and tells their advisors',
  'job.studyMeetingCompliance.summary':
    "On the last day of the month, sends the League committee every unit's study meetings",
};
