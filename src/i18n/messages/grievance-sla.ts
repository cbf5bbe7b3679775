/**
 * Grievance service levels: the escalation job's notices to officers. They name the
 * ticket, its category and unit and the time used, never its text or its reporter.
 */
export const zh = {
  'job.grievance-escalation':
    '每 10 分钟检查权益诉求的时限：用到 75% 提醒经办人，首次回复超时报告负责部门负责人和主席团，办结超时报告校团委；办结后 7 天未评价的关闭',
  'sla.warn.first':
    '诉求 {id}（{category}，{unit}）快到首次回复时限了：{used}，还剩 {left}。请尽快回复同学。',
  'sla.warn.resolve': '诉求 {id}（{category}，{unit}）快到办结时限了：{used}，还剩 {left}。',
  'sla.breach.first': '诉求 {id}（{category}，{unit}）已超过首次回复时限，仍未回复同学：{used}。{claimer}',
  'sla.breach.resolve': '诉求 {id}（{category}，{unit}）已超过办结时限，仍未办结：{used}。{claimer}',
  'sla.due': '截止 {due}。',
  'sla.used': '已用 {used} / {target}',
  'sla.usedWorking': '已用 {used} / {target}（按工作时间计）',
  'sla.hours': '{n} 小时',
  'sla.claimer': '经办人：{name}。',
  'sla.claimerUnnamed': '已有人认领。',
  'sla.unclaimed': '还没有人认领。',
} as const;

export const en: Record<keyof typeof zh, string> = {
  'job.grievance-escalation':
    'Every 10 minutes, grievance service levels: the claimer is warned at 75%; a missed first response goes to the unit’s heads and the presidium, a missed resolution to the League committee; resolved tickets unrated for 7 days are closed',
  'sla.warn.first':
    'Grievance {id} ({category}, {unit}) is close to its first-response target: {used}, {left} left. Please answer the student soon.',
  'sla.warn.resolve':
    'Grievance {id} ({category}, {unit}) is close to its resolution target: {used}, {left} left.',
  'sla.breach.first':
    'Grievance {id} ({category}, {unit}) has missed its first-response target and the student has no answer yet: {used}. {claimer}',
  'sla.breach.resolve':
    'Grievance {id} ({category}, {unit}) has missed its resolution target and is not resolved: {used}. {claimer}',
  'sla.due': 'Due {due}.',
  'sla.used': '{used} of {target} used',
  'sla.usedWorking': '{used} of {target} used (working hours)',
  'sla.hours': '{n} h',
  'sla.claimer': 'Claimed by {name}.',
  'sla.claimerUnnamed': 'Claimed.',
  'sla.unclaimed': 'Nobody has claimed it.',
};
