import { meetingMonthElements, meetingsChart } from '../../cards/meetings/meeting-cards.ts';
import { unitsOf } from '../../domain/units.ts';
import type { ReportSection } from '../section.ts';

/**
 * Study meetings per unit in the month (source document 二(四)1: 校院两级学生会每个月至少
 * 召开一次会议): each unit held or not, with dates and topics, and a bar chart.
 */
export const studyMeetingsSection: ReportSection = {
  id: 'study-meetings',
  async build(ctx, month) {
    const units = await ctx.repos.meetings.withMeetings(unitsOf(ctx.org, ctx.t('unit.school')), month);
    return {
      title: ctx.t('meeting.report.title'),
      elements: [...meetingMonthElements(units, ctx.t), meetingsChart(units)],
      facts: {
        unitsTotal: units.length,
        unitsHeld: units.filter((u) => u.meetings.length > 0).length,
        meetings: units.reduce((sum, u) => sum + u.meetings.length, 0),
      },
    };
  },
};
