/** Texts of grievance statistics (report section, public summary), retention and `/我的数据`. English must have every key. */
export const zh = {
  'grievanceStats.none': '—',
  'grievanceStats.hours': '{h} 小时',
  'grievanceStats.noRatings': '暂无评价',

  'grievanceStats.report.title': '权益诉求',
  'grievanceStats.report.counts': '收到 {received} 件，办结 {resolved} 件',
  'grievanceStats.report.times':
    '首次响应用时中位数 {firstResponse}，办结用时中位数 {resolution}（自提交起计）',
  'grievanceStats.report.satisfaction':
    '满意度：平均 {avg} 分，{n} 人评价，其中 {low} 人（{share}%）评 2 分及以下',
  'grievanceStats.report.breaches': '超时：首次响应超时 {first} 件，办结超时 {resolve} 件',
  'grievanceStats.report.byCategory': '按类别（收到/办结）：{parts}',
  'grievanceStats.report.categoryPart': '{name} {received}/{resolved}',
  'grievanceStats.report.byUnit': '按处理单位（收到/办结/超时）：{parts}',
  'grievanceStats.report.unitPart': '{name} {received}/{resolved}/{breaches}',
  'grievanceStats.chart.received': '收到',
  'grievanceStats.chart.resolved': '办结',

  'grievanceStats.summary':
    '{university}学生会 {month} 权益诉求办理情况\n收到 {received} 件，办结 {resolved} 件\n首次响应用时中位数：{firstResponse}\n办结用时中位数：{resolution}\n满意度：{satisfaction}\n按类别：{categories}\n（仅公开数量与用时，不含诉求内容和任何个人信息。）',
  'grievanceStats.summary.satisfaction': '平均 {avg} 分（{n} 人评价）',
  'grievanceStats.summary.categoryPart': '{name} {n} 件',

  'job.grievance-summary': '每月 1 日在公告群公开上月权益诉求的数量与用时（不含内容和个人信息）',
  'job.grievance-retention': '每天删除关闭已超过保存期限（默认 730 天）的权益诉求',

  'cmd.mydata.summary': '查看并下载机器人保存的关于我的全部数据（JSON 文件）',
  'cmd.mydata.usage': '/我的数据',
  'myData.fileName': '我的数据-{date}.json',
  'myData.sent':
    '这是机器人保存的关于你的全部数据（{fileName}）：{parts}。文件只发给你本人；你提交的匿名诉求也包括在内，其他人无从得知是你提交的。',
  'myData.tooLarge': '你的数据超过了可以发送的文件大小，请联系管理员导出。',
  'myData.count.applications': '入会申请 {n} 份',
  'myData.count.memberships': '任职 {n} 处',
  'myData.count.exits': '退出记录 {n} 条',
  'myData.count.tickets': '权益诉求 {n} 件',
  'myData.count.cosigned': '附议 {n} 件',
  'myData.count.registrations': '活动报名 {n} 次',
  'myData.count.profile': '报名资料 {n} 份',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'grievanceStats.none': '—',
  'grievanceStats.hours': '{h} h',
  'grievanceStats.noRatings': 'no ratings yet',

  'grievanceStats.report.title': 'Grievances',
  'grievanceStats.report.counts': '{received} received, {resolved} resolved',
  'grievanceStats.report.times':
    'Median time to first response {firstResponse}, to resolution {resolution} (from filing)',
  'grievanceStats.report.satisfaction':
    'Satisfaction: average {avg} from {n} ratings; {low} ({share}%) rated 2 or lower',
  'grievanceStats.report.breaches': 'Missed service levels: {first} first responses, {resolve} resolutions',
  'grievanceStats.report.byCategory': 'By category (received/resolved): {parts}',
  'grievanceStats.report.categoryPart': '{name} {received}/{resolved}',
  'grievanceStats.report.byUnit': 'By handling unit (received/resolved/missed): {parts}',
  'grievanceStats.report.unitPart': '{name} {received}/{resolved}/{breaches}',
  'grievanceStats.chart.received': 'received',
  'grievanceStats.chart.resolved': 'resolved',

  'grievanceStats.summary':
    '{university} Student Union: grievances in {month}\n{received} received, {resolved} resolved\nMedian time to first response: {firstResponse}\nMedian time to resolution: {resolution}\nSatisfaction: {satisfaction}\nBy category: {categories}\n(Numbers and times only: no ticket text and nothing about anyone.)',
  'grievanceStats.summary.satisfaction': 'average {avg} ({n} ratings)',
  'grievanceStats.summary.categoryPart': '{name} {n}',

  'job.grievance-summary':
    "On the 1st, last month's grievances in numbers and times to the announcements chat (no text, nobody named)",
  'job.grievance-retention':
    'Daily, deletes grievance tickets closed longer ago than the retention period (730 days)',

  'cmd.mydata.summary': 'See and download everything the bot keeps about me (a JSON file)',
  'cmd.mydata.usage': '/mydata',
  'myData.fileName': 'my-data-{date}.json',
  'myData.sent':
    'Here is everything the bot keeps about you ({fileName}): {parts}. The file goes to you only; any anonymous tickets of yours are in it, and nobody else can tell they are yours.',
  'myData.tooLarge': 'Your data is larger than a file the bot can send. Please ask an admin to export it.',
  'myData.count.applications': '{n} applications',
  'myData.count.memberships': '{n} seats',
  'myData.count.exits': '{n} exits',
  'myData.count.tickets': '{n} grievance tickets',
  'myData.count.cosigned': '{n} co-signed tickets',
  'myData.count.registrations': '{n} activity registrations',
  'myData.count.profile': '{n} registration profiles',
};
