/**
 * Texts of activity check-in, leave, the no-show rule, reminders, activity rosters and
 * the report's activities section. English must have every key (the type checks it).
 */
export const zh = {
  'cmd.checkincode.summary': '活动组织者：在签到时段内显示当前签到码（定时更换）',
  'cmd.checkincode.usage': '/签到码 <活动编号>',
  'cmd.checkincode.examples': '/签到码 A12',
  'cmd.checkin.summary': '在活动现场用组织者公布的签到码签到',
  'cmd.checkin.usage': '/签到 <活动编号> <签到码>',
  'cmd.checkin.examples': '/签到 A12 483920',
  'cmd.excuse.summary': '活动开始前请假（不计缺席），组织者会收到通知',
  'cmd.excuse.usage': '/请假 <活动编号> <理由>',
  'cmd.excuse.examples': '/请假 A12 当天有专业课考试',

  'attendance.unknown': '没有编号为 {id} 的活动。',
  'attendance.cancelled': '活动 {id}《{title}》已取消。',
  'attendance.someone': '一位同学',

  'checkinCode.usage': '用法：/签到码 <活动编号>，例如 /签到码 A12',
  'checkinCode.forbidden': '只有活动 {id} 的组织者、主办部门部长和主席团可以查看签到码。',
  'checkinCode.card.title': '签到码 · {id}',
  'checkinCode.card.until': '本码显示到 {until}，每 {minutes} 分钟更换一次；签到时段到 {windowUntil} 结束。',
  'checkinCode.card.howTo': '同学发送：/签到 {id} {code}',
  'checkinCode.card.count': '已签到 {attended}/{seated} 人',
  'checkinCode.card.refresh': '刷新',

  'checkin.usage': '用法：/签到 <活动编号> <签到码>，例如 /签到 A12 483920。签到码请看现场组织者展示的卡片。',
  'checkin.notYet': '活动 {id}《{title}》还没到签到时间。签到时段：{from} 至 {until}。',
  'checkin.over': '活动 {id}《{title}》的签到已经结束（签到时段：{from} 至 {until}）。',
  'checkin.notSeated': '你没有报上活动 {id}《{title}》（未报名或仍在候补），不能签到。',
  'checkin.already': '你已经签到过活动 {id}《{title}》了。',
  'checkin.wrongCode': '签到码不对或已过期。请看组织者卡片上当前的签到码，再发送 /签到 {id} <签到码>。',
  'checkin.done': '签到成功：{id}《{title}》。',
  'checkin.hours': '本活动计二课学时 {hours}。',

  'excuse.usage': '用法：/请假 <活动编号> <理由>，例如 /请假 A12 当天有专业课考试',
  'excuse.tooLong': '请假理由最多 {max} 个字。',
  'excuse.started': '活动 {id}《{title}》已于 {start} 开始，不能再请假。',
  'excuse.notSeated': '你没有报上活动 {id}《{title}》（未报名或仍在候补），无需请假。',
  'excuse.attended': '你已经签到过活动 {id}《{title}》，不能再请假。',
  'excuse.toOrganiser': '{name} 请假：活动 {id}《{title}》。理由：{reason}',
  'excuse.done':
    '已请假：{id}《{title}》，不计缺席，组织者已收到通知。名额仍为你保留；如果确定不来，发送 /取消报名 {id} 把名额让给候补的同学。',

  'noShow.delayed':
    '暂时不能报名活动 {id}《{title}》：最近 {withinDays} 天内你有 {n} 次报名后既未签到也未请假（{activities}）。按缺席规则（{withinDays} 天内缺席 {absences} 次及以上），在 {ruleEnds} 之前，每个活动开放报名 {delayHours} 小时后你才能报名，让其他同学先报。本活动你可在 {at} 之后报名。以后不能参加请提前 /请假 或 /取消报名。',

  'reminder.activity.day':
    '活动提醒：你报名的 {id}《{title}》将于 {start} 开始，地点：{place}。不能参加请发送 /请假 {id} <理由> 或 /取消报名 {id}。',
  'reminder.activity.soon':
    '活动提醒：{id}《{title}》约 {hours} 小时后（{start}）开始，地点：{place}。到场后用组织者公布的签到码签到：/签到 {id} <签到码>。',
  'job.activity-reminders': '活动开始前 24 小时和 1 小时提醒已报名的同学（静默时段顺延或跳过）',

  'actRoster.forbidden': '只有活动 {id} 的组织者、主办部门部长和主席团可以查看报名名单。',
  'actRoster.card.title': '报名名单 · {id}',
  'actRoster.card.activity': '{department} · {start} · {place}',
  'actRoster.card.seats': '已报名 {seated}/{capacity} · 候补 {waiting} · 待确认 {offers}',
  'actRoster.card.attendance': '签到 {attended} · 缺席 {absent} · 请假 {excused}',
  'actRoster.card.attendanceSoFar': '已签到 {attended} · 请假 {excused}（活动结束后统计缺席）',
  'actRoster.card.hours': '二课学时：已计 {hours}（每人 {each}）',
  'actRoster.card.noHours': '本活动不计二课学时',
  'actRoster.card.file': '完整名单见文件 {fileName}',
  'actRoster.csv.fileName': '活动名单-{id}-{date}.csv',
  'actRoster.csv.tooLarge': '名单太大，无法作为文件发送，请联系管理员导出。',
  'actRoster.csv.col.n': '序号',
  'actRoster.csv.col.name': '姓名',
  'actRoster.csv.col.college': '学院',
  'actRoster.csv.col.grade': '年级',
  'actRoster.csv.col.status': '状态',
  'actRoster.csv.col.checkIn': '签到',
  'actRoster.csv.col.hours': '二课学时',
  'actRoster.csv.seated': '已报名',
  'actRoster.csv.offered': '已录取待确认',
  'actRoster.csv.waiting': '候补第{n}位',
  'actRoster.csv.undrawn': '待抽签',
  'actRoster.csv.attended': '已签到',
  'actRoster.csv.absent': '缺席',
  'actRoster.csv.excused': '请假:{reason}',
  'actRoster.csv.none': '—',

  'activityReport.title': '校园活动',
  'activityReport.counts': '本月举办活动 {held} 场，报名 {registrations} 人次。',
  'activityReport.attendance':
    '签到 {attended} 人次，请假 {excused}，缺席 {absent}；到场率 {rate}（签到 ÷（报名 − 请假））。',
  'activityReport.hours': '计二课学时共 {hours}。',
  'activityReport.byDepartment': '按主办部门：{parts}',
  'activityReport.departmentPart':
    '{name} {held} 场、报名 {registrations}、签到 {attended}、缺席 {absent}、到场率 {rate}、学时 {hours}',
  'activityReport.rate': '{r}%',
  'activityReport.none': '—',
  'activityReport.chart.registrations': '报名',
  'activityReport.chart.attended': '签到',
  'activityReport.chart.absent': '缺席',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'cmd.checkincode.summary':
    'Activity organisers: show the current check-in code (it changes) during the check-in window',
  'cmd.checkincode.usage': '/checkincode <activity id>',
  'cmd.checkincode.examples': '/checkincode A12',
  'cmd.checkin.summary': 'Check in at an activity with the code the organiser shows',
  'cmd.checkin.usage': '/checkin <activity id> <code>',
  'cmd.checkin.examples': '/checkin A12 483920',
  'cmd.excuse.summary':
    'Excuse yourself before an activity starts (not counted absent); the organiser is told',
  'cmd.excuse.usage': '/excuse <activity id> <reason>',
  'cmd.excuse.examples': '/excuse A12 I have an exam that day',

  'attendance.unknown': 'There is no activity {id}.',
  'attendance.cancelled': 'Activity {id} “{title}” was cancelled.',
  'attendance.someone': 'A student',

  'checkinCode.usage': 'Usage: /checkincode <activity id>, e.g. /checkincode A12',
  'checkinCode.forbidden':
    "Only activity {id}'s organiser, the organising department's heads and the presidium can see its check-in code.",
  'checkinCode.card.title': 'Check-in code · {id}',
  'checkinCode.card.until':
    'This code is shown until {until} and changes every {minutes} min; check-in closes at {windowUntil}.',
  'checkinCode.card.howTo': 'Students send: /checkin {id} {code}',
  'checkinCode.card.count': 'Checked in: {attended}/{seated}',
  'checkinCode.card.refresh': 'Refresh',

  'checkin.usage':
    "Usage: /checkin <activity id> <code>, e.g. /checkin A12 483920. The code is on the organiser's card at the activity.",
  'checkin.notYet': 'Check-in for activity {id} “{title}” has not opened yet. Check-in: {from} to {until}.',
  'checkin.over': 'Check-in for activity {id} “{title}” is over (it was {from} to {until}).',
  'checkin.notSeated':
    'You do not hold a seat at activity {id} “{title}” (not registered, or still waiting), so you cannot check in.',
  'checkin.already': 'You have already checked in at activity {id} “{title}”.',
  'checkin.wrongCode':
    "That code is wrong or has expired. Look at the current code on the organiser's card and send /checkin {id} <code> again.",
  'checkin.done': 'Checked in: {id} “{title}”.',
  'checkin.hours': ' {hours} second-classroom hours count once it ends.',

  'excuse.usage': 'Usage: /excuse <activity id> <reason>, e.g. /excuse A12 I have an exam that day',
  'excuse.tooLong': 'A reason can be at most {max} characters.',
  'excuse.started': 'Activity {id} “{title}” started at {start}; it is too late to be excused.',
  'excuse.notSeated':
    'You do not hold a seat at activity {id} “{title}” (not registered, or still waiting); there is nothing to excuse.',
  'excuse.attended': 'You have already checked in at activity {id} “{title}”.',
  'excuse.toOrganiser': '{name} is excused from activity {id} “{title}”. Reason: {reason}',
  'excuse.done':
    'Excused from {id} “{title}”: not counted absent, and the organiser has been told. Your seat is kept; if you will not come, send /cancel {id} to give it to someone waiting.',

  'noShow.delayed':
    'You cannot register for activity {id} “{title}” yet: in the last {withinDays} days you held a seat {n} times without checking in or being excused ({activities}). Under the no-show rule ({absences} or more absences within {withinDays} days), until {ruleEnds} you may register for an activity only {delayHours} hours after its registration opens, so that others go first. For this one you may register from {at}. Next time, /excuse yourself or /cancel in advance.',

  'reminder.activity.day':
    'Reminder: {id} “{title}”, which you registered for, starts at {start}. Place: {place}. If you cannot come, send /excuse {id} <reason> or /cancel {id}.',
  'reminder.activity.soon':
    "Reminder: {id} “{title}” starts in about {hours} h ({start}). Place: {place}. Check in there with the organiser's code: /checkin {id} <code>.",
  'job.activity-reminders':
    'Reminds registered students 24 h and 1 h before an activity starts (held over or skipped in quiet hours)',

  'actRoster.forbidden':
    "Only activity {id}'s organiser, the organising department's heads and the presidium can see its roster.",
  'actRoster.card.title': 'Roster · {id}',
  'actRoster.card.activity': '{department} · {start} · {place}',
  'actRoster.card.seats': 'Registered {seated}/{capacity} · waiting {waiting} · offers {offers}',
  'actRoster.card.attendance': 'Attended {attended} · absent {absent} · excused {excused}',
  'actRoster.card.attendanceSoFar':
    'Checked in {attended} · excused {excused} (absences are counted once it ends)',
  'actRoster.card.hours': 'Second-classroom hours: {hours} granted ({each} each)',
  'actRoster.card.noHours': 'No second-classroom hours for this activity',
  'actRoster.card.file': 'The full roster is in {fileName}',
  'actRoster.csv.fileName': 'roster-{id}-{date}.csv',
  'actRoster.csv.tooLarge': 'The roster is too large to send as a file; ask an administrator to export it.',
  'actRoster.csv.col.n': 'No.',
  'actRoster.csv.col.name': 'Name',
  'actRoster.csv.col.college': 'College',
  'actRoster.csv.col.grade': 'Grade',
  'actRoster.csv.col.status': 'Status',
  'actRoster.csv.col.checkIn': 'Check-in',
  'actRoster.csv.col.hours': 'Second-classroom hours',
  'actRoster.csv.seated': 'registered',
  'actRoster.csv.offered': 'offered, to confirm',
  'actRoster.csv.waiting': 'waiting #{n}',
  'actRoster.csv.undrawn': 'in the draw',
  'actRoster.csv.attended': 'attended',
  'actRoster.csv.absent': 'absent',
  'actRoster.csv.excused': 'excused: {reason}',
  'actRoster.csv.none': '—',

  'activityReport.title': 'Campus activities',
  'activityReport.counts': '{held} activities held this month, {registrations} registrations.',
  'activityReport.attendance':
    '{attended} attended, {excused} excused, {absent} absent; attendance {rate} (attended ÷ (registered − excused)).',
  'activityReport.hours': '{hours} second-classroom hours granted.',
  'activityReport.byDepartment': 'By organising department: {parts}',
  'activityReport.departmentPart':
    '{name}: {held} held, {registrations} registered, {attended} attended, {absent} absent, attendance {rate}, {hours} h',
  'activityReport.rate': '{r}%',
  'activityReport.none': '—',
  'activityReport.chart.registrations': 'Registered',
  'activityReport.chart.attended': 'Attended',
  'activityReport.chart.absent': 'Absent',
};
