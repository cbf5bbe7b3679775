import { unitsOf } from '../../domain/units.ts';
import { previousMonth } from '../../lib/dates.ts';
import { textContent } from '../../messages/content.ts';
import type { Job } from '../job.ts';

/**
 * On the 1st: every unit's leaders are reminded to hold this month's study meeting
 * (source document 二(四)1), with what their unit recorded last month.
 */
export const studyMeetingReminder: Job = {
  name: 'study-meeting-reminder',
  cron: '0 9 1 * *',
  summary: 'job.studyMeetingReminder.summary',
  period: 'month',
  reminder: true,
  catchUp: true,
  supersededBy: 'study-meeting-followup',
  async run(ctx) {
    const { t } = ctx;
    const last = previousMonth(ctx.period);
    for (const unit of await ctx.repos.meetings.withMeetings(unitsOf(ctx.org, t('unit.school')), last)) {
      const lines = [t('meeting.reminder.text', { unit: unit.name, month: ctx.period })];
      if (unit.meetings.length === 0) lines.push(t('meeting.reminder.lastNone', { month: last }));
      else {
        lines.push(t('meeting.reminder.last', { month: last }));
        for (const m of unit.meetings)
          lines.push(t('meeting.reminder.item', { date: m.date, topic: m.topic }));
      }
      const sent = ctx.sendToPeople(unit.leaders, textContent(lines.join('\n')));
      if (sent === 0) ctx.log.warn({ unit: unit.id }, 'study meetings: a unit has no leaders to remind');
    }
  },
};
