/** Texts of the report feature. English must have every key (the type checks it). */
export const zh = {
  'cmd.report.summary': '查看本月向校团委的工作报告草稿；主席团核对后报送',
  'cmd.report.usage': '/报告 [报送] [月份]',
  'cmd.report.examples': '/报告  ·  /报告 2026-10  ·  /报告 报送',

  'report.card.draft': '{university}学生会 {month} 工作报告（草稿）',
  'report.card.sent': '{university}学生会 {month} 工作报告（已报送）',
  'report.card.subtitle': '向校团委的月度工作报告',
  'report.intro.draft': '以下内容根据实时数据生成，由主席团核对后报送校团委。',
  'report.intro.presidium': '以下内容根据实时数据生成。请核对无误后点击“报送校团委”。',
  'report.overdueLine': '{month} 的工作报告尚未报送校团委，请尽快核对并报送。',
  'report.sentLine': '已于 {at} 由 {by} 报送校团委。',
  'report.rebuiltNote': '以下内容按当前数据重新生成，可能与报送时不同。',
  'report.sendButton': '报送校团委',
  'report.failed.title': '未能生成的部分（{id}）',
  'report.failed': '本节生成失败，已记录日志，请联系管理员。',
  'report.omitted': '本节内容过多，卡片放不下，已省略。',
  'report.omittedRest': '其余部分内容过多，卡片放不下，已省略。',

  'report.badMonth': '月份格式应为 YYYY-MM，例如 2026-11。用法：/报告 [报送] [月份]',
  'report.futureMonth': '{month} 还没到，不能报送。',
  'report.sendForbidden': '只有主席团可以报送工作报告。',
  'report.noCommittee':
    '组织配置中没有可以接收报告的校团委人员或群聊，请管理员检查 leagueCommittee 和 chats.leagueCommittee。',
  'report.sent.reply': '已将 {month} 工作报告报送校团委。',
  'report.sent.toast': '已报送校团委',
  'report.already': '{month} 工作报告已于 {at} 由 {by} 报送，没有重复发送。',
  'report.overdue.committee': '{university}学生会 {month} 的工作报告尚未报送，已提醒主席团。',

  'report.headcount.title': '人数与编制',
  'report.headcount.union': '全会（含主席团）',
  'report.headcount.presidium': '主席团',
  'report.headcount.count': '{count}/{cap}',
  'report.headcount.over': '超编 {n} 人',
  'report.headcount.members': '在编人数',
  'report.headcount.seats': '编制',

  'job.league-report-reminder': '每月 25 日把本月工作报告草稿发给主席团核对报送',
  'job.league-report-overdue': '每月 5 日提醒上月尚未报送的工作报告（主席团与校团委）',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'cmd.report.summary': "See this month's draft work report to the League committee; the presidium sends it",
  'cmd.report.usage': '/report [send] [month]',
  'cmd.report.examples': '/report  ·  /report 2026-10  ·  /report send',

  'report.card.draft': '{university} Student Union work report {month} (draft)',
  'report.card.sent': '{university} Student Union work report {month} (sent)',
  'report.card.subtitle': 'Monthly work report to the school League committee',
  'report.intro.draft':
    'Drafted from live data; the presidium checks it and sends it to the League committee.',
  'report.intro.presidium': 'Drafted from live data. Check it, then tap "Send to the League committee".',
  'report.overdueLine':
    'The work report for {month} has not been sent to the League committee yet. Please check and send it.',
  'report.sentLine': 'Sent to the League committee by {by} at {at}.',
  'report.rebuiltNote': "Rebuilt from today's data; it may differ from what was sent.",
  'report.sendButton': 'Send to the League committee',
  'report.failed.title': 'Part not generated ({id})',
  'report.failed': 'This part could not be generated. It has been logged; please tell an admin.',
  'report.omitted': 'This part is too long for the card and was left out.',
  'report.omittedRest': 'The remaining parts are too long for the card and were left out.',

  'report.badMonth': 'The month should look like YYYY-MM, e.g. 2026-11. Usage: /report [send] [month]',
  'report.futureMonth': '{month} has not come yet: its report cannot be sent.',
  'report.sendForbidden': 'Only the presidium can send the work report.',
  'report.noCommittee':
    'The org file names no League committee people or chat to receive the report. An admin should check leagueCommittee and chats.leagueCommittee.',
  'report.sent.reply': 'The work report for {month} has been sent to the League committee.',
  'report.sent.toast': 'Sent to the League committee',
  'report.already': 'The work report for {month} was already sent by {by} at {at}; it was not sent again.',
  'report.overdue.committee':
    'The {university} Student Union has not sent its work report for {month} yet; the presidium has been reminded.',

  'report.headcount.title': 'Members and seats',
  'report.headcount.union': 'Whole union (presidium included)',
  'report.headcount.presidium': 'Presidium',
  'report.headcount.count': '{count}/{cap}',
  'report.headcount.over': '{n} over the cap',
  'report.headcount.members': 'Members',
  'report.headcount.seats': 'Seats',

  'job.league-report-reminder':
    "On the 25th, send the presidium this month's draft work report to check and send",
  'job.league-report-overdue':
    "On the 5th, flag last month's unsent work report to the presidium and the League committee",
};
